import { statSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import type { ChangePlan, ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { shellQuote } from '../src/connection/shell-quote.js';
import { pythonJsonDumps } from '../src/output/python-json.js';
import { applyFileStep, type FileStep } from './lib/copy-apply.js';
import { planAttrs, type AttrArgs } from './lib/file-attrs.js';
import { formatMode } from './lib/file-mode.js';
import { digestOf, readLocalFile } from './lib/local-file-cache.js';
import { vaultSourceBytes } from './lib/vault-source.js';
import { loadLocalFile, STREAM_MIN_BYTES, type LocalFileLoad } from './lib/local-file-load.js';
import { localTempfile } from './lib/local-tmp.js';
import { findSource, sourceNotFound, taskSearchPath } from './lib/find-source.js';
import { walkLocalTree } from './lib/copy-local-walk.js';
import { applyRemoteTree, planRemoteTree, type RemoteTreeStep } from './lib/copy-remote-src-dir.js';
import { idLookupScript, MAX_DIFF_SIZE, parseIds, parseStats, statScript, type Whoami, whoamiOf, whoamiScript, type RemoteStat } from './lib/remote-stat.js';

export interface CopyArgs extends AttrArgs {
  src?: string;
  content?: unknown;
  dest: string;
  backup?: boolean;
  force?: boolean;
  validate?: string;
  directory_mode?: string | number;
  remote_src?: boolean;
  follow?: boolean;
  local_follow?: boolean;
  checksum?: string;
  decrypt?: boolean;
  unsafe_writes?: boolean;
  attributes?: string;
  /** the name a rendered template reports (template sets it) */
  _original_basename?: string;
}

/** Every file to write or fix, and directories to create first; `result` is what a whole-tree copy reports. */
export interface CopySteps {
  files: FileStep[];
  dirs: { path: string; mode?: string | undefined }[];
  /** symlinks of a local tree to make (or repoint); an empty directory in the way is removed first */
  links?: { path: string; target: string; isDir: boolean }[] | undefined;
  result: ModuleResult;
  /** remote_src of a directory: the target copies the tree itself */
  remoteTree?: RemoteTreeStep | undefined;
}

const FILE_ATTR_PROPS = {
  mode: { type: ['string', 'integer'] },
  owner: { type: 'string' },
  group: { type: 'string' },
  attributes: { type: 'string' },
  unsafe_writes: { type: 'boolean' },
  seuser: { type: 'string' },
  serole: { type: 'string' },
  setype: { type: 'string' },
  selevel: { type: 'string' },
} as const;

export const copySchema = {
  type: 'object',
  properties: {
    ...FILE_ATTR_PROPS,
    src: { type: 'string' },
    content: {},
    dest: { type: 'string' },
    backup: { type: 'boolean', default: false },
    force: { type: 'boolean', default: true },
    validate: { type: 'string' },
    directory_mode: { type: ['string', 'integer'] },
    remote_src: { type: 'boolean', default: false },
    follow: { type: 'boolean', default: false },
    local_follow: { type: 'boolean', default: true },
    checksum: { type: 'string' },
    decrypt: { type: 'boolean', default: true },
    _original_basename: { type: 'string' },
  },
  required: ['dest'],
  additionalProperties: false,
} as const;

/** What to copy from the controller: bytes (or a big file, streamed) and how to name them. */
export interface LocalSource {
  data: Buffer;
  /** a big file: `data` is empty and the bytes stream from here, hashed as they are read */
  load?: LocalFileLoad | undefined;
  /** the diff's after_header and the result's `src` */
  label: string;
  /** file name used when dest is a directory */
  basename?: string | undefined;
  /** `mode: preserve` */
  mode?: number | undefined;
  /** came from `content` (label is the controller temp file holding it): a dir dest is an error */
  isContent?: boolean;
}

type CopyPlan = Plan<CopySteps>;

function fail(msg: string, extra: ModuleResult = {}): CopyPlan {
  return { changed: false, reason: msg, result: { failed: true, msg, ...extra } };
}

export function sha1(data: Buffer): string {
  return digestOf(data, 'sha1');
}

/** copy's plan: resolve the source on the controller, read the target in one exec, decide. */
export async function planCopy(args: CopyArgs, ctx: ModuleContext, given?: LocalSource): Promise<CopyPlan> {
  if (given === undefined) {
    if (args.src === undefined && args.content === undefined) return fail('src (or content) is required');
    if (args.src !== undefined && args.content !== undefined) return fail('src and content are mutually exclusive');
    if (args.content !== undefined && args.dest.endsWith('/')) return fail('can not use content with a dir as dest');
  }
  if (args.validate !== undefined && !args.validate.includes('%s')) return fail(`validate must contain %s: ${args.validate}`);
  if (args.remote_src) return planRemoteSrc(args, ctx);
  let source = given;
  if (source === undefined && args.content !== undefined) {
    const text = typeof args.content === 'string' ? args.content : pythonJsonDumps(args.content);
    // Ansible's copy action writes content to a controller temp file and copies that: the diff names it
    const data = Buffer.from(text, 'utf8');
    source = { data, label: localTempfile(data), isContent: true };
  }
  if (source === undefined) {
    const src = args.src as string;
    const found = findSource(src, 'files', taskSearchPath(ctx));
    if (found === undefined) throw sourceNotFound(src, 'files', ctx);
    const st = statSync(found);
    if (st.isDirectory()) return planTree(args, ctx, found);
    source = localSource(found, st.size, st.mode, args.decrypt !== false);
  }
  return planOne(args, ctx, source);
}

const NO_BYTES = Buffer.alloc(0);

/** A controller file as a copy source: read whole when small, else a shared streamed load. */
function localSource(path: string, size: number, mode: number, decrypt: boolean): LocalSource {
  const common = { label: path, basename: basename(path), mode: mode & 0o7777 };
  // a vault file is decrypted on the controller first (decrypt: yes, the default), as the copy action does
  const plain = decrypt ? vaultSourceBytes(path) : undefined;
  if (plain) return { ...common, data: plain };
  return size >= STREAM_MIN_BYTES ? { ...common, data: NO_BYTES, load: loadLocalFile(path) } : { ...common, data: readLocalFile(path) };
}

const sourceSize = (source: LocalSource): number => source.load?.size ?? source.data.length;

/** Read everything the decision needs about `paths` in one exec. */
async function probe(ctx: ModuleContext, args: AttrArgs, paths: string[], extra = ''): Promise<{ stats: RemoteStat[]; stdout: string; rc: number; stderr: string }> {
  const script = [whoamiScript(ctx), idLookupScript(args.owner, args.group), extra, ...paths.map((p) => statScript(p, { checksum: true, content: ctx.diff }))]
    .filter((l) => l !== '')
    .join('\n');
  const out = await ctx.conn.exec(script, { become: ctx.become, inShell: true });
  return { stats: parseStats(out.stdout), stdout: out.stdout, rc: out.rc, stderr: out.stderr };
}

async function planOne(args: CopyArgs, ctx: ModuleContext, source: LocalSource): Promise<CopyPlan> {
  const name = args._original_basename ?? source.basename;
  const trailing = args.dest.endsWith('/');
  const candidates = [args.dest];
  if (name !== undefined && !source.isContent) candidates.push(posix.join(args.dest, name));
  const parent = posix.dirname(trailing ? posix.join(args.dest, name ?? '') : args.dest);
  const p = await probe(ctx, args, candidates, `if [ -d ${shellQuote(parent)} ]; then echo @parent=yes; fi`);
  const who = whoamiOf(p.stdout, ctx);
  if (!who) return fail(`could not read the target: ${p.stderr.trim() || p.stdout.trim()}`);
  const [asGiven, inDir] = p.stats;
  let dest = args.dest;
  let current = asGiven;
  let mkdir: string | undefined;
  if (trailing || asGiven?.type === 'directory') {
    if (source.isContent) return fail('can not use content with a dir as dest');
    dest = posix.join(args.dest, name ?? '');
    current = inDir;
    if (trailing && asGiven?.type !== 'directory') mkdir = posix.dirname(dest);
  } else if (!/^@parent=yes$/m.test(p.stdout) && !ctx.check) {
    // in check mode the action reports the pending upload without asking the module, which is what checks the parent
    return fail(`Destination directory ${posix.dirname(args.dest)} does not exist`, { checksum: source.load ? (await source.load.digests).sha1 : sha1(source.data) });
  }
  return decideFile(args, ctx, { dest, current, who, ids: parseIds(p.stdout), source, mkdir });
}

interface FileFacts {
  dest: string;
  current: RemoteStat | undefined;
  who: Whoami;
  ids: ReturnType<typeof parseIds>;
  source: LocalSource | { remote: string; checksum: string; size: number; mode: number };
  mkdir?: string | undefined;
}

/**
 * The decision for one destination file: skip (force=no), write, fix attributes, or nothing, each with its reason.
 * A streamed source is hashed as it is sent: its checksum is awaited here only when a file of its size is there.
 */
async function decideFile(args: CopyArgs, ctx: ModuleContext, f: FileFacts): Promise<CopyPlan> {
  const { dest, current, source } = f;
  const exists = current !== undefined && current.type !== 'absent';
  const local = 'data' in source;
  const size = local ? sourceSize(source) : source.size;
  const stream = local ? source.load : undefined;
  const sameSize = exists && current.type === 'file' && current.size === size;
  const digests = stream && sameSize ? await stream.digests : undefined;
  // '' until the streamed upload has hashed the file (applyFileStep fills it in)
  const checksum = !local ? source.checksum : stream ? (digests?.sha1 ?? '') : sha1(source.data);
  const srcLabel = local ? source.label : source.remote;
  if (exists && args.force === false) return { changed: false, reason: 'file already exists (force=no)', result: { changed: false, dest, src: args.src ?? srcLabel } };
  const attrArgs: AttrArgs = { mode: args.mode === 'preserve' ? source.mode : args.mode, owner: args.owner, group: args.group };
  const attrs = planAttrs(attrArgs, exists && current.type === 'file' ? current : undefined, false, f.who, f.ids);
  if (attrs instanceof Error) return fail(attrs.message, { path: dest });
  const base: ModuleResult = { checksum, dest, gid: attrs.gid, group: attrs.group, mode: formatMode(attrs.mode), owner: attrs.owner, size, state: 'file', uid: attrs.uid };
  const write = !exists || (stream !== undefined && !sameSize) || current.checksum !== checksum;
  if (!write && !attrs.chmod && !attrs.chown) return { changed: false, reason: 'content and attributes already match', result: { ...base, path: dest } };
  const step: FileStep = {
    dest,
    data: local && !stream ? source.data : undefined,
    stream: write ? stream : undefined,
    remoteSrc: local ? undefined : source.remote,
    write,
    attrs,
    attrArgs,
    mkdir: f.mkdir,
    backup: args.backup === true && exists,
    validate: args.validate,
    result: write ? { ...base, md5sum: local ? (stream ? (digests?.md5 ?? '') : digestOf(source.data, 'md5')) : undefined, src: srcLabel } : { ...base, path: dest },
  };
  if (step.result.md5sum === undefined) delete step.result.md5sum;
  let diff: ModuleResult[] | undefined;
  if (ctx.diff) diff = write ? [contentDiff(dest, current, local ? source : undefined)] : [{ before: { path: dest, ...attrs.before }, after: { path: dest, ...attrs.after } }];
  return { changed: true, steps: { files: [step], dirs: [], result: step.result }, diff, result: step.result };
}

/** Ansible's `_get_diff_data`: before/after text with headers, or binary/size markers. */
export function contentDiff(dest: string, current: RemoteStat | undefined, source: LocalSource | undefined): ModuleResult {
  const diff: ModuleResult = {};
  if (current === undefined || current.type === 'absent') diff.before = '';
  // Ansible's order: the peek's binary verdict first, then the size
  else if (current.binary) diff.dst_binary = 1;
  else if (current.size > MAX_DIFF_SIZE) diff.dst_larger = MAX_DIFF_SIZE;
  else {
    diff.before_header = dest;
    diff.before = current.content?.toString('utf8') ?? '';
  }
  if (source === undefined) return diff;
  if (sourceSize(source) > MAX_DIFF_SIZE) diff.src_larger = MAX_DIFF_SIZE;
  else if (source.data.includes(0)) diff.src_binary = 1;
  else {
    diff.after_header = source.label;
    diff.after = source.data.toString('utf8');
  }
  return diff;
}

/** remote_src: the source is a file on the target; one exec reads both. Like the module, the source is judged first. */
async function planRemoteSrc(args: CopyArgs, ctx: ModuleContext): Promise<CopyPlan> {
  if (args.src === undefined) return fail('src (or content) is required');
  const src = args.src;
  const name = posix.basename(src);
  const trailing = args.dest.endsWith('/');
  const readSrc = `${statScript(src, { follow: true, checksum: true })}\nif [ -d ${shellQuote(posix.dirname(args.dest))} ]; then echo @parent=yes; fi`;
  const p = await probe(ctx, args, [args.dest, posix.join(args.dest, name)], readSrc);
  const who = whoamiOf(p.stdout, ctx);
  const [s, asGiven, inDir] = p.stats;
  if (!who || !s) return fail(`could not read the target: ${p.stderr.trim()}`);
  // a dangling link does not exist either (os.path.exists follows it)
  if (s.type === 'absent' || s.type === 'link') return fail(`Source ${src} not found`);
  if (s.type === 'directory') return planRemoteTree(args, ctx, who, parseIds(p.stdout));
  if (s.type !== 'file') return fail(`Cannot copy invalid source '${src}': not a file`);
  let dest = args.dest;
  let current = asGiven;
  let mkdir: string | undefined;
  if (trailing || asGiven?.type === 'directory') {
    dest = posix.join(args.dest, name);
    current = inDir;
    if (trailing && asGiven?.type !== 'directory') mkdir = args.dest;
  } else if (!/^@parent=yes$/m.test(p.stdout)) return fail(`Destination directory ${posix.dirname(args.dest)} does not exist`);
  return decideFile(args, ctx, { dest, current, who, ids: parseIds(p.stdout), source: { remote: src, checksum: s.checksum ?? '', size: s.size, mode: s.mode }, mkdir });
}

/**
 * A local directory: `dir/` copies its contents into dest, `dir` copies the directory itself; one probe for all
 * files. Links in the tree follow local_follow (copy-local-walk) and are made again with `ln -s`, as file state=link.
 */
async function planTree(args: CopyArgs, ctx: ModuleContext, root: string): Promise<CopyPlan> {
  const contentsOnly = (args.src ?? '').endsWith('/');
  const destBase = contentsOnly ? args.dest : posix.join(args.dest, basename(root.replace(/\/+$/, '')));
  const tree = walkLocalTree(root, args.local_follow !== false);
  const files = tree.files;
  const dirs: string[] = [...(contentsOnly ? [] : ['']), ...tree.dirs.map((d) => d.rel)];
  const target = (rel: string): string => (rel === '' ? destBase.replace(/\/+$/, '') || '/' : posix.join(destBase, rel));
  const paths = [args.dest.replace(/\/+$/, '') || '/', ...dirs.map(target), ...files.map((f) => target(f.rel)), ...tree.links.map((l) => target(l.rel))];
  const p = await probe(ctx, args, paths);
  const who = whoamiOf(p.stdout, ctx);
  if (!who) return fail(`could not read the target: ${p.stderr.trim()}`);
  const ids = parseIds(p.stdout);
  const destStat = p.stats[0];
  const newDirs: CopySteps['dirs'] = [];
  const dirMode = args.directory_mode === undefined ? undefined : typeof args.directory_mode === 'number' ? formatMode(args.directory_mode) : args.directory_mode;
  if (destStat?.type !== 'directory') newDirs.push({ path: args.dest.replace(/\/+$/, ''), mode: dirMode });
  dirs.forEach((rel, i) => {
    if (p.stats[1 + i]?.type !== 'directory') newDirs.push({ path: target(rel), mode: dirMode });
  });
  const steps: FileStep[] = [];
  const diffs: ModuleResult[] = [];
  let only: ModuleResult | undefined;
  for (const [i, f] of files.entries()) {
    const st = statSync(f.abs);
    const source = localSource(f.abs, st.size, st.mode, args.decrypt !== false);
    const plan = await decideFile({ ...args, validate: args.validate }, ctx, { dest: target(f.rel), current: p.stats[1 + dirs.length + i], who, ids, source });
    only = plan.result;
    if (!plan.changed) {
      if (plan.result?.failed) return plan;
      continue;
    }
    steps.push(...plan.steps.files);
    diffs.push(...(plan.diff ?? []));
  }
  // file state=link force=yes: a link already pointing there is left alone
  const links = tree.links
    .map((l, i) => ({ path: target(l.rel), target: l.target, current: p.stats[1 + dirs.length + files.length + i] }))
    .filter((l) => !(l.current?.type === 'link' && l.current.target === l.target))
    .map((l) => ({ path: l.path, target: l.target, isDir: l.current?.type === 'directory' }));
  // like Ansible's action: a tree holding one file reports that file's module result
  const result: ModuleResult = files.length === 1 && only ? { ...only } : { dest: args.dest.endsWith('/') ? args.dest : `${args.dest}/`, src: args.src };
  if (steps.length === 0 && newDirs.length === 0 && links.length === 0) return { changed: false, reason: 'every file already matches', result: { ...result, changed: false } };
  // the action keeps only its last module's result, so a tree of several files shows no diff
  const diff = ctx.diff && files.length === 1 ? diffs : undefined;
  return { changed: true, steps: { files: steps, dirs: newDirs, links, result: { ...result, changed: true } }, diff, result: { ...result, changed: true } };
}

/** Create directories, then each file: mkdir in one exec, one put per changed file. */
export async function applyCopy(steps: CopySteps, ctx: ModuleContext): Promise<ModuleResult> {
  if (steps.remoteTree) return applyRemoteTree(steps.remoteTree, steps.result, ctx);
  if (steps.dirs.length) {
    const script = steps.dirs.map((d) => `mkdir -p ${shellQuote(d.path)}${d.mode !== undefined ? ` && chmod ${shellQuote(d.mode)} ${shellQuote(d.path)}` : ''}`).join(' && ');
    const out = await ctx.conn.exec(script, { become: ctx.become });
    if (out.rc !== 0) return { ...steps.result, changed: false, failed: true, msg: out.stderr.trim() };
  }
  let last: ModuleResult = steps.result;
  for (const step of steps.files) {
    last = await applyFileStep(step, ctx);
    if (last.failed) return last;
  }
  if (steps.links?.length) {
    const script = steps.links.map((l) => `${l.isDir ? `rmdir -- ${shellQuote(l.path)} && ` : ''}ln -sfn -- ${shellQuote(l.target)} ${shellQuote(l.path)}`).join(' && ');
    const out = await ctx.conn.exec(script, { become: ctx.become });
    if (out.rc !== 0) return { ...steps.result, changed: false, failed: true, msg: out.stderr.trim() };
  }
  return steps.files.length === 1 ? { ...steps.result, ...last } : { ...steps.result, changed: true };
}

/** Check mode: a pending upload reports only `changed` (and the diff), as Ansible's copy does; attribute fixes report the plan. */
export function copyCheckResult(plan: ChangePlan<CopySteps>): ModuleResult {
  const single = plan.steps.files.length === 1 && plan.steps.dirs.length === 0 ? plan.steps.files[0] : undefined;
  const base = single && !single.write ? { ...plan.result } : single ? {} : { ...plan.steps.result };
  return { ...base, changed: true, ...(plan.diff ? { diff: plan.diff } : {}) };
}

export const copy: ModuleDefinition<CopyArgs, CopySteps> = {
  name: 'ansible.builtin.copy',
  aliases: ['copy', 'ansible.legacy.copy'],
  freeForm: false,
  // discovered_interpreter_python: in check mode the action reports a change before its module runs
  pythonFact: 'unless-check-change',
  output: 'json',
  schema: copySchema,
  doc: {
    shortDescription: 'Copy files to remote locations',
    description: ['The `copy\' module copies a file from the local or remote machine to a location on the remote machine.', 'Use the [ansible.builtin.fetch] module to copy files from remote locations to the local box.', 'If you need variable interpolation in copied files, use the [ansible.builtin.template] module. Using a variable in the `content\' field will result in unpredictable output.', 'For Windows targets, use the [ansible.windows.win_copy] module instead.'],
    options: {
      attributes: 'The attributes the resulting filesystem object should have. To get supported flags look at the man page for `chattr\' on the target system. This string should contain the attributes in the same order as the one displayed by `lsattr\'. The `=\' operator is assumed as default, otherwise `+\' or `-\' operators need to be included in the string.',
      backup: 'Create a backup file including the timestamp information so you can get the original file back if you somehow clobbered it incorrectly.',
      checksum: 'SHA1 checksum of the file being transferred. Used to validate that the copy of the file was successful. If this is not provided, ansible will use the local calculated checksum of the src file.',
      content: 'When used instead of `src\', sets the contents of a file directly to the specified value. Works only when `dest\' is a file. Creates the file if it does not exist. For advanced formatting or if `content\' contains a variable, use the [ansible.builtin.template] module.',
      decrypt: 'This option controls the autodecryption of source files using vault.',
      dest: 'Remote absolute path where the file should be copied to. If `src\' is a directory, this must be a directory too. If `dest\' is a non-existent path and if either `dest\' ends with "/" or `src\' is a directory, `dest\' is created. If `dest\' is a relative path, the starting directory is determined by the remote host. If `src\' and `dest\' are files, the parent directory of `dest\' is not created and the task fails if it does not already exist.',
      directory_mode: 'When doing a recursive copy set the mode for the directories. If this is not set we will use the system defaults. The mode is only set on directories which are newly created, and will not affect those that already existed.',
      follow: 'This flag indicates that filesystem links in the destination, if they exist, should be followed.',
      force: 'Influence whether the remote file must always be replaced. If `true\', the remote file will be replaced when contents are different than the source. If `false\', the file will only be transferred if the destination does not exist.',
      group: 'Name of the group that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current group of the current user unless you are root, in which case it can preserve the previous ownership.',
      local_follow: 'This flag indicates that filesystem links in the source tree, if they exist, should be followed.',
      mode: 'The permissions of the destination file or directory. For those used to `/usr/bin/chmod\' remember that modes are actually octal numbers. You must either add a leading zero so that Ansible\'s YAML parser knows it is an octal number (like `0644\' or `01777\') or quote it (like `\'644\'\' or `\'1777\'\') so Ansible receives a string and can do its own conversion from string into number. Giving Ansible a number without following one of these rules will end up with a decimal number which will have unexpected results. As of Ansible 1.8, the mode may be specified as a symbolic mode (for example, `u+rwx\' or `u=rw,g=r,o=r\'). As of Ansible 2.3, the mode may also be the special string `preserve\'. `preserve\' means that the file will be given the same permissions as the source file. When doing a recursive copy, see also `directory_mode\'. If `mode\' is not specified and the destination file `does not\' exist, the default `umask\' on the system will be used when setting the mode for the newly created file. If `mode\' is not specified and the destination file `does\' exist, the mode of the existing file will be used. Specifying `mode\' is the best way to ensure files are created with the correct permissions. See CVE-2020-1736 for further details.',
      owner: 'Name of the user that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current user unless you are root, in which case it can preserve the previous ownership. Specifying a numeric username will be assumed to be a user ID and not a username. Avoid numeric usernames to avoid this confusion.',
      remote_src: 'Influence whether `src\' needs to be transferred or already is present remotely. If `false\', it will search for `src\' on the controller node. If `true\' it will search for `src\' on the managed (remote) node. `remote_src\' supports recursive copying as of version 2.8. `remote_src\' only works with `mode=preserve\' as of version 2.6. Autodecryption of files does not work when `remote_src=yes\'.',
      selevel: 'The level part of the SELinux filesystem object context. This is the MLS/MCS attribute, sometimes known as the `range\'. When set to `_default\', it will use the `level\' portion of the policy if available.',
      serole: 'The role part of the SELinux filesystem object context. When set to `_default\', it will use the `role\' portion of the policy if available.',
      setype: 'The type part of the SELinux filesystem object context. When set to `_default\', it will use the `type\' portion of the policy if available.',
      seuser: 'The user part of the SELinux filesystem object context. By default it uses the `system\' policy, where applicable. When set to `_default\', it will use the `user\' portion of the policy if available.',
      src: 'Local path to a file to copy to the remote server. This can be absolute or relative. If path is a directory, it is copied recursively. In this case, if path ends with "/", only inside contents of that directory are copied to destination. Otherwise, if it does not end with "/", the directory itself with all contents is copied. This behavior is similar to the `rsync\' command line tool.',
      unsafe_writes: 'Influence when to use atomic operation to prevent data corruption or inconsistent reads from the target filesystem object. By default this module uses atomic operations to prevent data corruption or inconsistent reads from the target filesystem objects, but sometimes systems are configured or just broken in ways that prevent this. One example is docker mounted filesystem objects, which cannot be updated atomically from inside the container and can only be written in an unsafe manner. This option allows Ansible to fall back to unsafe methods of updating filesystem objects when atomic operations fail (however, it doesn\'t force Ansible to perform unsafe writes). IMPORTANT! Unsafe writes are subject to race conditions and can lead to data corruption.',
      validate: 'The validation command to run before copying the updated file into the final destination. A temporary file path is used to validate, passed in through \'%s\' which must be present as in the examples below. Also, the command is passed securely so shell features such as expansion and pipes will not work. For an example on how to handle more complex validation than what this option provides, see R(handling complex validation,complex_configuration_validation).',
    },
    optionAliases: { attributes: ['attr'] },
    examples: `- name: Copy file with owner and permissions
  ansible.builtin.copy:
    src: /srv/myfiles/foo.conf
    dest: /etc/foo.conf
    owner: foo
    group: foo
    mode: '0644'
`,
    returns: {
      backup_file: { description: 'Name of backup file created.', returned: 'changed and if backup=yes', type: 'str', sample: "/path/to/file.txt.2015-02-12@22:09~" },
      checksum: { description: 'SHA1 checksum of the file after running copy.', returned: 'success', type: 'str', sample: "6e642bb8dd5c2e027bf21dd923337cbb4214f827" },
      dest: { description: 'Destination file/path.', returned: 'success', type: 'str', sample: "/path/to/file.txt" },
      gid: { description: 'Group id of the file, after execution.', returned: 'success', type: 'int', sample: 100 },
      group: { description: 'Group of the file, after execution.', returned: 'success', type: 'str', sample: "httpd" },
      md5sum: { description: 'MD5 checksum of the file after running copy.', returned: 'when supported', type: 'str', sample: "2a5aeecc61dc98c4d780b14b330e3282" },
    },
  },
  plan: (args, ctx) => planCopy(args, ctx),
  checkResult: copyCheckResult,
  apply: async (plan, _args, ctx) => {
    const result = await applyCopy(plan.steps, ctx);
    return ctx.diff && plan.diff && !result.failed ? { ...result, diff: plan.diff } : result;
  },
};
