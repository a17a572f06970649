import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labExec, labHosts, labInventory, labSshd } from '../lab/lab.js';
import { runCli } from './cli.js';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

function recapLine(stdout: string, host: string): string {
  return stdout.split('\n').find((line) => line.startsWith(`${host} `))?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('tsible-playbook on the SSH lab', () => {
  const hosts = labHosts();
  afterAll(() => {
    labSshd('labh4', 'start');
    for (const { name } of hosts) labExec(name, 'rm -f /root/marker');
  });

  it('converges every host on the first run, changes nothing but the command on the second', async () => {
    for (const { name } of hosts) labExec(name, 'rm -f /root/marker');
    const first = await runCli('tsible-playbook', ['-i', labInventory(), fixture('lab-play.yml'), '-f', '20', '-e', 'greeting=hello']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('fatal: [labh2]: FAILED! => {"changed": true, "cmd": ["test", "labh2", "!=", "labh2"]');
    expect(first.stdout).toContain('...ignoring');
    expect(recapLine(first.stdout, 'labh1')).toBe('labh1 : ok=3 changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0');
    expect(recapLine(first.stdout, 'labh2')).toBe('labh2 : ok=3 changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=1');
    for (const { name } of hosts) expect(labExec(name, 'cat /root/marker').stdout).toBe(`${name} hello\n`);

    const second = await runCli('tsible-playbook', ['-i', labInventory(), fixture('lab-play.yml'), '-f', '20', '-e', 'greeting=bye']);
    expect(second.code).toBe(0);
    expect(recapLine(second.stdout, 'labh1')).toBe('labh1 : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0');
    expect(labExec('labh1', 'cat /root/marker').stdout).toBe('labh1 hello\n');
    console.log(`tsible-playbook, 3 tasks on ${hosts.length} hosts: first run ${first.ms.toFixed(0)} ms, second ${second.ms.toFixed(0)} ms`);
  });

  it('an unreachable host leaves the play; the others finish; exit code 4', async () => {
    labSshd('labh4', 'stop');
    const run = await runCli('tsible-playbook', ['-i', labInventory(), fixture('lab-play.yml'), '-l', 'labh3:labh4', '-e', 'greeting=hi']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/fatal: \[labh4\]: UNREACHABLE! => \{"changed": false, "msg": "Failed to connect to the host via ssh: ssh: connect to host [\d.]+ port 22: Connection refused", "unreachable": true\}/);
    expect(recapLine(run.stdout, 'labh4')).toBe('labh4 : ok=0 changed=0 unreachable=1 failed=0 skipped=0 rescued=0 ignored=0');
    expect(recapLine(run.stdout, 'labh3')).toMatch(/^labh3 : ok=3 /);
    expect(run.stdout.match(/\[labh4\]/g)).toHaveLength(1);
  });

  it('an unknown module is an error at load time, naming file, line and column; no host is contacted', async () => {
    const run = await runCli('tsible-playbook', ['-i', labInventory(), fixture('bad-module.yml')]);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("ERROR! couldn't resolve module/action 'shel'. This often indicates a misspelling, missing collection, or incorrect module path.");
    expect(run.stderr).toContain(`The error appears to be in '${fixture('bad-module.yml')}': line 6, column 7, but may`);
    expect(run.stderr).toContain('    - name: typo\n      ^ here');
  });
});
