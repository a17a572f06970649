// lineinfile, blockinfile, replace, sysctl (file only) and stat through the local connection, side by side with
// real ansible on the same inputs: changed verdict, msg, end state, diff; twice (changed, then not) and in check mode.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/connection/shell-quote.js';
import type { Connection } from '../../src/connection/types.js';
import { LocalConnection } from '../../src/connection/local.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../src/executor/module-contract.js';
import { blockinfile } from '../../modules/blockinfile.js';
import { lineinfile } from '../../modules/lineinfile.js';
import { replace } from '../../modules/replace.js';
import { stat } from '../../modules/stat.js';
import { sysctl } from '../../modules/sysctl.js';
import { ansibleAvailable } from './cli.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDefinition<any, any>;

interface Case {
  title: string;
  module: AnyModule;
  /** file content before the run; null: no file */
  initial: string | null;
  args: (path: string) => Record<string, unknown>;
}

const MARKED = 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nz\n';
const CASES: Case[] = [
  { title: 'lineinfile adds at EOF', module: lineinfile, initial: 'a\nb\n', args: (p) => ({ path: p, line: 'c' }) },
  { title: 'lineinfile replaces a regexp match', module: lineinfile, initial: 'a=1\nb=2\n', args: (p) => ({ path: p, regexp: '^b=', line: 'b=3' }) },
  { title: 'lineinfile inserts after a regexp', module: lineinfile, initial: 'x\n[sec]\ny\n', args: (p) => ({ path: p, line: 'new', insertafter: '^\\[sec\\]' }) },
  { title: 'lineinfile inserts before a regexp', module: lineinfile, initial: 'a\nb\n', args: (p) => ({ path: p, line: 'z', insertbefore: '^b' }) },
  { title: 'lineinfile inserts at BOF', module: lineinfile, initial: 'a\nb\n', args: (p) => ({ path: p, line: 'first', insertbefore: 'BOF' }) },
  { title: 'lineinfile backrefs', module: lineinfile, initial: 'port=22\n', args: (p) => ({ path: p, regexp: '^port=(\\d+)$', line: 'port=\\g<1>0', backrefs: true }) },
  { title: 'lineinfile backrefs without a match', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, regexp: '^nomatch', line: 'x', backrefs: true }) },
  { title: 'lineinfile creates the file', module: lineinfile, initial: null, args: (p) => ({ path: p, line: 'hello', create: true }) },
  { title: 'lineinfile fails on a missing file', module: lineinfile, initial: null, args: (p) => ({ path: p, line: 'hello' }) },
  { title: 'lineinfile removes regexp matches', module: lineinfile, initial: 'a\n#b\nc\n#d\n', args: (p) => ({ path: p, regexp: '^#', state: 'absent' }) },
  { title: 'lineinfile search_string', module: lineinfile, initial: 'foo bar\nbaz\n', args: (p) => ({ path: p, search_string: 'bar', line: 'qux' }) },
  { title: 'lineinfile firstmatch insertafter', module: lineinfile, initial: 'k\nk\nend\n', args: (p) => ({ path: p, line: 'new', insertafter: '^k', firstmatch: true }) },
  { title: 'lineinfile on a file without final newline', module: lineinfile, initial: 'a\nb', args: (p) => ({ path: p, line: 'c' }) },
  { title: 'lineinfile mode only', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, line: 'a', mode: '0600' }) },
  { title: 'lineinfile line and mode', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, line: 'b', mode: '0640' }) },
  { title: 'lineinfile symbolic mode and owner', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, line: 'a', mode: 'u=rw,g=r,o=', owner: 'nobody', group: 'root' }) },
  { title: 'lineinfile creates with a mode', module: lineinfile, initial: null, args: (p) => ({ path: p, line: 'x', create: true, mode: '0600' }) },
  { title: 'lineinfile removes an exact line', module: lineinfile, initial: 'a\nb\na\n', args: (p) => ({ path: p, line: 'a', state: 'absent' }) },
  { title: 'lineinfile exact line already there, no newline at end', module: lineinfile, initial: 'a\nb', args: (p) => ({ path: p, line: 'b' }) },
  { title: 'lineinfile regexp replaces the last match', module: lineinfile, initial: 'x=1\nx=2\ny\n', args: (p) => ({ path: p, regexp: '^x=', line: 'x=9' }) },
  { title: 'lineinfile insertafter without match goes to EOF', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, line: 'b', insertafter: '^nothere' }) },
  { title: 'lineinfile validate passes', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, line: 'b', validate: 'grep -q b %s' }) },
  { title: 'lineinfile validate fails', module: lineinfile, initial: 'a\n', args: (p) => ({ path: p, line: 'b', validate: 'grep -q zzz %s' }) },
  { title: 'blockinfile appends a block', module: blockinfile, initial: 'a\n', args: (p) => ({ path: p, block: 'x\ny' }) },
  { title: 'blockinfile replaces its block', module: blockinfile, initial: MARKED, args: (p) => ({ path: p, block: 'new\nlines\n' }) },
  { title: 'blockinfile removes its block', module: blockinfile, initial: MARKED, args: (p) => ({ path: p, state: 'absent' }) },
  { title: 'blockinfile custom marker at BOF', module: blockinfile, initial: 'a\n', args: (p) => ({ path: p, block: 'k=v', marker: '; {mark} X', insertbefore: 'BOF' }) },
  { title: 'blockinfile creates the file', module: blockinfile, initial: null, args: (p) => ({ path: p, block: 'hello', create: true }) },
  { title: 'blockinfile inserts after a regexp', module: blockinfile, initial: 'a\n[s]\nb\n', args: (p) => ({ path: p, block: 'q', insertafter: '^\\[s\\]', marker_begin: 'START', marker_end: 'STOP' }) },
  { title: 'blockinfile on a file without final newline, with mode', module: blockinfile, initial: 'a', args: (p) => ({ path: p, block: 'b', mode: '0600' }) },
  { title: 'blockinfile insertbefore a multiline regexp', module: blockinfile, initial: 'a\nb\nc\n', args: (p) => ({ path: p, block: 'X', insertbefore: '(?m)^b\\nc' }) },
  { title: 'replace with a group', module: replace, initial: 'foo 1\nfoo 2\n', args: (p) => ({ path: p, regexp: 'foo (\\d)', replace: 'bar \\1' }) },
  { title: 'replace between after and before', module: replace, initial: 'foo\n[x]\nfoo\n[y]\nfoo\n', args: (p) => ({ path: p, regexp: 'foo', replace: 'baz', after: '\\[x\\]', before: '\\[y\\]' }) },
  { title: 'replace without a match', module: replace, initial: 'abc\n', args: (p) => ({ path: p, regexp: 'zzz', replace: 'q' }) },
  { title: 'replace when after does not match', module: replace, initial: 'abc\n', args: (p) => ({ path: p, regexp: 'a', replace: 'q', after: 'nothere' }) },
  { title: 'replace trailing spaces ($ is multiline)', module: replace, initial: 'key = val  \nx \n', args: (p) => ({ path: p, regexp: '\\s+$', replace: '' }) },
  { title: 'replace with named groups', module: replace, initial: 'a=1\nb=2\n', args: (p) => ({ path: p, regexp: '^(?P<k>\\w)=(?P<v>\\d)$', replace: '\\g<v>=\\g<k>' }) },
  { title: 'sysctl adds a key', module: sysctl, initial: 'net.ipv4.ip_forward=0\n# comment\n', args: (p) => ({ name: 'net.ipv4.tcp_syncookies', value: '1', sysctl_file: p, reload: false }) },
  { title: 'sysctl rewrites a value, drops duplicates, normalises', module: sysctl, initial: 'a.b = 1\n  net.x=2\n; c\nnet.x = 3\n', args: (p) => ({ name: 'net.x', value: ' 5 ', sysctl_file: p, reload: false }) },
  { title: 'sysctl removes a key', module: sysctl, initial: 'a.b=1\nnet.x=2\n', args: (p) => ({ name: 'net.x', state: 'absent', sysctl_file: p, reload: false }) },
  { title: 'sysctl normalises booleans', module: sysctl, initial: 'net.y=0\n', args: (p) => ({ name: 'net.y', value: 'yes', sysctl_file: p, reload: false }) },
  { title: 'sysctl creates the file', module: sysctl, initial: null, args: (p) => ({ name: 'net.z', value: '4 5', sysctl_file: p, reload: false }) },
];

const STAT_CASES: { title: string; setup: (dir: string) => Record<string, unknown> }[] = [
  { title: 'a regular file', setup: (d) => (writeFileSync(join(d, 'f'), 'hi\n'), { path: join(d, 'f'), get_mime: false }) },
  { title: 'a missing path', setup: (d) => ({ path: join(d, 'nope') }) },
  { title: 'a directory', setup: (d) => (mkdirSync(join(d, 'sub')), chmodSync(join(d, 'sub'), 0o750), { path: join(d, 'sub'), get_mime: false }) },
  { title: 'a symlink, not followed', setup: (d) => (writeFileSync(join(d, 't'), 'x'), symlinkSync(join(d, 't'), join(d, 'l')), { path: join(d, 'l') }) },
  { title: 'a symlink, followed, sha256', setup: (d) => (writeFileSync(join(d, 't2'), 'xyz'), symlinkSync(join(d, 't2'), join(d, 'l2')), { path: join(d, 'l2'), follow: true, checksum_algorithm: 'sha256', get_mime: false }) },
  { title: 'a file with mime, no checksum', setup: (d) => (writeFileSync(join(d, 'm.txt'), 'hello world\n'), { path: join(d, 'm.txt'), get_checksum: false }) },
];

const conn = new LocalConnection('localhost');
const ctxOf = (check: boolean): ModuleContext => ({ host: 'localhost', conn, check, diff: true, verbosity: 0, evaluate: () => undefined });

/** What a run would report: plan, then apply unless check mode (the executor's job, in miniature). */
async function run(module: AnyModule, args: Record<string, unknown>, check: boolean): Promise<ModuleResult> {
  const ctx = ctxOf(check);
  const plan = await module.plan(args, ctx);
  if (!plan.changed) return plan.result ?? { changed: false };
  if (check) return module.checkResult ? module.checkResult(plan, args) : { ...plan.result, changed: true };
  return module.apply(plan, args, ctx);
}

const base = mkdtempSync(join(tmpdir(), 'tsible-lines-'));
const place = (side: string, i: number, initial: string | null): string => {
  const dir = join(base, side, `c${i}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'f');
  if (initial !== null) {
    writeFileSync(path, initial);
    chmodSync(path, 0o644);
  }
  return path;
};
const snapshot = (path: string) => (existsSync(path) ? { content: readFileSync(path, 'utf8'), mode: (statSync(path).mode & 0o7777).toString(8) } : null);
const ansibleName = (m: AnyModule) => m.name;

describe.runIf(ansibleAvailable())('line-editing modules on localhost, side by side with ansible', () => {
  type HostResult = Record<string, unknown>;
  let ans: HostResult[] = [];
  let statAns: HostResult[] = [];
  const statDir = join(base, 'stat');

  beforeAll(async () => {
    const tasks: Record<string, unknown>[] = [];
    CASES.forEach((c, i) => {
      const path = place('ans', i, c.initial);
      const checkPath = place('anschk', i, c.initial);
      const mod = ansibleName(c.module);
      tasks.push({ name: `c${i} first`, [mod]: c.args(path), ignore_errors: true });
      tasks.push({ name: `c${i} second`, [mod]: c.args(path), ignore_errors: true });
      tasks.push({ name: `c${i} check`, [mod]: c.args(checkPath), check_mode: true, ignore_errors: true });
    });
    mkdirSync(statDir, { recursive: true });
    STAT_CASES.forEach((c, i) => tasks.push({ name: `s${i}`, 'ansible.builtin.stat': c.setup(statDir) }));
    const pb = join(base, 'pb.json');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks }]));
    const home = mkdtempSync(join(tmpdir(), 'tsible-lines-home-'));
    const env = { ...process.env, HOME: home, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1', ANSIBLE_DIFF_ALWAYS: '1', ANSIBLE_LOCALHOST_WARNING: '0' };
    // async: a blocking run starves vitest's worker RPC
    const { stdout } = await promisify(execFile)('ansible-playbook', ['-i', 'localhost,', '-c', 'local', pb], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    const doc = JSON.parse(stdout) as { plays: { tasks: { hosts: { localhost: HostResult } }[] }[] };
    const results = (doc.plays[0]?.tasks ?? []).map((t) => t.hosts.localhost);
    ans = results.slice(0, CASES.length * 3);
    statAns = results.slice(CASES.length * 3);
  }, 300_000);

  const swap = (v: unknown, from: string, to: string): unknown => JSON.parse(JSON.stringify(v ?? null).replaceAll(from, to));

  CASES.forEach((c, i) => {
    it(c.title, async () => {
      const path = place('ts', i, c.initial);
      const ansPath = join(base, 'ans', `c${i}`, 'f');
      const [aFirst, aSecond, aCheck] = [ans[3 * i] ?? {}, ans[3 * i + 1] ?? {}, ans[3 * i + 2] ?? {}];
      const first = await run(c.module, c.args(path), false);
      expect(first.changed ?? false, 'changed, first run').toBe(aFirst.changed);
      expect(Boolean(first.failed), 'failed').toBe(Boolean(aFirst.failed));
      if (c.module !== sysctl) expect(swap(first.msg, path, ansPath), 'msg').toBe(aFirst.msg);
      if (aFirst.diff !== undefined) expect(swap(first.diff, path, ansPath), 'diff').toEqual(aFirst.diff);
      const second = await run(c.module, c.args(path), false);
      expect(second.changed ?? false, 'changed, second run').toBe(aSecond.changed);
      if (c.module !== sysctl) expect(swap(second.msg, path, ansPath), 'msg, second run').toBe(aSecond.msg);
      expect(snapshot(path), 'end state after two runs').toEqual(snapshot(ansPath));
      // check mode: same verdict as the real run, nothing written
      const checkPath = place('tschk', i, c.initial);
      const before = snapshot(checkPath);
      const checked = await run(c.module, c.args(checkPath), true);
      expect(checked.changed ?? false, 'changed, check mode').toBe(aCheck.changed);
      // (a failing validate is the one place Ansible's own check mode says otherwise: it never validates)
      if (!first.failed) expect(checked.changed ?? false).toBe(first.changed ?? false);
      const checkAns = join(base, 'anschk', `c${i}`, 'f');
      if (c.module !== sysctl) expect(swap(checked.msg, checkPath, checkAns), 'msg, check mode').toBe(aCheck.msg);
      if (aCheck.diff !== undefined) expect(swap(checked.diff, checkPath, checkAns), 'diff, check mode').toEqual(aCheck.diff);
      expect(snapshot(checkPath)).toEqual(before);
    });
  });

  STAT_CASES.forEach((c, i) => {
    it(`stat of ${c.title}`, async () => {
      const args = (statAns[i]?.invocation as { module_args: Record<string, unknown> }).module_args;
      const mine = await run(stat, Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null)), false);
      const theirs = statAns[i]?.stat as Record<string, unknown>;
      const drop = ({ atime: _a, ...rest }: Record<string, unknown>) => rest;
      expect(mine.changed).toBe(false);
      expect(drop(mine.stat as Record<string, unknown>)).toEqual(drop(theirs));
    });
  });
});

// Live sysctl: net.* keys are per network namespace, so both tools run inside a namespace of our own.
const canNetns = process.getuid?.() === 0 && existsSync('/usr/sbin/ip');
describe.runIf(ansibleAvailable() && canNetns)('sysctl live, inside a private network namespace', () => {
  const ns = `tsible-lines-${process.pid}`;
  const sh = promisify(execFile);
  const inNs: Connection = {
    host: 'localhost',
    transport: 'local',
    exec: (command, options) => conn.exec(`ip netns exec ${ns} sh -c ${shellQuote(command)}`, options),
    put: (content, path, options) => conn.put(content, path, options),
    get: (path, options) => conn.get(path, options),
    close: async () => {},
  };
  const live = async (key: string) => (await sh('ip', ['netns', 'exec', ns, 'sysctl', '-n', key])).stdout.trim();
  const tsible = async (args: Record<string, unknown>, check = false) => {
    const ctx = { ...ctxOf(check), conn: inNs };
    const plan = await sysctl.plan(args, ctx);
    if (!plan.changed) return plan.result ?? { changed: false };
    return check ? { changed: true } : sysctl.apply(plan, args, ctx);
  };
  const ansible = async (args: Record<string, unknown>, check = false) => {
    const home = mkdtempSync(join(tmpdir(), 'tsible-lines-home-'));
    const env = { ...process.env, HOME: home, ANSIBLE_LOAD_CALLBACK_PLUGINS: '1', ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_LOCALHOST_WARNING: '0' };
    const argv = ['netns', 'exec', ns, 'ansible', 'localhost', '-c', 'local', '-m', 'ansible.posix.sysctl', '-a', JSON.stringify(args), ...(check ? ['--check'] : [])];
    const { stdout } = await sh('ip', argv, { env, encoding: 'utf8' });
    const doc = JSON.parse(stdout) as { plays: { tasks: { hosts: { localhost: ModuleResult } }[] }[] };
    return doc.plays[0]?.tasks[0]?.hosts.localhost ?? {};
  };

  beforeAll(async () => {
    await sh('ip', ['netns', 'add', ns]);
  });
  afterAll(async () => {
    await sh('ip', ['netns', 'delete', ns]);
  });

  it('sysctl_set + reload: same verdicts and live values as ansible', async () => {
    const key = 'net.ipv4.ip_forward';
    const dir = mkdtempSync(join(base, 'live-'));
    const mine = join(dir, 'mine.conf');
    const theirs = join(dir, 'theirs.conf');
    const set = (file: string, value: string) => ({ name: key, value, sysctl_file: file, sysctl_set: true });
    await sh('ip', ['netns', 'exec', ns, 'sysctl', '-w', `${key}=0`]);
    expect((await tsible(set(mine, '1'), true)).changed).toBe(true);
    expect(await live(key)).toBe('0');
    expect((await tsible(set(mine, '1'))).changed).toBe(true);
    expect(await live(key)).toBe('1');
    expect((await tsible(set(mine, '1'))).changed).toBe(false);
    await sh('ip', ['netns', 'exec', ns, 'sysctl', '-w', `${key}=0`]);
    expect((await ansible(set(theirs, '1'), true)).changed).toBe(true);
    expect((await ansible(set(theirs, '1'))).changed).toBe(true);
    expect(await live(key)).toBe('1');
    expect((await ansible(set(theirs, '1'))).changed).toBe(false);
    expect(readFileSync(mine, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
    // file right, live value wrong: reload alone makes it changed, in both
    await sh('ip', ['netns', 'exec', ns, 'sysctl', '-w', `${key}=0`]);
    const reloadOnly = (file: string) => ({ name: key, value: '1', sysctl_file: file });
    expect((await tsible(reloadOnly(mine))).changed).toBe(true);
    expect(await live(key)).toBe('1');
    await sh('ip', ['netns', 'exec', ns, 'sysctl', '-w', `${key}=0`]);
    expect((await ansible(reloadOnly(theirs))).changed).toBe(true);
    expect(await live(key)).toBe('1');
  });

  it('an unknown key: same failure verdict as ansible (without ignoreerrors)', async () => {
    const dir = mkdtempSync(join(base, 'live-'));
    const args = (f: string) => ({ name: 'net.ipv4.no_such_key', value: '1', sysctl_file: f });
    const mine = await tsible(args(join(dir, 'a.conf')));
    const theirs = await ansible(args(join(dir, 'b.conf'))).catch((e: { stdout?: string }) => JSON.parse(e.stdout ?? '{}').plays[0].tasks[0].hosts.localhost as ModuleResult);
    expect(Boolean(mine.failed)).toBe(Boolean(theirs.failed));
    expect(String(mine.msg ?? '').split(':')[0]).toBe(String(theirs.msg ?? '').split(':')[0]);
  });
});
