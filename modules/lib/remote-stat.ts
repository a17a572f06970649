// One shell fragment that describes a path on the target, and its parser: the read half of every file module.
import { shellQuote } from '../../src/connection/shell-quote.js';

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
}

export interface StatWants {
  checksum?: boolean;
  content?: boolean;
  /** stat what a symlink points to rather than the link */
  follow?: boolean;
  /** `path` is a shell expression (`$D`) the script sets, not a literal path */
  pathIsVar?: boolean;
}

/** Prints `key=value` lines about `path` between `@begin` and `@end` markers, so several paths fit in one exec. */
export function statScript(path: string, wants: StatWants = {}): string {
  const q = wants.pathIsVar ? `"${path}"` : shellQuote(path);
  const lines = [
    'echo @begin',
    `p=${q}`,
    wants.follow
      ? `if [ -d "$p" ]; then t=directory; elif [ -f "$p" ]; then t=file; elif [ -L "$p" ]; then t=link; elif [ -e "$p" ]; then t=other; else t=absent; fi`
      : `if [ -L "$p" ]; then t=link; elif [ -d "$p" ]; then t=directory; elif [ -f "$p" ]; then t=file; elif [ -e "$p" ]; then t=other; else t=absent; fi`,
    'echo "type=$t"',
    `if [ "$t" != absent ]; then stat ${wants.follow ? '-L ' : ''}--printf 'mode=%a\nuid=%u\ngid=%g\nowner=%U\ngroup=%G\nsize=%s\nino=%d:%i\natime=%X\nmtime=%Y\n' "$p"; fi`,
    `if [ "$t" = link ]; then echo "target=$(readlink "$p")"; fi`,
  ];
  if (wants.checksum) lines.push(`if [ "$t" = file ]; then echo "checksum=$(sha1sum < "$p" | cut -d' ' -f1)"; fi`);
  if (wants.content) lines.push(`if [ "$t" = file ] && [ "$(stat -L -c %s "$p")" -le ${MAX_DIFF_SIZE} ]; then echo "content=$(base64 -w0 < "$p")"; fi`);
  lines.push('echo @end');
  return lines.join('\n');
}

/** Who runs the module on the target, and its umask: what a new file's owner and mode will be. */
export const WHOAMI_SCRIPT = `echo "@who=$(id -u) $(id -g) $(umask) $(id -un) $(id -gn)"`;

export interface Whoami {
  uid: number;
  gid: number;
  umask: number;
  user: string;
  group: string;
}

export function parseWhoami(stdout: string): Whoami | undefined {
  const m = /^@who=(\d+) (\d+) ([0-7]+) (\S+) (\S+)$/m.exec(stdout);
  if (!m) return undefined;
  return { uid: Number(m[1]), gid: Number(m[2]), umask: parseInt(m[3] as string, 8), user: m[4] as string, group: m[5] as string };
}

/** Every `@begin`..`@end` section of the output, in order. */
export function parseStats(stdout: string): RemoteStat[] {
  const out: RemoteStat[] = [];
  let cur: Record<string, string> | undefined;
  for (const line of stdout.split('\n')) {
    if (line === '@begin') cur = {};
    else if (line === '@end' && cur) {
      out.push(toStat(cur));
      cur = undefined;
    } else if (cur) {
      const at = line.indexOf('=');
      if (at > 0) cur[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

function toStat(kv: Record<string, string>): RemoteStat {
  const type = (['absent', 'file', 'directory', 'link', 'other'].includes(kv.type ?? '') ? kv.type : 'absent') as RemoteStat['type'];
  return {
    type,
    mode: parseInt(kv.mode ?? '0', 8),
    uid: Number(kv.uid ?? -1),
    gid: Number(kv.gid ?? -1),
    owner: kv.owner ?? '',
    group: kv.group ?? '',
    size: Number(kv.size ?? 0),
    checksum: kv.checksum || undefined,
    target: kv.target,
    ino: kv.ino,
    atime: kv.atime !== undefined ? Number(kv.atime) : undefined,
    mtime: kv.mtime !== undefined ? Number(kv.mtime) : undefined,
    content: kv.content !== undefined ? Buffer.from(kv.content, 'base64') : undefined,
  };
}

/** Look up the ids an `owner`/`group` argument names, so the plan can compare and report them. */
export function idLookupScript(owner: string | undefined, group: string | undefined): string {
  const lines: string[] = [];
  if (owner !== undefined) lines.push(`echo "@uid=$(id -u -- ${shellQuote(owner)} 2>/dev/null)"`);
  if (group !== undefined) lines.push(`echo "@gid=$(getent group ${shellQuote(group)} | cut -d: -f3)"`);
  return lines.join('\n');
}

export function parseIds(stdout: string): { uid?: number | undefined; gid?: number | undefined } {
  const u = /^@uid=(\d*)$/m.exec(stdout)?.[1];
  const g = /^@gid=(\d*)$/m.exec(stdout)?.[1];
  return { uid: u ? Number(u) : undefined, gid: g ? Number(g) : undefined };
}
