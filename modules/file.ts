import { posix } from 'node:path';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { attrCommands, defaultMode, planAttrs, type AttrArgs } from './lib/file-attrs.js';
import { formatMode, resolveMode } from './lib/file-mode.js';
import { parseWalk, walkScript } from './lib/file-walk.js';
import { idLookupScript, parseIds, parseStats, statBothScript, statScript, whoamiOf, whoamiScript, type RemoteStat } from './lib/remote-stat.js';

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
  _original_basename?: string;
}

/** The commands that close the gap, then what the result reports. */
export interface FileSteps {
  commands: string[];
  path: string;
  state: FileState;
  /** the result key naming the path: Ansible says `dest` for touch/link/hard, `path` otherwise */
  key: 'path' | 'dest';
  /** what the result reports as `src` (null: a kept link whose target was not read) */
  src?: string | null | undefined;
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
  const given = args.path ?? args.dest ?? args.name;
  if (given === undefined) return fail('missing required arguments: path', undefined);
  // like Ansible, a directory path (but for link/absent) stands for the entry named after src (or _original_basename) inside it
  const base = args._original_basename ?? (args.src !== undefined ? posix.basename(args.src) : undefined);
  const inDir = base && args.state !== 'link' && args.state !== 'absent' ? posix.join(given, base) : undefined;
  const script = [whoamiScript(ctx), idLookupScript(args.owner, args.group), statBothScript(given)];
  if (inDir !== undefined) script.push(statBothScript(inDir));
  // a relative link src is relative to the link's directory; a hard link's to the working directory
  const src = args.src !== undefined && args.state === 'link' && !args.src.startsWith('/') ? posix.join(posix.dirname(given), args.src) : args.src;
  if (src !== undefined) script.push(statScript(src));
  if (args.recurse && args.state === 'directory') script.push(RECURSE_SCRIPT(given));
  if (args.state === 'absent') script.push(walkScript(given));
  const out = await ctx.conn.exec(script.filter(Boolean).join('\n'), { become: ctx.become, inShell: true });
  const who = whoamiOf(out.stdout, ctx);
  const stats = parseStats(out.stdout);
  const intoDir = inDir !== undefined && stats[1]?.type === 'directory';
  const path = intoDir ? inDir : given;
  const [cur, followed] = intoDir ? stats.slice(2) : stats;
  const srcStat = src !== undefined ? stats[inDir !== undefined ? 4 : 2] : undefined;
  if (!who || !cur || !followed) return fail(`could not read ${path}: ${out.stderr.trim()}`, path);
  const ids = parseIds(out.stdout);
  const prev = cur.type === 'other' ? 'file' : cur.type;
  const state: FileState = args.state ?? (prev === 'absent' ? (args.recurse ? 'directory' : 'file') : (prev as FileState));
  if (args.recurse && state !== 'directory') return fail('recurse option requires state to be \'directory\'', path);
  if (args.src !== undefined && state !== 'link' && state !== 'hard') return fail("src option requires state to be 'link' or 'hard'", path);
  const pq = shellQuote(path);
  // with follow (the default), attributes and times are the link target's, as load_file_common_arguments makes them
  const attrTarget = args.follow !== false && cur.type === 'link' && followed.type !== 'absent' ? followed : cur;
  const times = timeCommands(args, state, attrTarget, path);
  // Ansible's file result always carries its diff (the callback shows it only with --diff)
  const diffOf = (before: Record<string, unknown>, after: Record<string, unknown>): ModuleResult[] => [{ before: { path, ...before, ...times.before }, after: { path, ...after, ...times.after } }];
  const attrs = planAttrs(args, prev === 'absent' ? undefined : attrTarget, state === 'directory', who, ids);
  if (attrs instanceof Error) return fail(attrs.message, path);

  switch (state) {
    case 'absent': {
      if (prev === 'absent') return { changed: false, reason: 'already absent', result: { path, state: 'absent' } };
      const before = prev === 'directory' ? { state: prev, path_content: parseWalk(out.stdout, path) } : { state: prev };
      return { changed: true, steps: { commands: [`rm -rf -- ${pq}`], path, state, key: 'path' }, diff: diffOf(before, { state: 'absent' }), result: { path, state: 'absent' } };
    }
    case 'file': {
      if (prev === 'absent') return { changed: false, reason: 'absent', result: { failed: true, msg: `file (${path}) is absent, cannot continue`, path, state: 'absent' } };
      if (attrTarget.type !== 'file' && attrTarget.type !== 'other') return fail(`file (${path}) is ${prev}, cannot continue`, path);
      return attrPlan(path, 'file', 'path', attrs.chmod || attrs.chown ? attrCommands(path, attrs, args) : [], times, diffOf(attrs.before, attrs.after), attrTarget);
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
      return attrPlan(path, 'directory', 'path', cmds, times, diffOf(attrs.before, attrs.after), attrTarget);
    }
    case 'touch': {
      const touchDiff = diffOf({ state: prev }, { state: 'touch' });
      // an existing path changes only by its attributes and times (both `preserve`: nothing to do)
      if (prev !== 'absent') return attrPlan(path, stateName(attrTarget) as FileState, 'dest', attrCommands(path, attrs, args), times, touchDiff, attrTarget);
      const cmds = [`[ -d "$(dirname -- ${pq})" ] || { echo "@enoent" >&2; exit 1; }`, `touch ${pq}`, ...times.commands];
      const mode = args.mode !== undefined ? resolveMode(args.mode, defaultMode(false, who), false) : undefined;
      if (mode instanceof Error) return fail(mode.message, path);
      if (mode !== undefined) cmds.push(`chmod ${formatMode(mode)} ${pq}`);
      const who2 = `${args.owner !== undefined ? attrs.uid : ''}${args.group !== undefined ? `:${attrs.gid}` : ''}`;
      if (who2) cmds.push(`chown ${who2} ${pq}`);
      return { changed: true, steps: { commands: cmds, path, state: 'file', key: 'dest' }, diff: touchDiff };
    }
    case 'link':
    case 'hard': {
      // no src on an existing link: Ansible keeps the link (its target, when followed, is the src it reports)
      const keep = args.src === undefined && state === 'link' && prev === 'link';
      const linkSrc = keep ? (attrTarget !== cur ? cur.target : undefined) : args.src;
      const sameLink = keep || (state === 'link' ? cur.type === 'link' && cur.target === args.src : prev !== 'absent' && srcStat !== undefined && cur.ino === srcStat.ino);
      if (sameLink) {
        const cmds = state === 'link' && attrTarget === cur ? (attrs.chown ? attrCommands(path, attrs, args, { noDeref: true }) : []) : attrs.chmod || attrs.chown ? attrCommands(path, attrs, args) : [];
        return attrPlan(path, state, 'dest', cmds, times, diffOf(attrs.before, attrs.after), cur, linkSrc ?? null);
      }
      if (state === 'link' && args.src === undefined) {
        if (prev !== 'absent' && !args.force) return fail(`refusing to convert from ${prev} to symlink for ${path}`, path);
        return fail('src is required for creating new symlinks', undefined);
      }
      if (args.src === undefined || src === undefined) return fail('src is required for creating new hardlinks', undefined);
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
      // initial_diff names the states only when they differ; a link that is repointed shows its old and new src
      const before: Record<string, unknown> = prev === state ? {} : { state: prev };
      const after: Record<string, unknown> = prev === state ? {} : { state };
      if (prev === 'link' && cur.target !== undefined) [before.src, after.src] = [cur.target, args.src];
      return { changed: true, steps: { commands: cmds, path, state, key: 'dest', src: args.src }, diff: diffOf(before, after) };
    }
  }
}

function attrPlan(path: string, state: FileState, key: 'path' | 'dest', cmds: string[], times: { commands: string[] }, diff: ModuleResult[], st: RemoteStat, src?: string | null): FilePlan {
  const commands = [...cmds, ...times.commands];
  const steps: FileSteps = { commands, path, state, key, src };
  if (commands.length === 0) return { changed: false, reason: `${path} already as wanted`, result: { ...statResult(path, key, st, state === 'hard' ? 'hard' : stateName(st), src), diff: diff[0] } };
  return { changed: true, steps, diff };
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

/**
 * access_time/modification_time: `now` always changes, `preserve` never, a timestamp when it differs; the diff gets
 * the times that change (update_timestamp_for_file). touch's default is `now` for both: a plain `touch`, nothing more
 * for a path it has just created.
 */
function timeCommands(args: FileArgs, state: FileState, cur: RemoteStat, path: string): { commands: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = { commands: [] as string[], before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  const q = shellQuote(path);
  const atime = args.access_time ?? (state === 'touch' ? 'now' : 'preserve');
  const mtime = args.modification_time ?? (state === 'touch' ? 'now' : 'preserve');
  if (atime === 'now' && mtime === 'now') {
    if (cur.type !== 'absent') out.commands.push(`touch -- ${q}`);
    return out;
  }
  for (const [key, value, flag, currentValue] of [['atime', atime, '-a', cur.atime], ['mtime', mtime, '-m', cur.mtime]] as const) {
    if (value === 'preserve') continue;
    if (value === 'now') out.commands.push(`touch ${flag} -- ${q}`);
    else {
      const wanted = parseTouchTime(value);
      if (wanted !== undefined && Math.floor(wanted / 1000) === currentValue) continue;
      out.commands.push(`touch ${flag} -t ${shellQuote(value)} -- ${q}`);
      if (wanted !== undefined) [out.before[key], out.after[key]] = [currentValue, wanted / 1000];
    }
  }
  return out;
}

/** `%Y%m%d%H%M.%S` (the default format) as local epoch ms. */
function parseTouchTime(value: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d\d))?$/.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)).getTime();
}

/** A path's attributes as the file module reports them. */
function statResult(path: string, key: 'path' | 'dest', st: RemoteStat, state: string, src?: string | null): ModuleResult {
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
  if (/^@enoent$/m.test(out.stderr)) return { changed: false, failed: true, path: steps.path, msg: `Error, could not touch target: [Errno 2] No such file or directory: b'${steps.path}'` };
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
  doc: {
    shortDescription: 'Manage files and file properties',
    description: ['Set attributes of files, directories, or symlinks and their targets.', 'Alternatively, remove files, symlinks or directories.', 'Many other modules support the same options as the `file\' module - including [ansible.builtin.copy], [ansible.builtin.template], and [ansible.builtin.assemble].', 'For Windows targets, use the [ansible.windows.win_file] module instead.'],
    options: {
      access_time: 'This parameter indicates the time the file\'s access time should be set to. Should be `preserve\' when no modification is required, `YYYYMMDDHHMM.SS\' when using default time format, or `now\'. Default is `None\' meaning that `preserve\' is the default for `state=[file,directory,link,hard]\' and `now\' is default for `state=touch\'.',
      access_time_format: 'When used with `access_time\', indicates the time format that must be used. Based on default Python format (see time.strftime doc).',
      attributes: 'The attributes the resulting filesystem object should have. To get supported flags look at the man page for `chattr\' on the target system. This string should contain the attributes in the same order as the one displayed by `lsattr\'. The `=\' operator is assumed as default, otherwise `+\' or `-\' operators need to be included in the string.',
      follow: 'This flag indicates that filesystem links, if they exist, should be followed. `follow=yes\' and `state=link\' can modify `src\' when combined with parameters such as `mode\'. Previous to Ansible 2.5, this was `false\' by default.',
      force: 'Force the creation of the symlinks in two cases: the source file does not exist (but will appear later); the destination exists and is a file (so, we need to unlink the `path\' file and create symlink to the `src\' file in place of it).',
      group: 'Name of the group that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current group of the current user unless you are root, in which case it can preserve the previous ownership.',
      mode: 'The permissions the resulting filesystem object should have. For those used to `/usr/bin/chmod\' remember that modes are actually octal numbers. You must either add a leading zero so that Ansible\'s YAML parser knows it is an octal number (like `0644\' or `01777\') or quote it (like `\'644\'\' or `\'1777\'\') so Ansible receives a string and can do its own conversion from string into number. Giving Ansible a number without following one of these rules will end up with a decimal number which will have unexpected results. As of Ansible 1.8, the mode may be specified as a symbolic mode (for example, `u+rwx\' or `u=rw,g=r,o=r\'). If `mode\' is not specified and the destination filesystem object `does not\' exist, the default `umask\' on the system will be used when setting the mode for the newly created filesystem object. If `mode\' is not specified and the destination filesystem object `does\' exist, the mode of the existing filesystem object will be used. Specifying `mode\' is the best way to ensure filesystem objects are created with the correct permissions. See CVE-2020-1736 for further details.',
      modification_time: 'This parameter indicates the time the file\'s modification time should be set to. Should be `preserve\' when no modification is required, `YYYYMMDDHHMM.SS\' when using default time format, or `now\'. Default is None meaning that `preserve\' is the default for `state=[file,directory,link,hard]\' and `now\' is default for `state=touch\'.',
      modification_time_format: 'When used with `modification_time\', indicates the time format that must be used. Based on default Python format (see time.strftime doc).',
      owner: 'Name of the user that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current user unless you are root, in which case it can preserve the previous ownership. Specifying a numeric username will be assumed to be a user ID and not a username. Avoid numeric usernames to avoid this confusion.',
      path: 'Path to the file being managed.',
      recurse: 'Recursively set the specified file attributes on directory contents. This applies only when `state\' is set to `directory\'.',
      selevel: 'The level part of the SELinux filesystem object context. This is the MLS/MCS attribute, sometimes known as the `range\'. When set to `_default\', it will use the `level\' portion of the policy if available.',
      serole: 'The role part of the SELinux filesystem object context. When set to `_default\', it will use the `role\' portion of the policy if available.',
      setype: 'The type part of the SELinux filesystem object context. When set to `_default\', it will use the `type\' portion of the policy if available.',
      seuser: 'The user part of the SELinux filesystem object context. By default it uses the `system\' policy, where applicable. When set to `_default\', it will use the `user\' portion of the policy if available.',
      src: 'Path of the file to link to. This applies only to `state=link\' and `state=hard\'. For `state=link\', this will also accept a non-existing path. Relative paths are relative to the file being created (`path\') which is how the Unix command `ln -s SRC DEST\' treats relative paths.',
      state: 'If `absent\', directories will be recursively deleted, and files or symlinks will be unlinked. In the case of a directory, if `diff\' is declared, you will see the files and folders deleted listed under `path_contents\'. Note that `absent\' will not cause `file\' to fail if the `path\' does not exist as the state did not change. If `directory\', all intermediate subdirectories will be created if they do not exist. Since Ansible 1.7 they will be created with the supplied permissions. If `file\', with no other options, returns the current state of `path\'. If `file\', even with other options (such as `mode\'), the file will be modified if it exists but will NOT be created if it does not exist. Set to `touch\' or use the [ansible.builtin.copy] or [ansible.builtin.template] module if you want to create the file if it does not exist. If `hard\', the hard link will be created or changed. If `link\', the symbolic link will be created or changed. If `touch\' (new in 1.4), an empty file will be created if the file does not exist, while an existing file or directory will receive updated file access and modification times (similar to the way `touch\' works from the command line). Default is the current state of the file if it exists, `directory\' if `recurse=yes\', or `file\' otherwise.',
      unsafe_writes: 'Influence when to use atomic operation to prevent data corruption or inconsistent reads from the target filesystem object. By default this module uses atomic operations to prevent data corruption or inconsistent reads from the target filesystem objects, but sometimes systems are configured or just broken in ways that prevent this. One example is docker mounted filesystem objects, which cannot be updated atomically from inside the container and can only be written in an unsafe manner. This option allows Ansible to fall back to unsafe methods of updating filesystem objects when atomic operations fail (however, it doesn\'t force Ansible to perform unsafe writes). IMPORTANT! Unsafe writes are subject to race conditions and can lead to data corruption.',
    },
    optionAliases: { attributes: ['attr'], path: ['dest', 'name'] },
    examples: `- name: Change file ownership, group and permissions
  ansible.builtin.file:
    path: /etc/foo.conf
    owner: foo
    group: foo
    mode: '0644'
`,
    returns: {
      dest: { description: 'Destination file/path, equal to the value passed to `path\'.', returned: 'state=touch, state=hard, state=link', type: 'str', sample: "/path/to/file.txt" },
      path: { description: 'Destination file/path, equal to the value passed to `path\'.', returned: 'state=absent, state=directory, state=file', type: 'str', sample: "/path/to/file.txt" },
    },
  },
  plan: planFile,
  // the result's diff is one dict, as the file module returns it
  checkResult: (plan) => ({ changed: true, [plan.steps.key]: plan.steps.path, ...(plan.diff ? { diff: plan.diff[0] } : {}) }),
  async apply(plan, _args, ctx) {
    const result = await applyFile(plan.steps, ctx);
    return plan.diff && !result.failed ? { ...result, diff: plan.diff[0] } : result;
  },
};

