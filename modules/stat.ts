import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';

export interface StatArgs {
  path: string;
  follow?: boolean;
  get_checksum?: boolean;
  checksum_algorithm?: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  get_mime?: boolean;
  get_attributes?: boolean;
}

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

const schema = {
  type: 'object',
  properties: {
    path: { type: 'string' },
    dest: { type: 'string' },
    name: { type: 'string' },
    follow: { type: 'boolean', default: false },
    get_checksum: { type: 'boolean', default: true },
    checksum_algorithm: { enum: [...ALGORITHMS], default: 'sha1' },
    checksum: { enum: [...ALGORITHMS] },
    checksum_algo: { enum: [...ALGORITHMS] },
    get_mime: { type: 'boolean', default: true },
    mime: { type: 'boolean' },
    mime_type: { type: 'boolean' },
    'mime-type': { type: 'boolean' },
    get_attributes: { type: 'boolean', default: true },
    attr: { type: 'boolean' },
    attributes: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

// ansible/module_utils/common/file.py FILE_ATTRIBUTES
const FILE_ATTRIBUTES: Record<string, string> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted', h: 'blocksize',
  i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous', t: 'notail', T: 'blockroot', u: 'undelete',
  X: 'compressedraw', Z: 'compresseddirty',
};

/** One `sh -c` printing `key=value` lines: stat fields, access bits, link, checksum, mime, attributes. */
export function statScript(args: Required<Pick<StatArgs, 'path' | 'follow' | 'get_checksum' | 'checksum_algorithm' | 'get_mime' | 'get_attributes'>>): string {
  const L = args.follow ? '-L ' : '';
  const lines = [
    `p=${shellQuote(args.path)}`,
    'if [ ! -e "$p" ] && [ ! -L "$p" ]; then echo missing; exit 0; fi',
    'if [ -L "$p" ] && [ ! -e "$p" ] && [ -n "' + (args.follow ? '1' : '') + '" ]; then echo missing; exit 0; fi',
    `echo "st=$(stat ${L}-c '%f|%d|%i|%h|%s|%b|%o|%r|%u|%g|%U|%G|%.9X|%.9Y|%.9Z' -- "$p")"`,
    '[ -r "$p" ] && echo r=1; [ -w "$p" ] && echo w=1; [ -x "$p" ] && echo x=1',
    `if [ -L "$p" ] && [ -z "${args.follow ? '1' : ''}" ]; then echo "src=$(readlink -f -- "$p")"; echo "tgt=$(readlink -- "$p")"; fi`,
  ];
  if (args.get_checksum) lines.push(`if [ ${args.follow ? '' : '! -L "$p" ] && [ '}-f "$p" ] && [ -r "$p" ]; then echo "sum=$(${args.checksum_algorithm}sum < "$p" | cut -d' ' -f1)"; fi`);
  if (args.get_mime) lines.push('command -v file >/dev/null 2>&1 && echo "mime=$(file --mime-type --mime-encoding -- "$p" 2>/dev/null)"');
  if (args.get_attributes) lines.push('command -v lsattr >/dev/null 2>&1 && echo "attr=$(lsattr -vd -- "$p" 2>/dev/null)"');
  return lines.join('\n');
}

const pyTime = (s: string): number => {
  const [sec = '0', frac = '0'] = s.split('.');
  return Number(sec) + Number(frac.padEnd(9, '0').slice(0, 9)) * 1e-9;
};

/** Build Ansible's stat dict from what statScript printed. */
export function parseStat(stdout: string, args: StatArgs): ModuleResult {
  if (stdout.startsWith('missing')) return { exists: false };
  const kv = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) kv.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const f = (kv.get('st') ?? '').split('|');
  const mode = parseInt(f[0] ?? '0', 16);
  const type = mode & 0o170000;
  const num = (i: number) => Number(f[i] ?? 0);
  const out: ModuleResult = {
    exists: true,
    path: args.path,
    mode: (mode & 0o7777).toString(8).padStart(4, '0'),
    isdir: type === 0o040000,
    ischr: type === 0o020000,
    isblk: type === 0o060000,
    isreg: type === 0o100000,
    isfifo: type === 0o010000,
    islnk: type === 0o120000,
    issock: type === 0o140000,
    uid: num(8),
    gid: num(9),
    size: num(4),
    inode: num(2),
    dev: num(1),
    nlink: num(3),
    atime: pyTime(f[12] ?? '0'),
    mtime: pyTime(f[13] ?? '0'),
    ctime: pyTime(f[14] ?? '0'),
    wusr: Boolean(mode & 0o200), rusr: Boolean(mode & 0o400), xusr: Boolean(mode & 0o100),
    wgrp: Boolean(mode & 0o020), rgrp: Boolean(mode & 0o040), xgrp: Boolean(mode & 0o010),
    woth: Boolean(mode & 0o002), roth: Boolean(mode & 0o004), xoth: Boolean(mode & 0o001),
    isuid: Boolean(mode & 0o4000), isgid: Boolean(mode & 0o2000),
    blocks: num(5),
    block_size: num(6),
    device_type: num(7),
    readable: kv.has('r'),
    writeable: kv.has('w'),
    executable: kv.has('x'),
    pw_name: f[10] ?? '',
    gr_name: f[11] ?? '',
  };
  if (kv.has('src')) Object.assign(out, { lnk_source: kv.get('src'), lnk_target: kv.get('tgt') });
  if (kv.has('sum')) out.checksum = kv.get('sum');
  if (args.get_mime !== false) {
    out.mimetype = 'unknown';
    out.charset = 'unknown';
    const mime = kv.get('mime');
    if (mime !== undefined && mime.includes(':')) {
      const [type = '', charset = ''] = (mime.slice(mime.lastIndexOf(':') + 1)).split(';');
      out.mimetype = type.trim();
      out.charset = (charset.split('=')[1] ?? '').trim();
    }
  }
  if (args.get_attributes !== false) {
    Object.assign(out, { version: null, attributes: [], attr_flags: '' });
    const parts = (kv.get('attr') ?? '').split(/\s+/).filter(Boolean);
    if (parts.length >= 3) {
      const flags = (parts[1] ?? '').replaceAll('-', '');
      Object.assign(out, { version: parts[0], attr_flags: flags, attributes: [...flags].map((c) => FILE_ATTRIBUTES[c]).filter(Boolean) });
    }
  }
  return out;
}

/** stat never changes anything: the plan carries the answer. */
export async function planStat(given: StatArgs, ctx: ModuleContext): Promise<Plan<never>> {
  const a = given as StatArgs & Record<string, unknown>;
  const args = {
    path: (a.path ?? a.dest ?? a.name ?? '') as string,
    follow: given.follow ?? false,
    get_checksum: given.get_checksum ?? true,
    checksum_algorithm: (a.checksum_algorithm ?? a.checksum ?? a.checksum_algo ?? 'sha1') as StatArgs['checksum_algorithm'] & string,
    get_mime: (a.get_mime ?? a.mime ?? a.mime_type ?? a['mime-type'] ?? true) as boolean,
    get_attributes: (a.get_attributes ?? a.attr ?? a.attributes ?? true) as boolean,
  };
  const out = await ctx.conn.exec(statScript(args), { become: ctx.become, env: { LANG: 'C', LC_ALL: 'C' } });
  if (out.rc !== 0 && !/^(missing|st=)/.test(out.stdout)) {
    return { changed: false, reason: 'stat failed', result: { changed: false, failed: true, msg: out.stderr.trim() } };
  }
  return { changed: false, reason: 'stat only reads', result: { changed: false, stat: parseStat(out.stdout, args) } };
}

export const stat: ModuleDefinition<StatArgs, never> = {
  name: 'ansible.builtin.stat',
  aliases: ['stat', 'ansible.legacy.stat'],
  freeForm: false,
  output: 'json',
  schema,
  doc: {
    shortDescription: 'Retrieve file or file system status',
    description: ['Retrieves facts for a file similar to the Linux/Unix \'stat\' command.', 'For Windows targets, use the [ansible.windows.win_stat] module instead.'],
    options: {
      checksum_algorithm: 'Algorithm to determine checksum of file. Will throw an error if the host is unable to use specified algorithm. The remote host has to support the hashing method specified, `md5\' can be unavailable if the host is FIPS-140 compliant.',
      follow: 'Whether to follow symlinks.',
      get_attributes: 'Get file attributes using lsattr tool if present.',
      get_checksum: 'Whether to return a checksum of the file.',
      get_mime: 'Use file magic and return data about the nature of the file. this uses the \'file\' utility found on most Linux/Unix systems. This will add both `mimetype\' and `charset\' fields to the return, if possible. In Ansible 2.3 this option changed from `mime\' to `get_mime\' and the default changed to `true\'.',
      path: 'The full path of the file/object to get the facts of.',
    },
    optionAliases: { checksum_algorithm: ['checksum', 'checksum_algo'], get_attributes: ['attr', 'attributes'], get_mime: ['mime', 'mime_type', 'mime-type'], path: ['dest', 'name'] },
    returns: {
      stat: { description: 'Dictionary containing all the stat data, some platforms might add additional fields.', returned: 'success', type: 'complex' },
    },
  },
  plan: planStat,
  apply: () => Promise.reject(new Error('stat never changes anything')),
};
