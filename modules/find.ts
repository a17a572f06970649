// ansible.builtin.find: one round trip lists every path with find -printf; Ansible's walk order and filters run here.
import { posix } from 'node:path';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { formatMode } from './lib/file-mode.js';
import { BYTES, baseOf, osWalk, parseAmount, parseWalk, pfilter, PRINTF, SECONDS, type WalkEntry } from './lib/find-walk.js';

export interface FindArgs {
  paths: string[];
  patterns?: string[];
  excludes?: string[];
  contains?: string;
  read_whole_file?: boolean;
  file_type?: 'any' | 'directory' | 'file' | 'link';
  age?: string;
  age_stamp?: 'atime' | 'ctime' | 'mtime';
  size?: string;
  recurse?: boolean;
  hidden?: boolean;
  follow?: boolean;
  get_checksum?: boolean;
  use_regex?: boolean;
  depth?: number;
}

const list = { type: 'array', items: { type: 'string' } } as const;
const schema = {
  type: 'object',
  properties: {
    paths: list,
    name: list,
    path: list,
    patterns: list,
    pattern: list,
    excludes: list,
    exclude: list,
    contains: { type: 'string' },
    read_whole_file: { type: 'boolean', default: false },
    file_type: { enum: ['any', 'directory', 'file', 'link'], default: 'file' },
    age: { type: 'string' },
    age_stamp: { enum: ['atime', 'ctime', 'mtime'], default: 'mtime' },
    size: { type: 'string' },
    recurse: { type: 'boolean', default: false },
    hidden: { type: 'boolean', default: false },
    follow: { type: 'boolean', default: false },
    get_checksum: { type: 'boolean', default: false },
    use_regex: { type: 'boolean', default: false },
    depth: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

const SEP = '\x1e';

/** Everything find needs from the target, for every path, in one script. */
export function findScript(args: FindArgs): string {
  const recurse = args.recurse ?? false;
  const max = !recurse ? ' -maxdepth 1' : args.depth ? ` -maxdepth ${args.depth + 1}` : '';
  const L = args.follow ? '-L ' : '';
  const lines = [`LC_ALL=C; export LC_ALL`, `printf '${SEP}now${SEP}%s' "$(date +%s.%N)"`];
  if (args.contains !== undefined) lines.push(`if grep -qP '' /dev/null 2>/dev/null || [ $? -eq 1 ]; then g=P; else g=E; fi`);
  args.paths.forEach((path, i) => {
    const p = path.startsWith('~') ? `"$HOME"${shellQuote(path.slice(1))}` : shellQuote(path);
    lines.push(`p=${p}`, `if [ -d "$p" ]; then`, `printf '${SEP}dir ${i}${SEP}'; find ${L}"$p" -mindepth 1${max} -printf '${PRINTF}' 2>/dev/null`);
    if (args.contains !== undefined && (args.file_type ?? 'file') === 'file') {
      const pattern = args.read_whole_file ? shellQuote(args.contains) : `"^(?:"${shellQuote(args.contains)}")"`;
      const ere = args.read_whole_file ? shellQuote(args.contains) : `"^("${shellQuote(args.contains)}")"`;
      lines.push(
        `printf '${SEP}contains ${i}${SEP}'`,
        `if [ $g = P ]; then pat=${pattern}; else pat=${ere}; fi`,
        `find ${L}"$p" -mindepth 1${max} -type f -exec grep -q${args.read_whole_file ? 'z' : ''}$g -e "$pat" {} \\; -printf '%P\\0' 2>/dev/null`,
      );
    }
    if (args.get_checksum) lines.push(`printf '${SEP}sums ${i}${SEP}'; (cd "$p" && find ${L}. -mindepth 1${max} -type f -exec sha1sum -z {} + 2>/dev/null)`);
    lines.push(`else printf '${SEP}notdir ${i}${SEP}'; fi`);
  });
  return lines.join('\n');
}

/** os.stat_result as find.py's statinfo() reports it (keys sorted, as Ansible prints them). */
function statinfo(path: string, e: WalkEntry, checksum: string | undefined): Record<string, unknown> {
  const m = e.mode;
  return {
    atime: e.atime,
    ...(checksum !== undefined ? { checksum } : {}),
    ctime: e.ctime,
    dev: e.dev,
    gid: e.gid,
    gr_name: e.group,
    inode: e.inode,
    isblk: e.type === 'b',
    ischr: e.type === 'c',
    isdir: e.type === 'd',
    isfifo: e.type === 'p',
    isgid: (m & 0o2000) !== 0,
    islnk: e.type === 'l',
    isreg: e.type === 'f',
    issock: e.type === 's',
    isuid: (m & 0o4000) !== 0,
    mode: formatMode(m),
    mtime: e.mtime,
    nlink: e.nlink,
    path,
    pw_name: e.owner,
    rgrp: (m & 0o40) !== 0,
    roth: (m & 0o4) !== 0,
    rusr: (m & 0o400) !== 0,
    size: e.size,
    uid: e.uid,
    wgrp: (m & 0o20) !== 0,
    woth: (m & 0o2) !== 0,
    wusr: (m & 0o200) !== 0,
    xgrp: (m & 0o10) !== 0,
    xoth: (m & 0o1) !== 0,
    xusr: (m & 0o100) !== 0,
  };
}

const normpath = (p: string) => {
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
};

/** find.py main() over the listing: the same examined count, filters and order. */
export function findResult(stdout: string, args: FindArgs): ModuleResult {
  const parts = stdout.split(SEP);
  const sections = new Map<string, string>();
  for (let i = 1; i + 1 < parts.length + 1; i += 2) sections.set(parts[i] ?? '', parts[i + 1] ?? '');
  const now = Number(sections.get('now'));
  const useRegex = args.use_regex ?? false;
  const patterns = args.patterns && args.patterns.length > 0 ? args.patterns : [useRegex ? '.*' : '*'];
  const age = args.age === undefined ? null : parseAmount(args.age, SECONDS);
  const size = args.size === undefined ? null : parseAmount(args.size, BYTES);
  if (args.age !== undefined && age === null) return { failed: true, changed: false, age: args.age, msg: 'failed to process age' };
  if (args.size !== undefined && size === null) return { failed: true, changed: false, size: args.size, msg: 'failed to process size' };
  const stamp = args.age_stamp ?? 'mtime';
  const fileType = args.file_type ?? 'file';
  const ageOk = (e: WalkEntry) => age === null || (age >= 0 ? now - e[stamp] >= Math.abs(age) : now - e[stamp] <= Math.abs(age));
  const sizeOk = (e: WalkEntry) => size === null || (size >= 0 ? e.size >= Math.abs(size) : e.size <= Math.abs(size));
  const files: Record<string, unknown>[] = [];
  const skipped: Record<string, string> = {};
  const warnings: string[] = [];
  let looked = 0;
  args.paths.forEach((given, i) => {
    const npath = given;
    const listing = sections.get(`dir ${i}`);
    if (listing === undefined) {
      skipped[npath] = `'${npath}' is not a directory`;
      warnings.push(`Skipped '${npath}' path due to this access issue: ${skipped[npath]}\n`);
      return;
    }
    const containing = sections.has(`contains ${i}`) ? new Set((sections.get(`contains ${i}`) ?? '').split('\0').filter(Boolean)) : null;
    const sums = new Map<string, string>();
    for (const rec of (sections.get(`sums ${i}`) ?? '').split('\0')) {
      const m = /^\\?([0-9a-f]{40}) [ *]\.\/(.*)$/s.exec(rec);
      if (m) sums.set(m[2] ?? '', m[1] ?? '');
    }
    const entries = parseWalk(listing);
    const walk = osWalk(entries, { recurse: args.recurse ?? false, follow: args.follow ?? false, descend: (step) => !(args.depth && step.depth > args.depth) });
    for (const step of walk) {
      looked += step.entries.length;
      if (args.depth && step.depth > args.depth) continue;
      for (const e of step.entries) {
        const name = baseOf(e.rel);
        if (name.startsWith('.') && !(args.hidden ?? false)) continue;
        const path = normpath(`${npath}/${e.rel}`);
        const named = pfilter(name, patterns, args.excludes, useRegex);
        if (fileType === 'any') {
          if (named && ageOk(e) && (e.type !== 'f' || sizeOk(e))) files.push(statinfo(path, e, e.type === 'f' && args.get_checksum ? sums.get(e.rel) : undefined));
        } else if (fileType === 'directory' && e.type === 'd') {
          if (named && ageOk(e)) files.push(statinfo(path, e, undefined));
        } else if (fileType === 'file' && e.type === 'f') {
          if (named && ageOk(e) && sizeOk(e) && (containing === null || containing.has(e.rel))) files.push(statinfo(path, e, args.get_checksum ? sums.get(e.rel) : undefined));
        } else if (fileType === 'link' && e.type === 'l') {
          if (named && ageOk(e)) files.push(statinfo(path, e, undefined));
        }
      }
    }
  });
  return {
    changed: false,
    examined: looked,
    files,
    matched: files.length,
    msg: warnings.length > 0 ? 'Not all paths examined, check warnings for details' : 'All paths examined',
    skipped_paths: skipped,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** Aliases (name/path, pattern, exclude) folded onto Ansible's canonical names. */
function canonical(given: FindArgs & Record<string, unknown>): FindArgs {
  const a = { ...given };
  a.paths = (a.paths ?? (a['path'] as string[] | undefined) ?? (a['name'] as string[] | undefined)) as string[];
  a.patterns = a.patterns ?? (a['pattern'] as string[] | undefined);
  a.excludes = a.excludes ?? (a['exclude'] as string[] | undefined);
  return a;
}

async function plan(given: FindArgs, ctx: ModuleContext): Promise<Plan<null>> {
  const args = canonical(given as FindArgs & Record<string, unknown>);
  if (!args.paths) return { changed: false, reason: 'missing paths', result: { failed: true, changed: false, msg: 'missing required arguments: paths' } };
  const out = await ctx.conn.exec(findScript(args), { become: ctx.become });
  const result = findResult(out.stdout, args);
  return { changed: false, reason: `found ${String(result.matched ?? 0)} of ${String(result.examined ?? 0)} examined`, result };
}

export const find: ModuleDefinition<FindArgs, null> = {
  name: 'ansible.builtin.find',
  aliases: ['find', 'ansible.legacy.find'],
  freeForm: false,
  output: 'json',
  schema,
  plan,
  apply: async () => ({ changed: false }),
};
