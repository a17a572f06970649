// --diff and --check side by side with ansible-playbook, for every module tsible shares with Ansible that prints a
// diff (fixtures/diff/site.yml: copy, template, file, lineinfile, blockinfile, replace; then sysctl, and command and
// shell with creates, which print none). Both hosts start from
// fixtures/diff/setup.sh; each round runs ansible-playbook against one host and tsible-playbook against the other:
//   1. --check --diff: the same output, diffs included; neither host changes (state.sh before = after)
//   2. --diff: the same output, the same verdicts as in check mode; the hosts end up alike
//   3. --diff again: the same output, changed=0, no diff printed
// The one line allowed to differ: `+++ after:` of content/template sources, which Ansible names after a controller
// temp file (ANSIBLE_LOCAL_TEMP/ansible-local-*/tmp*) that tsible never writes.
//
// TSIBLE_DIFF_HOSTS=labhA,labhB picks the two hosts (default labh13,labh14: no other test uses them).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labExec, labHosts } from '../lab/lab.js';
import { ansibleAvailable, recapLines, ROOT, runCli, runCommand } from './cli.js';

const DIR = join(ROOT, 'test', 'integration', 'fixtures', 'diff');
const WANTED = (process.env['TSIBLE_DIFF_HOSTS'] ?? 'labh13,labh14').split(',');
const hosts = (() => {
  try {
    const all = labHosts();
    return WANTED.map((name) => all.find((h) => h.name === name)).filter((h) => h !== undefined);
  } catch {
    return [];
  }
})();

function sh(host: string, script: string): string {
  const r = labExec(host, script);
  if (r.rc !== 0) throw new Error(`${script.slice(0, 60)}... failed on ${host} (rc ${r.rc}): ${r.stderr}`);
  return r.stdout;
}

/** Line by line: where Ansible's `+++ after:` names its controller temp file, both sides read `<rendered>`. */
function excuseTempHeaders(theirs: string, ours: string): [string, string] {
  const a = theirs.split('\n');
  const b = ours.split('\n');
  for (let i = 0; i < a.length; i++) {
    if (/^\+\+\+ after: \S*\/ansible-local-\S+$/.test(a[i] ?? '') && b[i]?.startsWith('+++ after: ')) {
      a[i] = b[i] = '+++ after: <rendered>';
    }
  }
  return [a.join('\n'), b.join('\n')];
}

const TASKS = (stdout: string): string[] => stdout.split('\n').filter((l) => /^(ok|changed|failed|fatal|skipping): /.test(l));

describe.runIf(ansibleAvailable() && hosts.length === 2)(`--diff and --check side by side (${WANTED.join(', ')})`, () => {
  const [theirsHost, oursHost] = hosts as [{ name: string; ip: string }, { name: string; ip: string }];
  const work = mkdtempSync(join(tmpdir(), 'tsible-lab-diff-'));
  afterAll(() => {
    for (const h of hosts) labExec(h.name, 'rm -rf /srv/diff');
    rmSync(work, { recursive: true, force: true });
  });
  const inventory = (ip: string): string => {
    const file = join(work, `inventory-${ip}.ini`);
    writeFileSync(file, `target ansible_host=${ip} ansible_user=root ansible_python_interpreter=/usr/bin/python3\n`);
    return file;
  };
  // 3 MiB + 5 bytes: streamed by tsible (1 MiB and up), the same size as setup.sh's big-same.bin, too big to diff
  const bigSrc = join(work, 'big.bin');
  writeFileSync(bigSrc, Buffer.from(Array.from({ length: 3145733 }, (_, i) => (i * 7 + (i >> 11)) & 255)));
  const env = { ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_LOCAL_TEMP: join(work, 'ansible-tmp') };
  const both = async (args: string[]) => {
    const [theirs, ours] = await Promise.all([
      runCommand('ansible-playbook', ['-i', inventory(theirsHost.ip), 'site.yml', '-e', `big_src=${bigSrc}`, ...args], { cwd: DIR, env }),
      runCli('tsible-playbook', ['-i', inventory(oursHost.ip), 'site.yml', '-e', `big_src=${bigSrc}`, ...args], { cwd: DIR, env }),
    ]);
    const [a, b] = excuseTempHeaders(theirs.stdout, ours.stdout);
    const context = `${args.join(' ')}\n--- ansible-playbook:\n${theirs.stdout}${theirs.stderr}\n--- tsible-playbook:\n${ours.stdout}${ours.stderr}`;
    expect(theirs.code, context).toBe(0);
    expect(b, context).toBe(a);
    expect(ours.code, context).toBe(theirs.code);
    return ours.stdout;
  };
  const state = readFileSync(join(DIR, 'state.sh'), 'utf8');

  it('check mode, a real run and a no-change run print what ansible-playbook prints, diffs included', async () => {
    for (const h of hosts) sh(h.name, readFileSync(join(DIR, 'setup.sh'), 'utf8'));
    const before = sh(oursHost.name, state);
    expect(sh(theirsHost.name, state)).toBe(before);

    const checked = await both(['--check', '--diff']);
    expect(sh(oursHost.name, state), 'check mode left the tsible host as it was').toBe(before);
    expect(sh(theirsHost.name, state), 'check mode left the ansible host as it was').toBe(before);
    expect(checked).toContain('-    "state": "directory"');
    expect(checked).toContain('diff skipped: source file size is greater than 104448');

    const first = await both(['--diff']);
    expect(TASKS(first), 'the real run has the verdicts check mode predicted').toEqual(TASKS(checked));
    expect(recapLines(first)[0]).toMatch(/changed=21 /);
    const after = sh(oursHost.name, state);
    expect(after).not.toBe(before);
    const bigSha = createHash('sha1').update(readFileSync(bigSrc)).digest('hex');
    expect(after.match(new RegExp(`^${bigSha}  -$`, 'gm')), 'the three big files hold the source bytes').toHaveLength(3);
    expect(sh(theirsHost.name, state), 'end state: ansible host vs tsible host').toBe(after);

    const second = await both(['--diff']);
    expect(recapLines(second)[0]).toMatch(/ok=21 changed=0 /);
    expect(second).not.toContain('--- before');
    expect(sh(oursHost.name, state), 'the no-change run changed nothing').toBe(after);
  }, 480_000);
});
