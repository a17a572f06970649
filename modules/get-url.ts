// ansible.builtin.get_url. The DOWNLOAD RUNS ON THE CONTROLLER (Node's fetch), then the file is put on the target:
// the lab image (and many minimal targets) has neither curl nor wget, and tsible needs nothing but sh on a target.
// Consequence: the URL must be reachable from the controller, not only from the target. One probe exec reads dest.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { formatMode } from './lib/file-mode.js';

export interface GetUrlArgs {
  url: string;
  dest: string;
  checksum?: string;
  force?: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
  headers?: Record<string, string>;
  timeout?: number;
}

export interface GetUrlSteps {
  content: Buffer;
  dest: string;
  base: ModuleResult;
  /** the download did not match `checksum`: Ansible put it in place, then removed dest and failed with this */
  mismatch?: string;
}

const schema = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    dest: { type: 'string' },
    checksum: { type: 'string', default: '' },
    force: { type: 'boolean', default: false },
    mode: { type: ['string', 'integer'] },
    owner: { type: 'string' },
    group: { type: 'string' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    timeout: { type: 'integer', default: 10 },
  },
  required: ['url', 'dest'],
  additionalProperties: false,
} as const;

const ALGORITHMS = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
const digest = (algo: string, b: Buffer) => createHash(algo).update(b).digest('hex');

interface DestState {
  path: string;
  exists: boolean;
  sha1: string | null;
  mtime: number;
  mode: string;
  owner: string;
  group: string;
  uid: number;
  gid: number;
  size: number;
}

/** Where the file goes (a directory dest takes the URL's basename) and what is there now, in one exec. */
function probeScript(dest: string, url: string): string {
  const name = posix.basename(new URL(url).pathname) || 'index.html';
  return [
    `p=${shellQuote(dest)}`,
    `[ -d "$p" ] && p="\${p%/}"/${shellQuote(name)}`,
    'printf "%s\\n" "$p"',
    'echo "$(id -u) $(id -g) $(id -un) $(id -gn)"',
    `if [ -f "$p" ]; then echo "$(sha1sum < "$p" | cut -c1-40) $(stat -c '%Y %a %U %G %u %g %s' "$p")"; else echo missing; fi`,
  ].join('\n');
}

function parseDest(stdout: string): DestState {
  const [path = '', who = '', info = 'missing'] = stdout.split('\n');
  const [u, g, user = '', grp = ''] = who.split(' ');
  if (info === 'missing') return { path, exists: false, sha1: null, mtime: 0, mode: '', owner: user, group: grp, uid: Number(u), gid: Number(g), size: 0 };
  const [sha1 = '', mtime, mode = '0', owner = '', group = '', uid, gid, size] = info.split(' ');
  return { path, exists: true, sha1, mtime: Number(mtime), mode: formatMode(parseInt(mode, 8)), owner, group, uid: Number(uid), gid: Number(gid), size: Number(size) };
}

const wantedMode = (mode: string | number | undefined) => (mode === undefined ? undefined : formatMode(typeof mode === 'number' ? mode : parseInt(mode, 8)));
const attrsDiffer = (d: DestState, a: GetUrlArgs) => (wantedMode(a.mode) !== undefined && wantedMode(a.mode) !== d.mode) || (a.owner !== undefined && a.owner !== d.owner) || (a.group !== undefined && a.group !== d.group);
const fileResult = (d: DestState) => ({ gid: d.gid, group: d.group, mode: d.mode, owner: d.owner, size: d.size, state: 'file', uid: d.uid });

async function plan(args: GetUrlArgs, ctx: ModuleContext): Promise<Plan<GetUrlSteps>> {
  const started = Date.now();
  const fail = (msg: string, extra: ModuleResult = {}): Plan<GetUrlSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });
  let algo = '';
  let expected = '';
  if (args.checksum) {
    const [a = '', ...rest] = args.checksum.split(':');
    algo = a.toLowerCase();
    expected = rest.join(':').toLowerCase();
    if (!ALGORITHMS.has(algo) || !expected) return fail(`The checksum parameter has to be in format <algorithm>:<checksum>`);
  }
  const out = await ctx.conn.exec(probeScript(args.dest, args.url), { become: ctx.become });
  const dest = parseDest(out.stdout);
  const elapsed = () => Math.floor((Date.now() - started) / 1000);
  const base = { dest: dest.path, url: args.url };
  if (dest.exists && algo) {
    const sums = await ctx.conn.exec(`${algo}sum < ${shellQuote(dest.path)} | cut -d' ' -f1`, { become: ctx.become });
    if (sums.stdout.trim() === expected && !attrsDiffer(dest, args)) return { changed: false, reason: 'checksum matches', result: { changed: false, ...base, msg: 'file already exists', ...fileResult(dest) } };
  }
  const headers: Record<string, string> = { ...(args.headers ?? {}) };
  // a directory dest: Ansible names the file only after the download, so it never asks "modified since?"
  const destIsDir = dest.path !== args.dest;
  if (dest.exists && !args.force && !algo && !destIsDir) headers['If-Modified-Since'] = new Date(dest.mtime * 1000).toUTCString();
  let response: Response;
  try {
    response = await fetch(args.url, { headers, signal: AbortSignal.timeout((args.timeout ?? 10) * 1000), redirect: 'follow' });
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return fail(`Request failed: ${e.cause?.message ?? e.message}`, { ...base, elapsed: elapsed(), status_code: -1 });
  }
  if (response.status === 304) return { changed: false, reason: 'not modified', result: { changed: false, ...base, elapsed: elapsed(), msg: 'HTTP Error 304: Not Modified', status_code: 304, ...fileResult(dest) } };
  if (response.status >= 400) return fail('Request failed', { ...base, elapsed: elapsed(), response: `HTTP Error ${response.status}: ${response.statusText}`, status_code: response.status });
  const content = Buffer.from(await response.arrayBuffer());
  const checksumSrc = digest('sha1', content);
  // urllib's status message, as Ansible reports it: the Content-Length header, not what arrived
  const okMsg = `OK (${response.headers.get('content-length') ?? 'unknown'} bytes)`;
  // check mode: Ansible sends HEAD and compares dest with the empty body that returns, so any download counts as a change
  if (ctx.check) {
    const wouldChange = dest.sha1 !== digest('sha1', Buffer.alloc(0));
    const head: ModuleResult = { ...base, checksum_dest: dest.sha1, checksum_src: digest('sha1', Buffer.alloc(0)), elapsed: elapsed(), msg: okMsg };
    if (!wouldChange) return { changed: false, reason: 'check mode: dest is as empty as a HEAD body', result: { changed: false, ...head } };
    return { changed: true, steps: { content, dest: dest.path, base: head }, result: { changed: true, ...head } };
  }
  const sums: ModuleResult = { ...base, checksum_dest: dest.sha1, checksum_src: checksumSrc, elapsed: elapsed() };
  if (algo && digest(algo, content) !== expected) {
    // Ansible moved the download over dest first (changed unless the content was already there), then removed dest
    const mismatch = `The checksum for ${dest.path} did not match ${expected}; it was ${digest(algo, content)}.`;
    return { changed: true, steps: { content, dest: dest.path, base: { ...sums, changed: dest.sha1 !== checksumSrc }, mismatch }, result: { changed: true, ...sums } };
  }
  const result: ModuleResult = { ...sums, md5sum: digest('md5', content), msg: okMsg, status_code: response.status };
  if (dest.exists && dest.sha1 === checksumSrc && !attrsDiffer(dest, args)) return { changed: false, reason: 'same content', result: { changed: false, ...result, ...fileResult(dest) } };
  const after = { gid: dest.gid, group: args.group ?? dest.group, mode: wantedMode(args.mode) ?? (dest.exists ? dest.mode : '0644'), owner: args.owner ?? dest.owner, size: content.length, state: 'file', uid: dest.uid };
  return { changed: true, steps: { content, dest: dest.path, base: { ...result, ...after } }, result: { changed: true, ...result, ...after } };
}

async function apply(steps: GetUrlSteps, args: GetUrlArgs, ctx: ModuleContext): Promise<ModuleResult> {
  if (steps.mismatch !== undefined) {
    await ctx.conn.exec(`rm -f ${shellQuote(steps.dest)}`, { become: ctx.become });
    return { ...steps.base, failed: true, msg: steps.mismatch };
  }
  await ctx.conn.put(steps.content, steps.dest, { mode: args.mode, owner: args.owner, group: args.group, become: ctx.become });
  return { changed: true, ...steps.base };
}

export const getUrl: ModuleDefinition<GetUrlArgs, GetUrlSteps> = {
  name: 'ansible.builtin.get_url',
  aliases: ['get_url', 'ansible.legacy.get_url'],
  freeForm: false,
  output: 'json',
  schema,
  plan,
  apply: (p, args, ctx) => apply(p.steps, args, ctx),
};
