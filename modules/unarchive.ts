// ansible.builtin.unarchive: tar on the target. A local archive rides on stdin (no put, no leftover): once for
// `tar --diff` (Ansible's idempotence test), once more for the extraction when something differs.
import { readFileSync } from 'node:fs';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { shlexSplit } from '../src/parsing/shlex-split.js';
import { findSource, taskSearchPath } from './lib/find-source.js';
import { formatMode } from './lib/file-mode.js';

export interface UnarchiveArgs {
  src: string;
  dest: string;
  remote_src?: boolean;
  copy?: boolean;
  creates?: string;
  list_files?: boolean;
  extra_opts?: string[];
  exclude?: string[];
  keep_newer?: boolean;
}

export interface UnarchiveSteps {
  archive: Buffer | null;
  flag: string;
  handler: string;
  files: string[];
  src: string;
}

const schema = {
  type: 'object',
  properties: {
    src: { type: 'string' },
    dest: { type: 'string' },
    remote_src: { type: 'boolean', default: false },
    copy: { type: 'boolean' },
    creates: { type: 'string' },
    list_files: { type: 'boolean', default: false },
    extra_opts: { type: 'array', items: { type: 'string' } },
    exclude: { type: 'array', items: { type: 'string' } },
    keep_newer: { type: 'boolean', default: false },
  },
  required: ['src', 'dest'],
  additionalProperties: false,
} as const;

/** Ansible's handler order: ZipArchive, TgzArchive, TarArchive, TarBzipArchive, TarXzArchive. */
const TAR_HANDLERS: [string, string][] = [['z', 'TgzArchive'], ['', 'TarArchive'], ['j', 'TarBzipArchive'], ['J', 'TarXzArchive']];
// the lines of `tar --diff` that make TgzArchive.is_unarchived false (content and size changes alone do not, as in Ansible)
const DIFF_RES = [/: Uid differs$/, /: Gid differs$/, /: Mode differs$/, /: Mod time differs$/, /: Warning: Cannot stat: No such file or directory$/, /: Invalid owner/, /: Invalid group/];
const EMPTY_FILE_RE = /: : Warning: Cannot stat: No such file or directory$/;

const opts = (args: UnarchiveArgs) => [...(args.extra_opts ?? []), ...(args.exclude ?? []).map((e) => `--exclude=${e}`)].map(shellQuote).join(' ');
const b64 = (cmd: string) => `{ ${cmd}; } 2>&1 | base64 -w0; echo`;

/** One round trip: creates, dest, the handler, the listing, `tar --diff` and dest's stat. */
export function probeScript(args: UnarchiveArgs, local: boolean): string {
  const d = shellQuote(args.dest);
  const lines = ['LC_ALL=C; LANG=C; export LC_ALL LANG', `d=${d}`];
  if (args.creates !== undefined) lines.push(`[ -e ${shellQuote(args.creates)} ] && { echo @@skip; exit 0; }`);
  lines.push('[ -d "$d" ] || { echo @@nodest; exit 0; }');
  if (local) lines.push('t=$(mktemp) || exit 1; trap \'rm -f "$t"\' EXIT; cat > "$t"; a="$t"');
  else lines.push(`a=${shellQuote(args.src)}`, '[ -e "$a" ] || { echo @@nosrc; exit 0; }');
  lines.push(
    'h=none',
    `for fl in ${TAR_HANDLERS.map(([f]) => (f === '' ? "''" : f)).join(' ')}; do if tar -t\${fl}f "$a" >/dev/null 2>&1; then h="tar$fl"; break; fi; done`,
    'if command -v unzip >/dev/null 2>&1 && unzip -Z -1 "$a" >/dev/null 2>&1; then h=zip; fi',
    'echo "@@handler $h"',
    'case "$h" in',
    `  tar*) fl=\${h#tar}; ${b64(`tar -t\${fl}f "$a"`)}; ${b64(`cd "$d" && tar --diff -C "$d" \${fl:+-$fl} ${opts(args)} -f "$a"`)} ;;`,
    `  zip) ${b64('unzip -Z -1 "$a"')}; ${b64('cd "$d" && unzip -Z -1 "$a" | while IFS= read -r m; do [ -e "$m" ] || echo "$m: Warning: Cannot stat: No such file or directory"; done')} ;;`,
    '  *) echo; echo ;;',
    'esac',
    `stat -c '%u %g %a %s %U %G' "$d"`,
    'echo "$a"',
  );
  return lines.join('\n');
}

function extractScript(args: UnarchiveArgs, steps: UnarchiveSteps): string {
  const local = steps.archive !== null;
  const lines = ['LC_ALL=C; export LC_ALL', `d=${shellQuote(args.dest)}`];
  lines.push(local ? 't=$(mktemp) || exit 1; trap \'rm -f "$t"\' EXIT; cat > "$t"; a="$t"' : `a=${shellQuote(args.src)}`);
  const run = steps.handler === 'ZipArchive' ? `unzip -o "$a" -d "$d" ${opts(args)}` : `tar --extract -C "$d" ${steps.flag ? `-${steps.flag} ` : ''}${opts(args)} -f "$a"`;
  lines.push(`out=$(${run} 2>/tmp/.tsible-unarchive-err.$$); rc=$?`, `err=$(cat /tmp/.tsible-unarchive-err.$$); rm -f /tmp/.tsible-unarchive-err.$$`);
  lines.push(`echo "@@rc $rc"; printf '%s' "$out" | base64 -w0; echo; printf '%s' "$err" | base64 -w0; echo`, `stat -c '%u %g %a %s %U %G' "$d"`);
  return lines.join('\n');
}

const unb64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');
function destStat(line: string): ModuleResult {
  const [uid, gid, mode, size, owner, group] = line.split(' ');
  return { gid: Number(gid), group, mode: formatMode(parseInt(mode ?? '0', 8)), owner, size: Number(size), state: 'directory', uid: Number(uid) };
}

async function plan(args: UnarchiveArgs, ctx: ModuleContext): Promise<Plan<UnarchiveSteps>> {
  const fail = (msg: string): Plan<UnarchiveSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
  const remote = args.remote_src === true || args.copy === false;
  let archive: Buffer | null = null;
  if (!remote) {
    const local = findSource(args.src, 'files', taskSearchPath(ctx));
    if (local === undefined) return fail(`Could not find or access '${args.src}' on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`);
    archive = readFileSync(local);
  }
  if (args.extra_opts) void shlexSplit(args.extra_opts.join(' '));
  const out = await ctx.conn.exec(probeScript(args, !remote), { stdin: archive ?? undefined, become: ctx.become });
  const lines = out.stdout.split('\n');
  if (lines[0] === '@@skip') return { changed: false, reason: `${args.creates} exists`, result: { changed: false, skipped: true, msg: `skipped, since ${args.creates} exists` } };
  if (lines[0] === '@@nodest') return fail(`dest '${args.dest}' must be an existing dir`);
  if (lines[0] === '@@nosrc') return fail(`Source '${args.src}' does not exist`);
  const handlerCode = (lines[0] ?? '').replace('@@handler ', '');
  const [listing, diff, statLine = '', src = args.src] = lines.slice(1);
  if (handlerCode === 'none') {
    const reason = handlerCode === 'none' ? "Unable to find required 'unzip' or 'zipinfo' binary in the path." : '';
    return fail(`Failed to find handler for "${src}". Make sure the required command to extract the file is installed.\n${reason}`);
  }
  const flag = handlerCode.startsWith('tar') ? handlerCode.slice(3) : '';
  const handler = handlerCode === 'zip' ? 'ZipArchive' : (TAR_HANDLERS.find(([f]) => f === flag)?.[1] ?? 'TarArchive');
  const files = unb64(listing).split('\n').filter(Boolean);
  const differs = unb64(diff)
    .split('\n')
    .filter((l) => !EMPTY_FILE_RE.test(l) && DIFF_RES.some((re) => re.test(l)));
  const base: ModuleResult = { dest: args.dest, handler, src, ...destStat(statLine), ...(args.list_files ? { files } : {}) };
  if (differs.length === 0) return { changed: false, reason: `${args.dest} already holds the archive's files`, result: { changed: false, ...base } };
  return { changed: true, steps: { archive, flag, handler, files, src }, result: { changed: true, ...base } };
}

async function apply(steps: UnarchiveSteps, args: UnarchiveArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const out = await ctx.conn.exec(extractScript(args, steps), { stdin: steps.archive ?? undefined, become: ctx.become });
  const [head = '', o, e, statLine = ''] = out.stdout.split('\n');
  const rc = Number(head.replace('@@rc ', ''));
  const cmd = steps.handler === 'ZipArchive' ? ['unzip', '-o', steps.src, '-d', args.dest] : ['tar', '--extract', '-C', args.dest, ...(steps.flag ? [`-${steps.flag}`] : []), ...(args.extra_opts ?? []), '-f', steps.src];
  const extract_results = { cmd, err: unb64(e), out: unb64(o), rc };
  const base: ModuleResult = { dest: args.dest, extract_results, handler: steps.handler, src: steps.src, ...destStat(statLine), ...(args.list_files ? { files: steps.files } : {}) };
  if (rc !== 0) return { changed: false, failed: true, ...base, msg: `failed to unpack ${steps.src} to ${args.dest}` };
  return { changed: true, ...base };
}

export const unarchive: ModuleDefinition<UnarchiveArgs, UnarchiveSteps> = {
  name: 'ansible.builtin.unarchive',
  aliases: ['unarchive', 'ansible.legacy.unarchive'],
  freeForm: false,
  output: 'json',
  schema,
  plan,
  apply: (p, args, ctx) => apply(p.steps, args, ctx),
};
