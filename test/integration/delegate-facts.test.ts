// delegate_to + delegate_facts: facts returned by setup or set_fact go to the delegated host's hostvars (one per loop
// item), else to the host the task ran for. Side by side with ansible-playbook, locally and on two lab hosts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHome, labHosts } from '../lab/lab.js';
import { ansibleAvailable, ROOT, runCli, runCommand } from './cli.js';

const DIR = join(ROOT, 'test', 'integration', 'fixtures', 'delegate-facts');

describe.runIf(ansibleAvailable())('delegate_facts, side by side with ansible-playbook', () => {
  it('local connection: setup, set_fact and a loop of set_fact, each delegated', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tsible-df-home-'));
    const args = ['-i', 'inventory.ini', 'delegate-facts.yml'];
    const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { cwd: DIR, home }), runCli('tsible-playbook', args, { cwd: DIR, home })]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toContain('"msg": "one Linux none h3 h2 x none none"');
    expect(ours.stdout).toContain('"msg": "one Linux h2"');
    expect(ours.code).toBe(theirs.code);
  });

  it('over SSH on labh1 and labh2: the delegated host\'s facts are its own, or labh1\'s without delegate_facts', async () => {
    const hosts = labHosts().filter((h) => h.name === 'labh1' || h.name === 'labh2');
    expect(hosts.length).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'tsible-df-lab-'));
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(inventory, `[lab]\n${hosts.map((h) => `${h.name} ansible_host=${h.ip}`).join('\n')}\n\n[lab:vars]\nansible_user=root\n`);
    const args = ['-i', inventory, join(DIR, 'lab.yml')];
    const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { home: labHome() }), runCli('tsible-playbook', args)]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toContain('"msg": "labh2 labh2 none"');
    expect(ours.code).toBe(0);
  });
});
