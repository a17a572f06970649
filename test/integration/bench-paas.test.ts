// The benchmark playbook (../shared/bench/paas/site.yml) on every lab host at once: the first run converges, the second
// reports changed=0 on every host, and ansible-playbook, run afterwards on the same hosts, agrees there is nothing left
// to change (the end state tsible reached is the one Ansible's modules consider converged).
// TSIBLE_PAAS_LIMIT=pattern narrows the hosts (for a developer sharing the lab); CI runs it on all of them.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecap, type HostCounts } from '../../bench/recap.js';
import { labExec, labHosts, labInventory } from '../lab/lab.js';
import { ansibleAvailable, ROOT, runCli, runCommand } from './cli.js';

const PAAS = resolve(ROOT, '..', 'shared', 'bench', 'paas');

/** host -> its PLAY RECAP counts (the last recap of the run; none if it died before it) */
function recaps(stdout: string): Map<string, HostCounts> {
  return parseRecap(stdout) ?? new Map();
}

describe.runIf(existsSync(join(PAAS, 'site.yml')))('bench/paas on the lab', () => {
  const limit = process.env['TSIBLE_PAAS_LIMIT'];
  const hosts = labHosts()
    .map((h) => h.name)
    .filter((name) => !limit || limit.split(/[,:]/).includes(name));
  const args = ['-i', labInventory(), '-f', String(Math.max(hosts.length, 1)), ...(limit ? ['-l', limit] : []), 'site.yml'];

  it(`converges ${hosts.length} hosts, then changes nothing, and ansible-playbook agrees`, async () => {
    for (const host of hosts) {
      const reset = labExec(host, 'rm -rf /opt/paas; sed -i "/nats.paas.local/d" /etc/hosts; sysctl -qw net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.all.arp_announce=0');
      expect(reset.rc, reset.stderr).toBe(0);
    }
    const first = await runCli('tsible-playbook', args, { cwd: PAAS });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const converge = recaps(first.stdout);
    expect([...converge.keys()].sort()).toEqual([...hosts].sort());
    for (const [host, recap] of converge) {
      expect(recap, `${host}: first run`).toMatchObject({ unreachable: 0, failed: 0 });
      expect(recap.changed, `${host}: the first run changes things`).toBeGreaterThan(0);
    }

    // -vvv prints one `<host> EXEC|PUT|FETCH` line per round trip
    const second = await runCli('tsible-playbook', ['-vvv', ...args], { cwd: PAAS });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const again = recaps(second.stdout);
    for (const host of hosts) expect(again.get(host), `${host}: second run`).toMatchObject({ changed: 0, unreachable: 0, failed: 0 });
    for (const host of hosts) {
      const trips = second.stdout.split('\n').filter((line) => line.startsWith(`<${host}> `));
      // facts 1, file x5, copy 1, template x5, lineinfile 1, sysctl x2, shell creates 1, command 1; nothing uploaded
      expect(trips.length, `${host}: round trips of a no-change run`).toBeLessThanOrEqual(17);
      expect(trips.filter((line) => !line.startsWith(`<${host}> EXEC `)), `${host}: uploads or fetches in a no-change run`).toEqual([]);
    }
    expect(labExec(hosts[0]!, 'cat /opt/paas/host.txt; sysctl -n net.ipv4.conf.all.arp_ignore').stdout).toBe(`${hosts[0]}\n1\n`);

    if (!ansibleAvailable()) return;
    // Ansible needs Python on a target; tsible does not (labh1 has none in CI), so Ansible checks the others
    const withPython = hosts.filter((host) => labExec(host, 'command -v python3').rc === 0);
    expect(withPython.length, 'lab hosts with python3 for ansible-playbook').toBeGreaterThan(0);
    const home = mkdtempSync(join(tmpdir(), 'tsible-paas-ansible-'));
    const ansibleArgs = ['-i', labInventory(), '-f', String(withPython.length), '-l', withPython.join(','), 'site.yml'];
    const ansible = await runCommand('ansible-playbook', [...ansibleArgs, '-e', 'ansible_python_interpreter=/usr/bin/python3'], {
      cwd: PAAS,
      env: { ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ANSIBLE_SSH_CONTROL_PATH_DIR: join(home, 'cp') },
    });
    expect(ansible.code, ansible.stdout + ansible.stderr).toBe(0);
    const theirs = recaps(ansible.stdout);
    expect([...theirs.keys()].sort()).toEqual([...withPython].sort());
    for (const host of withPython) expect(theirs.get(host), `${host}: ansible-playbook after tsible's runs`).toEqual(again.get(host));
  }, 600_000);
});
