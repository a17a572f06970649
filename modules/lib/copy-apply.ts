// The write half of copy/template: upload (or copy on the target), validate, back up, move into place.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ModuleContext, ModuleResult } from '../../src/executor/module-contract.js';
import { attrCommands, type AttrArgs, type AttrPlan } from './file-attrs.js';
import { formatMode } from './file-mode.js';
import type { LocalFileLoad } from './local-file-load.js';

/** One destination file and what it needs. */
export interface FileStep {
  dest: string;
  /** bytes to upload */
  data?: Buffer | undefined;
  /** or a big controller file to stream, hashed on the way: its checksum and md5sum go into the result */
  stream?: LocalFileLoad | undefined;
  /** or a path on the target to copy from (remote_src) */
  remoteSrc?: string | undefined;
  /** content differs (or dest is missing): write it; otherwise only attributes change */
  write: boolean;
  attrs: AttrPlan;
  attrArgs: AttrArgs;
  /** create this directory (and parents) first */
  mkdir?: string | undefined;
  backup: boolean;
  validate?: string | undefined;
  /** the result to report once done */
  result: ModuleResult;
}

/** Ansible's `backup_local` name, computed on the target so PID and clock are the target's. */
const BACKUP = `b="$d.$$.$(date +%Y-%m-%d@%H:%M:%S)~"; cp -p "$d" "$b" && echo "@backup=$b"`;

/** Carry out one file's step; returns its result, or a failed result in Ansible's words. */
export async function applyFileStep(step: FileStep, ctx: ModuleContext): Promise<ModuleResult> {
  const become = ctx.become;
  const d = shellQuote(step.dest);
  if (!step.write) {
    const cmds = attrCommands(step.dest, step.attrs, step.attrArgs);
    const out = await ctx.conn.exec(cmds.join(' && '), { become });
    if (out.rc !== 0) return { ...step.result, changed: false, failed: true, msg: out.stderr.trim() || `failed to set attributes on ${step.dest}` };
    return { ...step.result, changed: true };
  }
  const mode = formatMode(step.attrs.mode);
  const owner = step.attrArgs.owner !== undefined ? String(step.attrs.uid) : undefined;
  const group = step.attrArgs.group !== undefined ? String(step.attrs.gid) : undefined;
  const upload = step.data ?? (step.stream ? { chunks: step.stream.chunks(), size: step.stream.size } : undefined);
  const simple = upload !== undefined && !step.backup && step.validate === undefined;
  if (step.mkdir !== undefined) {
    const out = await ctx.conn.exec(`mkdir -p ${shellQuote(step.mkdir)}`, { become });
    if (out.rc !== 0) return { ...step.result, changed: false, failed: true, msg: out.stderr.trim() };
  }
  if (simple) {
    try {
      await ctx.conn.put(upload, step.dest, { mode, owner, group, become });
    } catch (error) {
      return { ...step.result, changed: false, failed: true, msg: (error as Error).message };
    }
    return { ...(await withDigests(step)), changed: true };
  }
  const dir = posix.dirname(step.dest);
  const tmp = `${dir}/.tsible-tmp.${randomBytes(6).toString('hex')}`;
  const t = shellQuote(tmp);
  const lines = [`t=${t}; d=${d}`];
  if (upload !== undefined) {
    try {
      await ctx.conn.put(upload, tmp, { mode, owner, group, become });
    } catch (error) {
      return { ...step.result, changed: false, failed: true, msg: (error as Error).message };
    }
  } else {
    const who = `${owner ?? ''}${group !== undefined ? `:${group}` : ''}`;
    lines.push(`cp -- ${shellQuote(step.remoteSrc ?? '')} "$t" || exit 2`, `chmod ${mode} "$t" || { rm -f "$t"; exit 2; }`);
    if (who !== '') lines.push(`chown ${who} "$t" || { rm -f "$t"; exit 2; }`);
  }
  if (owner === undefined && group === undefined) lines.push(`if [ -e "$d" ] && [ "$(id -u)" = 0 ]; then chown --reference="$d" "$t"; fi`);
  if (step.validate !== undefined) {
    const cmd = step.validate.split('%s').join('"$t"');
    lines.push(
      `vo=$( ${cmd} 2>"$t.err" ); vr=$?`,
      `if [ $vr -ne 0 ]; then echo "@vrc=$vr"; echo "@vout=$(printf %s "$vo" | base64 -w0)"; echo "@verr=$(base64 -w0 < "$t.err")"; rm -f "$t" "$t.err"; exit 3; fi`,
      `rm -f "$t.err"`,
    );
  }
  if (step.backup) lines.push(`if [ -f "$d" ]; then ${BACKUP}; fi`);
  lines.push(`mv -f "$t" "$d" || { rm -f "$t"; exit 2; }`);
  const out = await ctx.conn.exec(lines.join('\n'), { become });
  if (out.rc === 3) {
    const b64 = (key: string): string => Buffer.from(new RegExp(`^@${key}=(.*)$`, 'm').exec(out.stdout)?.[1] ?? '', 'base64').toString('utf8');
    const rc = Number(/^@vrc=(\d+)$/m.exec(out.stdout)?.[1] ?? 1);
    const stdout = b64('vout');
    const stderr = b64('verr');
    return { changed: false, failed: true, exit_status: rc, stdout, stderr, msg: `failed to validate` };
  }
  if (out.rc !== 0) return { ...step.result, changed: false, failed: true, msg: out.stderr.trim() || `could not write ${step.dest}` };
  const backup = /^@backup=(.*)$/m.exec(out.stdout)?.[1];
  return { ...(backup !== undefined ? { backup_file: backup } : {}), ...(await withDigests(step)), changed: true };
}

/** The step's result with a streamed file's checksum and md5sum, known once all of it was read. */
async function withDigests(step: FileStep): Promise<ModuleResult> {
  if (!step.stream) return step.result;
  const { sha1, md5 } = await step.stream.digests;
  return { ...step.result, checksum: sha1, md5sum: md5 };
}
