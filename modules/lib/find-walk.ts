// find's remote listing (one `find -printf` per path) and Ansible's os.walk order and filters, replayed on the controller.

export interface WalkEntry {
  /** path relative to the searched dir, '/'-joined */
  rel: string;
  /** lstat type letter as find's %y prints it (f d l p s c b) */
  type: string;
  /** the type after following a link (%Y): os.walk puts a link to a dir among the dirs */
  followedType: string;
  mode: number;
  uid: number;
  gid: number;
  owner: string;
  group: string;
  size: number;
  inode: number;
  dev: number;
  nlink: number;
  atime: number;
  mtime: number;
  ctime: number;
  depth: number;
}

/** Fields find -printf prints per entry, NUL-terminated; the relative path last so spaces in it are harmless. */
export const PRINTF = '%y %Y %m %U %G %s %i %D %n %A@ %T@ %C@ %d %u\\t%g\\t%P\\0';

/** Parse one path's `find -printf PRINTF` output. */
export function parseWalk(text: string): WalkEntry[] {
  const entries: WalkEntry[] = [];
  for (const record of text.split('\0')) {
    if (record.trim() === '') continue;
    const [first = '', group = '', ...relParts] = record.split('\t');
    const [type = '', followedType = '', mode = '0', uid, gid, size, inode, dev, nlink, atime, mtime, ctime, depth, ...ownerParts] = first.replace(/^\n/, '').split(' ');
    const owner = ownerParts.join(' ');
    entries.push({
      rel: relParts.join('\t'),
      type,
      followedType,
      mode: parseInt(mode, 8),
      uid: Number(uid),
      gid: Number(gid),
      owner,
      group,
      size: Number(size),
      inode: Number(inode),
      dev: Number(dev),
      nlink: Number(nlink),
      atime: Number(atime),
      mtime: Number(mtime),
      ctime: Number(ctime),
      depth: Number(depth),
    });
  }
  return entries;
}

const parentOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
const baseOf = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);

export interface WalkStep {
  /** the entries of one directory, files first then dirs, as os.walk yields them */
  entries: WalkEntry[];
  /** depth of these entries below the searched dir (1 = its children) */
  depth: number;
}

/**
 * os.walk(topdown) over find's preorder listing: each directory's files, then its dirs (a link to a dir counts as a
 * dir but is entered only with follow); `descend(step)` says whether to go below this directory's dirs.
 */
export function* osWalk(entries: WalkEntry[], opts: { recurse: boolean; follow: boolean; descend: (step: WalkStep) => boolean }): Generator<WalkStep> {
  const byParent = new Map<string, WalkEntry[]>();
  for (const e of entries) {
    const p = parentOf(e.rel);
    const list = byParent.get(p);
    if (list) list.push(e);
    else byParent.set(p, [e]);
  }
  const stack: { rel: string; depth: number }[] = [{ rel: '', depth: 1 }];
  while (stack.length > 0) {
    const { rel, depth } = stack.shift() as { rel: string; depth: number };
    const children = byParent.get(rel) ?? [];
    const isDir = (e: WalkEntry) => e.followedType === 'd';
    const dirs = children.filter(isDir);
    const step = { entries: [...children.filter((e) => !isDir(e)), ...dirs], depth };
    yield step;
    if (!opts.recurse || !opts.descend(step)) continue;
    const next = dirs.filter((d) => d.type === 'd' || opts.follow).map((d) => ({ rel: d.rel, depth: depth + 1 }));
    stack.unshift(...next);
  }
}

export { baseOf };

/** Python's fnmatch.fnmatch (case-sensitive on POSIX): *, ?, [seq], [!seq]. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) re += '\\[';
      else {
        let body = pattern.slice(i + 1, j).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        else if (body.startsWith('^')) body = `\\${body}`;
        re += `[${body}]`;
        i = j;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's').test(name);
}

/** Python's re.match: anchored at the start only. */
export function reMatch(name: string, pattern: string): boolean {
  return new RegExp(`^(?:${pattern})`).test(name);
}

/** find.py pfilter, verbatim in logic. */
export function pfilter(name: string, patterns: string[], excludes: string[] | undefined, useRegex: boolean): boolean {
  const m = useRegex ? reMatch : fnmatch;
  if (patterns.length === 0 && (excludes ?? []).length === 0) return true;
  for (const p of patterns) {
    if (!m(name, p)) continue;
    return !(excludes ?? []).some((e) => m(name, e));
  }
  return false;
}

/** `-1d`, `2w`, `30` → seconds; `-10k`, `1g` → bytes; null when not Ansible's format. */
export function parseAmount(text: string, units: Record<string, number>): number | null {
  const m = new RegExp(`^(-?\\d+)([${Object.keys(units).join('')}])?$`).exec(text.toLowerCase());
  return m ? Number(m[1]) * (units[m[2] ?? ''] ?? 1) : null;
}
export const SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
export const BYTES = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
