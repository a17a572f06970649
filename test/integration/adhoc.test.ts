import { describe, expect, it } from 'vitest';
import { labHosts, labInventory } from '../lab/lab.js';
import { hostBlocks, runCli } from './cli.js';

describe('tsible ad-hoc on the SSH lab', () => {
  const hosts = labHosts();

  it(`runs shell on all ${hosts.length} hosts at once; each prints its own hostname`, async () => {
    const run = await runCli('tsible', ['all', '-i', labInventory(), '-m', 'shell', '-a', 'hostname', '-f', String(hosts.length)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const blocks = hostBlocks(run.stdout);
    expect([...blocks.keys()].sort()).toEqual(hosts.map((h) => h.name).sort());
    for (const { name } of hosts) expect(blocks.get(name)).toBe(`${name} | CHANGED | rc=0 >>\n${name}\n`);
    console.log(`tsible all -m shell -a hostname -f ${hosts.length}: ${run.ms.toFixed(0)} ms`);
  });

  it('prints command output and failures as the minimal callback does, exit code 2 on failure', async () => {
    const run = await runCli('tsible', ['labh1:labh2', '-i', labInventory(), '-m', 'command', '-a', 'ls /nonexistent']);
    expect(run.code).toBe(2);
    const blocks = hostBlocks(run.stdout);
    expect(blocks.get('labh1')).toBe("labh1 | FAILED | rc=2 >>\nls: cannot access '/nonexistent': No such file or directorynon-zero return code\n");
    expect(blocks.size).toBe(2);
  });

  it('-o prints one line per host; ping answers pong with no python on the hosts', async () => {
    const run = await runCli('tsible', ['lab[0:2]', '-i', labInventory(), '-m', 'ping', '-o']);
    expect(run.code).toBe(0);
    // a host with python3 also names it (discovered_interpreter_python, as Ansible does); one without does not
    const lines = run.stdout.trim().split('\n').sort().map((l) => l.replace('{"ansible_facts": {"discovered_interpreter_python": "/usr/bin/python3"},', '{'));
    expect(lines).toEqual(['labh1', 'labh2', 'labh3'].map((h) => `${h} | SUCCESS => {"changed": false,"ping": "pong"}`));
    const python = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'raw', '-a', 'command -v python3 || echo none']);
    // raw keeps the command's own trailing newline, so Ansible's output has a blank line after it
    expect(python.stdout).toBe('labh1 | CHANGED | rc=0 >>\nnone\n\n');
  });

  it('command keeps quoting, honours creates= and chdir=', async () => {
    const quoted = await runCli('tsible', ['labh1', '-i', labInventory(), '-a', 'printf "%s|" "a b" c']);
    expect(quoted.stdout).toBe('labh1 | CHANGED | rc=0 >>\na b|c|\n');
    const skipped = await runCli('tsible', ['labh1', '-i', labInventory(), '-a', 'touch nope creates=/etc/pass* chdir=/tmp']);
    expect(skipped.stdout).toBe("labh1 | SUCCESS | rc=0 >>\nskipped, since /etc/pass* existsDid not run command since '/etc/pass*' exists\n");
    const cwd = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'shell', '-a', 'pwd chdir=/etc']);
    expect(cwd.stdout).toBe('labh1 | CHANGED | rc=0 >>\n/etc\n');
  });

  it('bad arguments fail each host before connecting, with the allowed parameters named', async () => {
    const run = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'ping', '-a', 'foo=1']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('labh1 | FAILED! => {\n    "changed": false,\n    "msg": "Unsupported parameters for (ping) module: foo. Supported parameters include: data."\n}\n');
    const missing = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'shell']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('ERROR! No argument passed to shell module');
  });

  it('--list-hosts and an unmatched pattern do not connect', async () => {
    const list = await runCli('tsible', ['labh1,labh2', '-i', labInventory(), '--list-hosts']);
    expect(list.stdout).toBe('  hosts (2):\n    labh1\n    labh2\n');
    const none = await runCli('tsible', ['nosuch', '-i', labInventory(), '-m', 'ping']);
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('[WARNING]: Could not match supplied host pattern, ignoring: nosuch\n[WARNING]: No hosts matched, nothing to do\n');
  });
});
