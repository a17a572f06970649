import { afterAll, describe, expect, it } from 'vitest';
import { labHosts, labInventory, labSshd } from '../lab/lab.js';
import { hostBlocks, runCli } from './cli.js';

describe('a host whose sshd is down', () => {
  afterAll(() => labSshd('labh3', 'start'));

  it('is UNREACHABLE!, the others succeed, and the run exits 4', async () => {
    labSshd('labh3', 'stop');
    const hosts = labHosts();
    const run = await runCli('tsible', ['all', '-i', labInventory(), '-m', 'shell', '-a', 'hostname', '-f', '20']);
    expect(run.code).toBe(4);
    const blocks = hostBlocks(run.stdout);
    const ip = hosts.find((h) => h.name === 'labh3')?.ip;
    expect(blocks.get('labh3')).toBe(
      `labh3 | UNREACHABLE! => {\n    "changed": false,\n    "msg": "Failed to connect to the host via ssh: ssh: connect to host ${ip} port 22: Connection refused",\n    "unreachable": true\n}\n`,
    );
    for (const { name } of hosts.filter((h) => h.name !== 'labh3')) expect(blocks.get(name)).toBe(`${name} | CHANGED | rc=0 >>\n${name}\n`);
  });

  it('a host that cannot be routed to times out after -T seconds, not forever', async () => {
    const run = await runCli('tsible', ['all', '-i', 'ghost,', '-e', 'ansible_host=10.77.254.254', '-T', '2', '-m', 'ping']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/ghost \| UNREACHABLE! => \{[\s\S]*connect to host 10\.77\.254\.254 port 22: (Connection timed out|No route to host)/);
    expect(run.ms).toBeLessThan(8000);
  });
});
