// Shared by lineinfile, blockinfile, replace and sysctl: read a text file in one round trip, write it back atomically.
import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ChangePlan, ModuleContext, ModuleResult } from '../../src/executor/module-contract.js';
import { type AttrFacts, attrChanges, type FileAttrArgs, wantedMode } from './line-edit-attrs.js';

export { type FileAttrArgs, fileAttrSchema } from './line-edit-attrs.js';

/** What one read of the destination tells the controller. */
export type FileState =
  | { kind: 'missing'; realPath: string; parentExists: boolean; facts: AttrFacts }
  | { kind: 'dir'; realPath: string }
  | { kind: 'file'; realPath: string; content: string; facts: AttrFacts; encoding: 'utf8' | 'latin1' };

/** One read (well-behaved: it may run in the session shell itself): kind, real path, the uid/gid wanted names resolve to, then mode/uid/gid and base64 content for a file. */
export function readFileScript(path: string, want: { owner?: string | undefined; group?: string | undefined } = {}): string {
  const q = shellQuote(path);
  // names are looked up only when given (one process each); the group's gid is cut out of getent's line by the shell
  const owner = want.owner !== undefined && !/^\d+$/.test(want.owner) ? `o=$(id -u ${shellQuote(want.owner)} 2>/dev/null)` : 'o=';
  const group = want.group !== undefined && !/^\d+$/.test(want.group) ? `g=$(getent group ${shellQuote(want.group)} 2>/dev/null); g=\${g#*:*:}; g=\${g%%:*}` : 'g=';
  return [
    `p=${q}`,
    // the real path is what gets written; only a symlink or a relative path needs readlink to find it
    'r=$p; if [ -L "$p" ] || [ "${p#/}" = "$p" ]; then r=$(readlink -f -- "$p" 2>/dev/null || printf %s "$p"); fi',
    owner,
    group,
    'w="$o $g"',
    'if [ -d "$p" ]; then echo dir; echo "$r"',
    'elif [ -e "$p" ]; then echo file; echo "$r"; echo "$w"; stat -L -c "%a %u %g" -- "$p" && base64 < "$p"',
    'else echo missing; echo "$r"; echo "$w"; echo "$(printf %o $(( 0666 & ~0$(umask) ))) $(id -u) $(id -g)"; if [ -d "$(dirname -- "$p")" ]; then echo parent; else echo noparent; fi; fi',
  ].join('\n');
}

/** Parse what readFileScript printed. */
export function parseFileState(stdout: string, path: string): FileState {
  const lines = stdout.split('\n');
  const kind = lines[0]?.trim();
  const realPath = lines[1]?.trim() || path;
  if (kind === 'dir') return { kind: 'dir', realPath };
  if (kind !== 'file' && kind !== 'missing') throw new Error(`Unable to read ${path}: ${stdout.trim() || 'no output'}`);
  const [wantUid, wantGid] = (lines[2] ?? '').split(' ').map((v) => (v.trim() === '' ? undefined : Number(v)));
  const [mode = '0', uid = '0', gid = '0'] = (lines[3] ?? '').trim().split(' ');
  const facts: AttrFacts = { mode: parseInt(mode, 8), uid: Number(uid), gid: Number(gid), isDir: false, wantUid, wantGid };
  if (kind === 'missing') return { kind: 'missing', realPath, parentExists: lines[4]?.trim() === 'parent', facts };
  const bytes = Buffer.from(lines.slice(4).join(''), 'base64');
  // not UTF-8 (Ansible edits bytes): one char per byte, so a rewrite gives back the same bytes
  const encoding = Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes) ? 'utf8' : 'latin1';
  return { kind: 'file', realPath, content: bytes.toString(encoding), facts, encoding };
}

/** Read the file a module edits: one exec. */
export async function readFile(path: string, ctx: ModuleContext, want: FileAttrArgs = {}): Promise<FileState> {
  const out = await ctx.conn.exec(readFileScript(path, want), { become: ctx.become, inShell: true });
  if (out.rc !== 0 && out.stdout.trim() === '') throw new Error(`Unable to read ${path}: ${out.stderr.trim()}`);
  return parseFileState(out.stdout, path);
}

/** check_file_attrs: the `(file attributes)` diff entry and the message/verdict after owner, group and mode. */
export function checkFileAttrs(state: FileState, args: FileAttrArgs, path: string, msg: string, changed: boolean): { msg: string; changed: boolean; attrDiff: ModuleResult } {
  const attrDiff: ModuleResult = { before_header: `${path} (file attributes)`, after_header: `${path} (file attributes)` };
  if (state.kind === 'dir') return { msg, changed, attrDiff };
  const delta = attrChanges(state.facts, args);
  if (delta === null) return { msg, changed, attrDiff };
  const text = 'ownership, perms or SE linux context changed';
  return { msg: changed ? `${msg} and ${text}` : `${msg}${text}`, changed: true, attrDiff: { ...attrDiff, ...delta } };
}

/** Backup name like Ansible's backup_local: path.PID.YYYY-MM-DD@HH:MM:SS~ */
export function backupName(path: string): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${path}.${process.pid}.${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}@${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}~`;
}

/** Write new content (mkdir parent, optional backup first), then set mode/owner when asked; atomic via conn.put. */
export async function writeFile(
  state: FileState,
  content: string | null,
  args: FileAttrArgs & { backup?: boolean; validate?: string },
  ctx: ModuleContext,
): Promise<{ backup: string; failed?: string }> {
  const target = state.realPath;
  let backup = '';
  const pre: string[] = [];
  if (state.kind === 'missing' && !state.parentExists) pre.push(`mkdir -p -- ${shellQuote(target.slice(0, target.lastIndexOf('/')) || '/')}`);
  if (content !== null && args.backup === true && state.kind === 'file') {
    backup = backupName(target);
    pre.push(`cp -p -- ${shellQuote(target)} ${shellQuote(backup)}`);
  }
  if (content !== null && args.validate !== undefined) {
    // Ansible validates a temp copy before the move; a failed check leaves the file as it was
    if (!args.validate.includes('%s')) return { backup: '', failed: `validate must contain %s: ${args.validate}` };
    const dir = target.slice(0, target.lastIndexOf('/')) || '/';
    const check = args.validate.replaceAll('%s', '"$t"');
    const script = `t=$(mktemp ${shellQuote(`${state.kind === 'missing' && !state.parentExists ? '/tmp' : dir}/.tsible-validate.`)}XXXXXXXX) || exit 99\ncat > "$t"\n${check}\nrc=$?\nrm -f "$t"\nexit $rc`;
    const out = await ctx.conn.exec(script, { stdin: Buffer.from(content, state.kind === 'file' ? state.encoding : 'utf8'), become: ctx.become });
    if (out.rc !== 0) return { backup: '', failed: `failed to validate: rc:${out.rc} error:${out.stderr}` };
  }
  if (pre.length > 0) {
    const out = await ctx.conn.exec(pre.join(' && '), { become: ctx.become });
    if (out.rc !== 0) throw new Error(`Unable to prepare ${target}: ${out.stderr.trim()}`);
  }
  const facts = state.kind === 'dir' ? undefined : state.facts;
  const mode = facts !== undefined ? wantedMode(args, facts.mode, false) : undefined;
  const modeText = mode !== undefined ? mode.toString(8).padStart(4, '0') : undefined;
  if (content !== null) {
    await ctx.conn.put(Buffer.from(content, state.kind === 'file' ? state.encoding : 'utf8'), target, { mode: modeText, owner: args.owner, group: args.group, become: ctx.become });
  } else {
    const cmds: string[] = [];
    if (modeText !== undefined) cmds.push(`chmod ${modeText} -- ${shellQuote(target)}`);
    if (args.owner !== undefined || args.group !== undefined) {
      cmds.push(`chown ${shellQuote(`${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}`)} -- ${shellQuote(target)}`);
    }
    if (cmds.length > 0) {
      const out = await ctx.conn.exec(cmds.join(' && '), { become: ctx.become });
      if (out.rc !== 0) throw new Error(`Unable to set attributes of ${target}: ${out.stderr.trim()}`);
    }
  }
  return { backup };
}

/** Python's bytes.splitlines(True) for '\n' files: keeps the line ends. */
export function splitLinesKeep(text: string): string[] {
  const out: string[] = [];
  const re = /[^\n\r]*(\r\n|\n|\r)|[^\n\r]+$/g;
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) out.push(m[0]);
  return out;
}

/** Python's file.readlines() in binary mode: split after every '\n' only. */
export function readLines(text: string): string[] {
  const out = text.split(/(?<=\n)/);
  return out.length === 1 && out[0] === '' ? [] : out;
}

/** What lineinfile, blockinfile and replace plan: the new content (null: attributes only) and the result to report. */
export interface LineEditSteps {
  state: FileState;
  content: string | null;
  result: ModuleResult;
}

/** The destination argument and its aliases, as lineinfile, blockinfile and replace accept it. */
export const PATH_PROPERTIES = {
  path: { type: 'string' },
  dest: { type: 'string' },
  destfile: { type: 'string' },
  name: { type: 'string' },
} as const;

/** apply for the line-editing modules: write the planned content; `withBackup` says how each reports the backup. */
export async function applyLineEdit(
  plan: ChangePlan<LineEditSteps>,
  args: FileAttrArgs & { backup?: boolean; validate?: string },
  ctx: ModuleContext,
  withBackup: (result: ModuleResult, backup: string) => ModuleResult,
): Promise<ModuleResult> {
  const { backup, failed } = await writeFile(plan.steps.state, plan.steps.content, args, ctx);
  if (failed !== undefined) return { changed: false, failed: true, msg: failed };
  return withBackup(plan.steps.result, backup);
}
