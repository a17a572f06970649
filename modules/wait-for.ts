// ansible.builtin.wait_for: the whole poll loop runs on the target in ONE sh script (not one round trip per poll).
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { formatMode } from './lib/file-mode.js';

export interface WaitForArgs {
  host?: string;
  port?: number;
  path?: string;
  search_regex?: string;
  state?: 'started' | 'stopped' | 'present' | 'absent' | 'drained';
  timeout?: number;
  delay?: number;
  sleep?: number;
  connect_timeout?: number;
  msg?: string;
  exclude_hosts?: string[];
  active_connection_states?: string[];
}

const schema = {
  type: 'object',
  properties: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'integer' },
    path: { type: 'string' },
    search_regex: { type: 'string' },
    state: { enum: ['absent', 'drained', 'present', 'started', 'stopped'], default: 'started' },
    timeout: { type: 'integer', default: 300 },
    delay: { type: 'integer', default: 0 },
    sleep: { type: 'integer', default: 1 },
    connect_timeout: { type: 'integer', default: 5 },
    msg: { type: 'string' },
    exclude_hosts: { type: 'array', items: { type: 'string' } },
    active_connection_states: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
} as const;

const TCP_STATES: Record<string, string> = { ESTABLISHED: '01', SYN_SENT: '02', SYN_RECV: '03', FIN_WAIT1: '04', FIN_WAIT2: '05', TIME_WAIT: '06' };
const DEFAULT_ACTIVE = ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'];

/** A TCP connect test in plain sh: bash's /dev/tcp, else nc, else (local hosts only) a LISTEN socket in /proc/net/tcp*. */
function connectFn(host: string, port: number, connectTimeout: number): string {
  const h = shellQuote(host);
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return [
    'up() {',
    `  if command -v bash >/dev/null 2>&1; then timeout ${connectTimeout} bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ ${h} ${port} 2>/dev/null; return $?; fi`,
    `  if command -v nc >/dev/null 2>&1; then nc -z -w ${connectTimeout} ${h} ${port} 2>/dev/null; return $?; fi`,
    `  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" && $2 ~ /:${hexPort}$/ {f=1} END {exit !f}'`,
    '}',
  ].join('\n');
}

/** The polling script: prints `@@ok ELAPSED`, then for a file its stat and base64 content; or `@@timeout ELAPSED`. */
export function waitScript(args: WaitForArgs): string {
  const state = args.state ?? 'started';
  const timeout = args.timeout ?? 300;
  const lines = ['LC_ALL=C; export LC_ALL', 'start=$(date +%s)'];
  let check: string;
  if (args.path !== undefined) {
    const p = shellQuote(args.path);
    if (state === 'absent' || state === 'stopped') check = `[ ! -e ${p} ]`;
    else if (args.search_regex !== undefined) {
      lines.push(`if grep -qP '' /dev/null 2>/dev/null || [ $? -eq 1 ]; then g=P; else g=E; fi`);
      check = `[ -e ${p} ] && grep -q$g -e ${shellQuote(args.search_regex)} ${p} 2>/dev/null`;
    } else check = `[ -e ${p} ]`;
  } else if (args.port !== undefined) {
    const host = args.host ?? '127.0.0.1';
    if (state === 'drained') {
      const hexPort = args.port.toString(16).toUpperCase().padStart(4, '0');
      const states = (args.active_connection_states ?? DEFAULT_ACTIVE).map((s) => TCP_STATES[s]).filter(Boolean).join('|');
      check = `! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 ~ /^(${states})$/ && $2 ~ /:${hexPort}$/ {f=1} END {exit !f}'`;
    } else {
      lines.push(connectFn(host, args.port, args.connect_timeout ?? 5));
      check = state === 'stopped' || state === 'absent' ? '! up' : 'up';
    }
  } else {
    // neither path nor port: Ansible just sleeps for timeout seconds
    check = `[ $(( $(date +%s) - start )) -ge ${timeout} ]`;
  }
  if ((args.delay ?? 0) > 0) lines.push(`sleep ${args.delay}`);
  lines.push(
    `end=$(( $(date +%s) + ${timeout} ))`,
    'while :; do',
    `  if ${check}; then break; fi`,
    `  if [ "$(date +%s)" -ge "$end" ]; then echo "@@timeout $(( $(date +%s) - start ))"; exit 0; fi`,
    `  sleep ${args.sleep ?? 1}`,
    'done',
    'echo "@@ok $(( $(date +%s) - start ))"',
  );
  if (args.path !== undefined && state !== 'absent' && state !== 'stopped') {
    const p = shellQuote(args.path);
    lines.push(`stat -L -c '%u %g %a %s %U %G' ${p}`, ...(args.search_regex !== undefined ? [`base64 -w0 < ${p}; echo`] : []));
  }
  return lines.join('\n');
}

/** Python's named groups (?P<n>...) in JavaScript syntax. */
const jsRegex = (pattern: string) => new RegExp(pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), 'm');

function timeoutMessage(args: WaitForArgs): string {
  const state = args.state ?? 'started';
  const where = `${args.host ?? '127.0.0.1'}:${args.port}`;
  if (args.path !== undefined) {
    if (state === 'absent' || state === 'stopped') return `Timeout when waiting for ${args.path} to be absent.`;
    return args.search_regex !== undefined ? `Timeout when waiting for search string ${args.search_regex} in ${args.path}` : `Timeout when waiting for file ${args.path}`;
  }
  if (state === 'drained') return `Timeout when waiting for ${where} to drain`;
  if (state === 'stopped' || state === 'absent') return `Timeout when waiting for ${where} to stop.`;
  return `Timeout when waiting for ${where}`;
}

async function plan(args: WaitForArgs, ctx: ModuleContext): Promise<Plan<null>> {
  const fail = (msg: string): Plan<null> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
  if (args.path !== undefined && args.port !== undefined) return fail('port and path parameter can not both be passed to wait_for');
  if (args.path !== undefined && args.state === 'drained') return fail('state=drained should only be used for checking a port in the wait_for module');
  if (args.port !== undefined && args.search_regex !== undefined) return fail('search_regex on a port is not supported by tsible (it reads no socket data)');
  const timeoutMs = ((args.timeout ?? 300) + (args.delay ?? 0) + (args.connect_timeout ?? 5) + 30) * 1000;
  const out = await ctx.conn.exec(waitScript(args), { become: ctx.become, timeoutMs });
  const [head = '', statLine = '', content = ''] = out.stdout.split('\n');
  const [verdict, elapsedText] = head.split(' ');
  const elapsed = Number(elapsedText ?? 0);
  if (verdict !== '@@ok') {
    if (verdict === '@@timeout') return { changed: false, reason: 'timed out', result: { changed: false, failed: true, elapsed, msg: args.msg ?? timeoutMessage(args) } };
    return fail(`wait_for could not run on the target: ${out.stderr.trim() || out.stdout.trim()}`);
  }
  const state = args.state ?? 'started';
  const result: ModuleResult = { changed: false, elapsed, match_groupdict: {}, match_groups: [], path: args.path ?? null, port: args.port ?? null, search_regex: args.search_regex ?? null, state };
  if (args.path !== undefined && state !== 'absent' && state !== 'stopped') {
    const [uid, gid, mode, size, owner, group] = statLine.split(' ');
    Object.assign(result, { gid: Number(gid), group, mode: formatMode(parseInt(mode ?? '0', 8)), owner, size: Number(size), state: 'file', uid: Number(uid) });
    if (args.search_regex !== undefined) {
      const match = jsRegex(args.search_regex).exec(Buffer.from(content, 'base64').toString('utf8'));
      if (match) Object.assign(result, { match_groups: match.slice(1).map((g) => g ?? null), match_groupdict: { ...(match.groups ?? {}) } });
    }
  }
  return { changed: false, reason: 'the condition was met', result };
}

export const waitFor: ModuleDefinition<WaitForArgs, null> = {
  name: 'ansible.builtin.wait_for',
  aliases: ['wait_for', 'ansible.legacy.wait_for'],
  freeForm: false,
  output: 'json',
  schema,
  plan,
  apply: async () => ({ changed: false }),
};
