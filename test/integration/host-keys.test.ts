import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHome, labHosts, labInventory } from '../lab/lab.js';
import { hostBlocks, runCli } from './cli.js';

/** A HOME with the lab's key and a known_hosts the test writes. */
function homeWith(knownHosts: string): string {
  const home = mkdtempSync(join(tmpdir(), 'tsible-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  copyFileSync(join(labHome(), '.ssh', 'id_ed25519'), join(home, '.ssh', 'id_ed25519'));
  writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts);
  return home;
}

function strangerKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
  return readFileSync(join(dir, 'k.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
}

describe('host key checking', () => {
  const hosts = labHosts();
  const labh2 = hosts.find((h) => h.name === 'labh2')?.ip as string;
  const real = readFileSync(join(labHome(), '.ssh', 'known_hosts'), 'utf8');

  it('refuses a host whose key changed, says which and how to proceed; the others run', async () => {
    const forged = real
      .split('\n')
      .filter((line) => !line.startsWith(`${labh2} `))
      .concat(`${labh2} ${strangerKey()}`)
      .join('\n');
    const home = homeWith(forged);
    const run = await runCli('tsible', ['labh1:labh2', '-i', labInventory(), '-m', 'ping', '-o'], { home });
    expect(run.code).toBe(4);
    const blocks = hostBlocks(run.stdout);
    expect(blocks.get('labh1')).toBe('labh1 | SUCCESS => {"changed": false,"ping": "pong"}\n');
    const refused = blocks.get('labh2') ?? '';
    expect(refused).toContain(`labh2 | UNREACHABLE!: Failed to connect to the host via ssh: Host key verification failed: REMOTE HOST IDENTIFICATION HAS CHANGED for ${labh2}.`);
    expect(refused).toContain(`ssh-keygen -R ${labh2}`);
    expect(refused).toContain(join(home, '.ssh', 'known_hosts'));
  });

  it('refuses an unknown host, naming the fix', async () => {
    const run = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'ping', '-o'], { home: homeWith('') });
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^labh1 \| UNREACHABLE!: .*no host key for 10\.77\.0\.11 is known.*host_key_checking = False/);
  });

  it('ANSIBLE_HOST_KEY_CHECKING=False and ansible.cfg host_key_checking = False both turn it off', async () => {
    const home = homeWith('');
    const byEnv = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'ping', '-o'], { home, env: { ANSIBLE_HOST_KEY_CHECKING: 'False' } });
    expect(byEnv.stdout).toBe('labh1 | SUCCESS => {"changed": false,"ping": "pong"}\n');
    const project = mkdtempSync(join(tmpdir(), 'tsible-cfg-'));
    writeFileSync(join(project, 'ansible.cfg'), '[defaults]\nhost_key_checking = False ; lab only\n');
    const byCfg = await runCli('tsible', ['labh1', '-i', labInventory(), '-m', 'ping', '-o'], { home, cwd: project });
    expect(byCfg.stdout).toBe('labh1 | SUCCESS => {"changed": false,"ping": "pong"}\n');
  });
});
