import { posix } from 'node:path';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { attrCommands, defaultMode, planAttrs, type AttrArgs } from './lib/file-attrs.js';
import { formatMode, resolveMode } from './lib/file-mode.js';
import { idLookupScript, parseIds, parseStats, parseWhoami, statScript, WHOAMI_SCRIPT, type RemoteStat } from './lib/remote-stat.js';

export type FileState = 'absent' | 'directory' | 'file' | 'hard' | 'link' | 'touch';

export interface FileArgs extends AttrArgs {
  path?: string;
  dest?: string;
  name?: string;
  state?: FileState;
  src?: string;
  recurse?: boolean;
  force?: boolean;
  follow?: boolean;
  access_time?: string;
  modification_time?: string;
  access_time_format?: string;
  modification_time_format?: string;
}

/** The commands that close the gap, then what the result reports. */
export interface FileSteps {
  commands: string[];
  path: string;
  state: FileState;
  /** the result key naming the path: Ansible says `dest` for touch/link/hard, `path` otherwise */
  key: 'path' | 'dest';
  src?: string | undefined;
}

export const fileSchema = {
  type: 'object',
  properties: {
    path: { type: 'string' },
    dest: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string', enum: ['absent', 'directory', 'file', 'hard', 'link', 'touch'] },
    src: { type: 'string' },
    recurse: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    follow: { type: 'boolean', default: true },
    mode: { type: ['string', 'integer'] },
    owner: { type: 'string' },
    group: { type: 'string' },
    access_time: { type: 'string' },
    modification_time: { type: 'string' },
    access_time_format: { type: 'string', default: '%Y%m%d%H%M.%S' },
    modification_time_format: { type: 'string', default: '%Y%m%d%H%M.%S' },
    attributes: { type: 'string' },
    unsafe_writes: { type: 'boolean' },
    seuser: { type: 'string' },
    serole: { type: 'string' },
    setype: { type: 'string' },
    selevel: { type: 'string' },
    _diff_peek: { type: 'boolean' },
    _original_basename: { type: 'string' },
  },
  additionalProperties: false,
} as const;

type FilePlan = Plan<FileSteps>;

function fail(msg: string, path: string | undefined): FilePlan {
  return { changed: false, reason: msg, result: { failed: true, msg, ...(path !== undefined ? { path } : {}) } };
}

const RECURSE_SCRIPT = (p: string): string => `echo @tree; find ${shellQuote(p)} -mindepth 1 ! -type l -printf '%m %u %g %y\\n' | sort -u; echo @endtree`;

/** file: one exec reads the path (and src, and a recursive tree summary), then decide. */
export async function planFile(args: FileArgs, ctx: ModuleContext): Promise<FilePlan> {
  const path = args.path ?? args.dest ?? args.name;
  if (path === undefined) return fail('missing required arguments: path', undefined);
  const src = args.src !== undefined && args.state === 'link' && !args.src.startsWith('/') ? posix.join(posix.dirname(path), args.src) : args.src;
  const script = [WHOAMI_SCRIPT, idLookupScript(args.owner, args.group), statScript(path), statScript(path, { follow: true })];
  if (src !== undefined) script.push(statScript(src));
  if (args.recurse && args.state === 'directory') script.push(RECURSE_SCRIPT(path));
  const out = await ctx.conn.exec(script.filter(Boolean).join('\n'), { become: ctx.become });
  const who = parseWhoami(out.stdout);
  const [cur, followed, srcStat] = parseStats(out.stdout);
  if (!who || !cur || !followed) return fail(`could not read ${path}: ${out.stderr.trim()}`, path);
  const ids = parseIds(out.stdout);
  const prev = cur.type === 'other' ? 'file' : cur.type;
  const state: FileState = args.state ?? (prev === 'absent' ? 'file' : (prev as FileState));
  if (args.recurse && state !== 'directory') return fail('recurse option requires state to be \'directory\'', path);
  const pq = shellQuote(path);
  const times = timeCommands(args, state, cur);
  const attrTarget = args.follow !== false && cur.type === 'link' && (state === 'file' || state === 'directory') ? followed : cur;
  const diffOf = (before: Record<string, unknown>, after: Record<string, unknown>): ModuleResult[] | undefined =>
    ctx.diff ? [{ before: { path, ...before }, after: { path, ...after } }] : undefined;
  const attrs = planAttrs(args, prev === 'absent' ? undefined : attrTarget, state === 'directory', who, ids);
  if (attrs instanceof Error) return fail(attrs.message, path);

  switch (state) {
    case 'absent': {
      if (prev === 'absent') return { changed: false, reason: 'already absent', result: { path, state: 'absent' } };
      return { changed: true, steps: { commands: [`rm -rf -- ${pq}`], path, state, key: 'path' }, diff: diffOf({ state: prev }, { state: 'absent' }), result: { path, state: 'absent' } };
    }
    case 'file': {
      if (prev === 'absent') return { changed: false, reason: 'absent', result: { failed: true, msg: `file (${path}) is absent, cannot continue`, path, state: 'absent' } };
      if (attrTarget.type !== 'file' && attrTarget.type !== 'other') return fail(`file (${path}) is ${prev}, cannot continue`, path);
      return attrPlan(path, 'file', 'path', attrs.chmod || attrs.chown ? attrCommands(path, attrs, args) : [], times, attrs.before, attrs.after, ctx, attrTarget);
    }
    case 'directory': {
      if (prev === 'absent') {
        const mode = args.mode !== undefined ? resolveMode(args.mode, defaultMode(true, who), true) : undefined;
        if (mode instanceof Error) return fail(mode.message, path);
        const who2 = `${args.owner !== undefined ? attrs.uid : ''}${args.group !== undefined ? `:${attrs.gid}` : ''}`;
        // like Ansible, every directory this creates (not only the last) gets the mode and owner
        const each = [`mkdir -- "$x"`, ...(mode !== undefined ? [`chmod ${formatMode(mode)} "$x"`] : []), ...(who2 ? [`chown ${who2} "$x"`] : [])].join(' && ');
        const cmds = [`d=${pq}; set --; while [ ! -e "$d" ] && [ ! -L "$d" ]; do set -- "$d" "$@"; d=$(dirname -- "$d"); done`, `for x in "$@"; do ${each}; done`];
        const before: Record<string, unknown> = { state: 'absent' };
        const after: Record<string, unknown> = { state: 'directory' };
        if (mode !== undefined && mode !== defaultMode(true, who) && !ctx.check) [before.mode, after.mode] = [formatMode(defaultMode(true, who)), formatMode(mode)];
        return { changed: true, steps: { commands: [...cmds, ...times.commands], path, state, key: 'path' }, diff: diffOf(before, after) };
      }
      if (attrTarget.type !== 'directory') return { changed: false, reason: 'not a directory', result: { ...statResult(path, 'path', attrTarget, stateName(attrTarget)), failed: true, msg: `${path} already exists as a ${prev}` } };
      let cmds = attrs.chmod || attrs.chown ? attrCommands(path, attrs, args) : [];
      if (args.recurse && treeDiffers(out.stdout, args, attrs, ids)) cmds = [...cmds, ...attrCommands(path, attrs, args, { recurse: true })];
      return attrPlan(path, 'directory', 'path', cmds, times, attrs.before, attrs.after, ctx, attrTarget);
    }
    case 'touch': {
      const cmds = [`touch ${pq}`, ...attrCommands(path, attrs, args), ...times.commands];
      if (prev === 'absent') {
        const mode = args.mode !== undefined ? resolveMode(args.mode, defaultMode(false, who), false) : undefined;
        if (mode instanceof Error) return fail(mode.message, path);
        if (mode !== undefined) cmds.push(`chmod ${formatMode(mode)} ${pq}`);
        const who2 = `${args.owner !== undefined ? attrs.uid : ''}${args.group !== undefined ? `:${attrs.gid}` : ''}`;
        if (who2) cmds.push(`chown ${who2} ${pq}`);
      }
      return { changed: true, steps: { commands: cmds, path, state: 'file', key: 'dest' }, diff: diffOf({ state: prev }, { state: 'touch' }) };
    }
    case 'link':
    case 'hard': {
      if (args.src === undefined || src === undefined) return fail(`src is required for creating a ${state === 'link' ? 'symlink' : 'hard link'}`, path);
      const sameLink = state === 'link' ? cur.type === 'link' && cur.target === args.src : prev !== 'absent' && srcStat !== undefined && cur.ino === srcStat.ino;
      if (sameLink) {
        const cmds = state === 'link' ? (attrs.chown ? attrCommands(path, attrs, args, { noDeref: true }) : []) : attrs.chmod || attrs.chown ? attrCommands(path, attrs, args) : [];
        return attrPlan(path, state, 'dest', cmds, times, attrs.before, attrs.after, ctx, cur, args.src);
      }
      if (state === 'hard' && (srcStat === undefined || srcStat.type === 'absent')) return fail(`src does not exist`, path);
      if (state === 'link' && (srcStat === undefined || srcStat.type === 'absent') && !args.force) {
        return fail(`src file does not exist, use "force=yes" if you really want to create the link: ${src}`, path);
      }
      if (state === 'link' && prev !== 'absent' && prev !== 'link' && !args.force) return fail(`refusing to convert from ${prev} to symlink for ${path}`, path);
      if (state === 'hard' && prev !== 'absent' && !args.force) return fail(`Cannot link, ${prev} exists at destination`, path);
      const cmds = [
        ...(prev === 'directory' ? [`rmdir -- ${pq}`] : []),
        state === 'link' ? `ln -sfn -- ${shellQuote(args.src)} ${pq}` : `ln -f -- ${shellQuote(args.src)} ${pq}`,
      ];
      if (args.owner !== undefined || args.group !== undefined) cmds.push(`chown -h ${args.owner !== undefined ? attrs.uid : ''}${args.group !== undefined ? `:${attrs.gid}` : ''} ${pq}`);
      return { changed: true, steps: { commands: cmds, path, state, key: 'dest', src: args.src }, diff: diffOf({ state: prev }, { state }) };
    }
  }
}

function attrPlan(path: string, state: FileState, key: 'path' | 'dest', cmds: string[], times: { commands: string[] }, before: Record<string, unknown>, after: Record<string, unknown>, ctx: ModuleContext, st: RemoteStat, src?: string): FilePlan {
  const commands = [...cmds, ...times.commands];
  const steps: FileSteps = { commands, path, state, key, src };
  if (commands.length === 0) return { changed: false, reason: `${path} already as wanted`, result: statResult(path, key, st, state === 'hard' ? 'hard' : stateName(st), src) };
  return { changed: true, steps, diff: ctx.diff ? [{ before: { path, ...before }, after: { path, ...after } }] : undefined };
}

/** Does any entry under a recursed directory differ in mode/owner/group? Judged from `find`'s distinct (mode, user, group, type) lines. */
function treeDiffers(stdout: string, args: AttrArgs, attrs: { uid: number; gid: number; owner: string; group: string }, ids: { uid?: number | undefined; gid?: number | undefined }): boolean {
  const section = /@tree\n([\s\S]*?)@endtree/.exec(stdout)?.[1] ?? '';
  for (const line of section.split('\n').filter(Boolean)) {
    const [m, u, g, t] = line.split(' ');
    const current = parseInt(m ?? '0', 8);
    if (args.mode !== undefined) {
      const want = resolveMode(args.mode, current, t === 'd');
      if (want instanceof Error || want !== current) return true;
    }
    if (args.owner !== undefined && u !== args.owner && u !== String(ids.uid) && u !== attrs.owner) return true;
    if (args.group !== undefined && g !== args.group && g !== String(ids.gid) && g !== attrs.group) return true;
  }
  return false;
}

/** access_time/modification_time: `now` always changes, `preserve` never, a timestamp when it differs. */
function timeCommands(args: FileArgs, state: FileState, cur: RemoteStat): { commands: string[] } {
  const commands: string[] = [];
  const q = shellQuote(args.path ?? args.dest ?? args.name ?? '');
  for (const [key, flag, currentValue] of [['access_time', '-a', cur.atime], ['modification_time', '-m', cur.mtime]] as const) {
    const value = args[key] ?? (state === 'touch' ? 'now' : 'preserve');
    if (value === 'preserve' || (state === 'touch' && value === 'now')) continue;
    if (value === 'now') commands.push(`touch ${flag} ${q}`);
    else {
      const wanted = parseTouchTime(value);
      if (wanted === undefined || Math.floor(wanted / 1000) !== currentValue) commands.push(`touch ${flag} -t ${shellQuote(value)} ${q}`);
    }
  }
  return { commands };
}

/** `%Y%m%d%H%M.%S` (the default format) as local epoch ms. */
function parseTouchTime(value: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d\d))?$/.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)).getTime();
}

/** A path's attributes as the file module reports them. */
function statResult(path: string, key: 'path' | 'dest', st: RemoteStat, state: string, src?: string): ModuleResult {
  return {
    [key]: path,
    ...(src !== undefined ? { src } : {}),
    gid: st.gid,
    group: st.group,
    mode: formatMode(st.mode),
    owner: st.owner,
    size: st.size,
    state,
    uid: st.uid,
  };
}

/** Run the commands and stat the result in the same exec. */
export async function applyFile(steps: FileSteps, ctx: ModuleContext): Promise<ModuleResult> {
  const script = `set -e\n${steps.commands.join('\n')}\nset +e\n${statScript(steps.path)}`;
  const out = await ctx.conn.exec(script, { become: ctx.become });
  if (out.rc !== 0) return { changed: false, failed: true, path: steps.path, msg: out.stderr.trim() || `exit code ${out.rc}` };
  if (steps.state === 'absent') return { changed: true, path: steps.path, state: 'absent' };
  const st = parseStats(out.stdout)[0];
  if (!st) return { changed: true, path: steps.path };
  return { changed: true, ...statResult(steps.path, steps.key, st, steps.state === 'hard' ? 'hard' : stateName(st), steps.src) };
}

function stateName(st: RemoteStat): string {
  return st.type === 'other' ? 'file' : st.type === 'absent' ? 'absent' : st.type === 'link' ? 'link' : st.type;
}

export const file: ModuleDefinition<FileArgs, FileSteps> = {
  name: 'ansible.builtin.file',
  aliases: ['file', 'ansible.legacy.file'],
  freeForm: false,
  output: 'json',
  schema: fileSchema,
  plan: planFile,
  checkResult: (plan) => ({ changed: true, [plan.steps.key]: plan.steps.path, ...(plan.diff ? { diff: plan.diff } : {}) }),
  async apply(plan, _args, ctx) {
    const result = await applyFile(plan.steps, ctx);
    return ctx.diff && plan.diff && !result.failed ? { ...result, diff: plan.diff } : result;
  },
};

