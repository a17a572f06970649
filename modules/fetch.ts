// ansible.builtin.fetch: one exec reads the remote sha1, the local copy is compared here, one get transfers when they differ.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';

export interface FetchArgs {
  src: string;
  dest: string;
  flat?: boolean;
  fail_on_missing?: boolean;
  validate_checksum?: boolean;
}

export interface FetchSteps {
  dest: string;
  remoteChecksum: string;
}

const schema = {
  type: 'object',
  properties: {
    src: { type: 'string' },
    dest: { type: 'string' },
    flat: { type: 'boolean', default: false },
    fail_on_missing: { type: 'boolean', default: true },
    validate_checksum: { type: 'boolean', default: true },
  },
  required: ['src', 'dest'],
  additionalProperties: false,
} as const;

const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** Ansible's dest layout: flat → dest (or dest/basename when dest ends in /), else dest/inventory_hostname/src. */
export function fetchDest(args: FetchArgs, host: string, baseDir: string): string {
  let dest = args.dest.startsWith('~') ? join(process.env['HOME'] ?? '', args.dest.slice(1)) : args.dest;
  if (!isAbsolute(dest)) dest = join(baseDir, dest);
  if (args.flat) return dest.endsWith('/') ? join(dest, posix.basename(args.src)) : dest;
  return posix.normalize(`${dest}/${host}/${posix.normalize(args.src.replace(/\\/g, '/'))}`);
}

/** What the target has at src: its sha1, or why there is nothing to fetch. */
export function fetchProbeScript(src: string): string {
  return [
    `p=${shellQuote(src)}`,
    'if [ -d "$p" ]; then echo dir',
    'elif [ -f "$p" ]; then if [ -r "$p" ]; then echo "file $(sha1sum < "$p" | cut -c1-40)"; else echo unreadable; fi',
    'elif [ -e "$p" ]; then echo other; else echo missing; fi',
  ].join('\n');
}

async function plan(args: FetchArgs, ctx: ModuleContext): Promise<Plan<FetchSteps>> {
  const fail = (msg: string, extra: ModuleResult = {}): Plan<FetchSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });
  if (ctx.check) return { changed: false, reason: 'fetch does not support check mode', result: { changed: false, skipped: true, msg: 'check mode not (yet) supported for this module' } };
  const out = await ctx.conn.exec(fetchProbeScript(args.src), { become: ctx.become });
  const [kind = '', remote = ''] = out.stdout.trim().split(' ');
  if (kind === 'dir') return fail('remote file is a directory, fetch cannot work on directories');
  if (kind === 'missing' || kind === 'unreadable' || kind === 'other') {
    const msg = kind === 'missing' ? 'the remote file does not exist, not transferring, ignored' : kind === 'unreadable' ? 'unable to calculate the checksum of the remote file' : 'remote file is not a regular file, not transferring, ignored';
    if (args.fail_on_missing ?? true) return fail(msg);
    return { changed: false, reason: msg, result: { changed: false, file: args.src, msg } };
  }
  const baseDir = ctx.searchPath[ctx.searchPath.length - 1] ?? process.cwd();
  const dest = fetchDest(args, ctx.host, baseDir);
  if (existsSync(dest) && statSync(dest).isDirectory()) return fail(`dest path ${dest} is a directory (use flat=yes with a trailing / or a file name)`);
  const local = existsSync(dest) ? readFileSync(dest) : null;
  if (local !== null && sha1(local) === remote) {
    return { changed: false, reason: `${dest} already matches ${args.src}`, result: { changed: false, checksum: remote, dest, file: args.src, md5sum: md5(local) } };
  }
  return { changed: true, steps: { dest, remoteChecksum: remote } };
}

async function apply(steps: FetchSteps, args: FetchArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const data = await ctx.conn.get(args.src, { become: ctx.become });
  const checksum = sha1(data);
  if ((args.validate_checksum ?? true) && checksum !== steps.remoteChecksum) {
    return { changed: false, failed: true, checksum, dest: steps.dest, msg: 'checksum mismatch', remote_checksum: steps.remoteChecksum, remote_md5sum: null };
  }
  mkdirSync(dirname(steps.dest), { recursive: true });
  const tmp = `${steps.dest}.tsible-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, steps.dest);
  return { changed: true, checksum, dest: steps.dest, md5sum: md5(data), remote_checksum: steps.remoteChecksum, remote_md5sum: null };
}

export const fetch: ModuleDefinition<FetchArgs, FetchSteps> = {
  name: 'ansible.builtin.fetch',
  aliases: ['fetch', 'ansible.legacy.fetch'],
  freeForm: false,
  // discovered_interpreter_python: Ansible's action runs stat but keeps its result (and the fact) to itself
  pythonFact: 'never',
  output: 'json',
  schema,
  plan,
  apply: (p, args, ctx) => apply(p.steps, args, ctx),
};
