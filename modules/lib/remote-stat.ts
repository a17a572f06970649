// One shell fragment that describes a path on the target, and its parser: the read half of every file module.
import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ModuleContext } from '../../src/executor/module-contract.js';

/** Ansible's MAX_FILE_SIZE_FOR_DIFF: larger files are not read for a diff. */
export const MAX_DIFF_SIZE = 104448;

export interface RemoteStat {
  type: 'absent' | 'file' | 'directory' | 'link' | 'other';
  mode: number;
  uid: number;
  gid: number;
  owner: string;
  group: string;
  size: number;
  /** sha1 of a regular file's bytes */
  checksum?: string | undefined;
  /** `dev:inode`, to tell hard links apart */
  ino?: string | undefined;
  atime?: number | undefined;
  mtime?: number | undefined;
  /** where a symlink points */
  target?: string | undefined;
  /** the bytes, when asked for and small enough */
  content?: Buffer | undefined;
  /** asked for content: a NUL in the first PEEK_BYTES (Ansible's `appears_binary`) */
  binary?: boolean | undefined;
}

/** how much of a file Ansible's diff peek reads for a NUL byte */
export const PEEK_BYTES = 8192;

export interface StatWants {
  checksum?: boolean;
  content?: boolean;
  /** stat what a symlink points to rather than the link */
  follow?: boolean;
  /** `path` is a shell expression (`$D`) the script sets, not a literal path */
  pathIsVar?: boolean;
}

const STAT_FORMAT = `'mode=%a\\nuid=%u\\ngid=%g\\nowner=%U\\ngroup=%G\\nsize=%s\\nino=%d:%i\\natime=%X\\nmtime=%Y\\n'`;
const TYPE_NOFOLLOW = `if [ -L "$p" ]; then t=link; elif [ -d "$p" ]; then t=directory; elif [ -f "$p" ]; then t=file; elif [ -e "$p" ]; then t=other; else t=absent; fi`;
const TYPE_FOLLOW = `if [ -d "$p" ]; then t=directory; elif [ -f "$p" ]; then t=file; elif [ -L "$p" ]; then t=link; elif [ -e "$p" ]; then t=other; else t=absent; fi`;

/** Prints `key=value` lines about `path` between `@begin` and `@end` markers, so several paths fit in one exec. */
export function statScript(path: string, wants: StatWants = {}): string {
  const q = wants.pathIsVar ? `"${path}"` : shellQuote(path);
  const lines = [
    'echo @begin',
    `p=${q}`,
    wants.follow ? TYPE_FOLLOW : TYPE_NOFOLLOW,
    'echo "type=$t"',
    `if [ "$t" != absent ]; then stat ${wants.follow ? '-L ' : ''}--printf ${STAT_FORMAT} "$p"; fi`,
    `if [ "$t" = link ]; then echo "target=$(readlink "$p")"; fi`,
  ];
  // `checksum=<sha1>  -`: sha1sum prints straight into the section (no subshell, no cut); a failed read ends the line
  if (wants.checksum) lines.push(`if [ "$t" = file ]; then printf checksum=; sha1sum < "$p" || echo; fi`);
  if (wants.content) {
    // a bigger file is only peeked at, as Ansible's diff peek does: a NUL in its first 8192 bytes makes it binary
    lines.push(
      `if [ "$t" = file ]; then if [ "$(stat -L -c %s "$p")" -le ${MAX_DIFF_SIZE} ]; then echo "content=$(base64 -w0 < "$p")"; ` +
        `elif [ "$(head -c ${PEEK_BYTES} "$p" | tr -cd '\\000' | wc -c)" -gt 0 ]; then echo binary=1; fi; fi`,
    );
  }
  lines.push('echo @end');
  return lines.join('\n');
}

/**
 * Two sections about `path`: the path itself, then what it resolves to (statScript's `follow`). Only a symlink
 * costs a second `stat`; anything else is described once, and its second section says `@same` (parseStats copies
 * the first): no command substitution, so no fork.
 */
export function statBothScript(path: string): string {
  return [
    'echo @begin',
    `p=${shellQuote(path)}`,
    TYPE_NOFOLLOW,
    'echo "type=$t"; l=$t',
    `if [ "$t" != absent ]; then stat --printf ${STAT_FORMAT} "$p"; fi`,
    `if [ "$t" = link ]; then echo "target=$(readlink "$p")"; fi`,
    'echo @end',
    'echo @begin',
    'if [ "$l" = link ]; then',
    TYPE_FOLLOW,
    `echo "type=$t"; if [ "$t" != absent ]; then stat -L --printf ${STAT_FORMAT} "$p"; fi`,
    `if [ "$t" = link ]; then echo "target=$(readlink "$p")"; fi`,
    'else echo @same; fi',
    'echo @end',
  ].join('\n');
}

/**
 * Who runs the module on the target, and its umask: what a new file's owner and mode will be. One `id` (in the C
 * locale, whose `uid=0(root) gid=0(root) ...` the parser reads) and the umask builtin: one process, not five.
 */
export const WHOAMI_SCRIPT = 'printf @who=; LC_ALL=C id; printf @umask=; umask';

export interface Whoami {
  uid: number;
  gid: number;
  umask: number;
  user: string;
  group: string;
}

/**
 * Who a module runs as is the same for the whole run on one connection and become identity: the first probe asks
 * (`whoamiScript`), later ones reuse the answer (`whoamiOf`), one `id` per host instead of one per file.
 */
const known = new WeakMap<object, Map<string, Whoami>>();

function whoKey(ctx: Pick<ModuleContext, 'become'>): string {
  return ctx.become ? `${ctx.become.method}:${ctx.become.user}` : '';
}

/** WHOAMI_SCRIPT, or nothing once this connection and become identity have answered it. */
export function whoamiScript(ctx: Pick<ModuleContext, 'conn' | 'become'>): string {
  return known.get(ctx.conn)?.has(whoKey(ctx)) ? '' : WHOAMI_SCRIPT;
}

/** The answer the probe printed, or the one remembered for this connection and become identity. */
export function whoamiOf(stdout: string, ctx: Pick<ModuleContext, 'conn' | 'become'>): Whoami | undefined {
  const byBecome = known.get(ctx.conn);
  const remembered = byBecome?.get(whoKey(ctx));
  if (remembered) return remembered;
  const who = parseWhoami(stdout);
  if (who) {
    if (byBecome) byBecome.set(whoKey(ctx), who);
    else known.set(ctx.conn, new Map([[whoKey(ctx), who]]));
  }
  return who;
}

/** `@who=uid=1000(ann) gid=50(staff) groups=...` and `@umask=0022`; an id without a name stands for itself. */
export function parseWhoami(stdout: string): Whoami | undefined {
  const who = /^@who=uid=(\d+)(?:\(([^)]*)\))? gid=(\d+)(?:\(([^)]*)\))?/m.exec(stdout);
  const umask = /^@umask=([0-7]+)$/m.exec(stdout);
  if (!who || !umask) return undefined;
  const [uid, gid] = [who[1] as string, who[3] as string];
  return { uid: Number(uid), gid: Number(gid), umask: parseInt(umask[1] as string, 8), user: who[2] ?? uid, group: who[4] ?? gid };
}

/** Every `@begin`..`@end` section of the output, in order. */
export function parseStats(stdout: string): RemoteStat[] {
  const out: RemoteStat[] = [];
  let cur: Record<string, string> | undefined;
  let last: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    if (line === '@begin') cur = {};
    else if (line === '@end' && cur) {
      out.push(toStat(cur));
      last = cur;
      cur = undefined;
    } else if (line === '@same' && cur) {
      // statBothScript: what the path resolves to is the path itself, described in the section before
      Object.assign(cur, last);
    } else if (cur) {
      const at = line.indexOf('=');
      if (at > 0) cur[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

function toStat(kv: Record<string, string>): RemoteStat {
  const type = (['absent', 'file', 'directory', 'link', 'other'].includes(kv.type ?? '') ? kv.type : 'absent') as RemoteStat['type'];
  const content = kv.content !== undefined ? Buffer.from(kv.content, 'base64') : undefined;
  return {
    type,
    mode: parseInt(kv.mode ?? '0', 8),
    uid: Number(kv.uid ?? -1),
    gid: Number(kv.gid ?? -1),
    owner: kv.owner ?? '',
    group: kv.group ?? '',
    size: Number(kv.size ?? 0),
    checksum: kv.checksum?.split(' ')[0] || undefined,
    target: kv.target,
    ino: kv.ino,
    atime: kv.atime !== undefined ? Number(kv.atime) : undefined,
    mtime: kv.mtime !== undefined ? Number(kv.mtime) : undefined,
    content,
    ...(kv.binary !== undefined || content !== undefined ? { binary: kv.binary === '1' || content?.subarray(0, PEEK_BYTES).includes(0) === true } : {}),
  };
}

/** Look up the ids an `owner`/`group` argument names, so the plan can compare and report them. */
export function idLookupScript(owner: string | undefined, group: string | undefined): string {
  const lines: string[] = [];
  if (owner !== undefined) lines.push(`echo "@uid=$(id -u -- ${shellQuote(owner)} 2>/dev/null)"`);
  // `@gid=name:x:gid:members`, straight from getent (one process); a group it does not know leaves `@gid=`
  if (group !== undefined) lines.push(`printf @gid=; getent group ${shellQuote(group)} || echo`);
  return lines.join('\n');
}

export function parseIds(stdout: string): { uid?: number | undefined; gid?: number | undefined } {
  const u = /^@uid=(\d*)$/m.exec(stdout)?.[1];
  const g = /^@gid=(?:[^:\n]*:[^:\n]*:)?(\d*)/m.exec(stdout)?.[1];
  return { uid: u ? Number(u) : undefined, gid: g ? Number(g) : undefined };
}
