// include_vars, group_by, add_host and pause on real lab hosts: the inventory changes a play makes are what later
// plays of the same run target, and the hosts end up with the files those plays write (checked on the hosts).
// Hosts: TSIBLE_LAB_CTL_HOSTS=labhA,labhB (default labh11,labh12, or the lab's last two).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { labExec, labHosts, type LabHost } from '../lab/lab.js';
import { runCli } from './cli.js';

function pickHosts(): [LabHost, LabHost] {
  const all = labHosts();
  const wanted = (process.env['TSIBLE_LAB_CTL_HOSTS'] ?? 'labh11,labh12').split(',');
  const found = wanted.map((n) => all.find((h) => h.name === n));
  const pick = found.every(Boolean) ? (found as LabHost[]) : all.slice(-2);
  return [pick[0]!, pick[1]!];
}

const [A, B] = pickHosts();
const DIR = '/srv/ctl-lab';

const PLAYBOOK = `- name: decide
  hosts: web
  gather_facts: false
  tasks:
    - include_vars:
        dir: vars/sites
        name: sites
    - include_vars: "{{ inventory_hostname }}.yml"
    - group_by:
        key: "site_{{ site }}"
        parents: sites_all
    - add_host:
        name: extra
        groups: extras
        ansible_host: ${A.ip}
        ansible_user: root
        marker_text: "{{ sites.a.motto }}"
    - pause:
        seconds: 1

- name: site a
  hosts: site_a
  gather_facts: false
  tasks:
    - copy:
        dest: ${DIR}/site
        content: "{{ inventory_hostname }} in {{ group_names | join(',') }}\\n"

- name: extras
  hosts: extras
  gather_facts: false
  tasks:
    - copy:
        dest: ${DIR}/added
        content: "{{ marker_text }}\\n"
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-ctl-lab-'));
  mkdirSync(join(dir, 'vars', 'sites'), { recursive: true });
  writeFileSync(join(dir, 'inventory.ini'), `[web]\n${A.name} ansible_host=${A.ip} ansible_user=root\n${B.name} ansible_host=${B.ip} ansible_user=root\n`);
  writeFileSync(join(dir, 'vars', 'sites', 'a.yml'), 'a: { motto: "added at run time" }\n');
  writeFileSync(join(dir, 'vars', `${A.name}.yml`), 'site: a\n');
  writeFileSync(join(dir, 'vars', `${B.name}.yml`), 'site: b\n');
  writeFileSync(join(dir, 'site.yml'), PLAYBOOK);
  return dir;
}

const files = (host: string): string => labExec(host, `for f in ${DIR}/*; do [ -f "$f" ] && echo "$f: $(cat "$f")"; done; true`).stdout;
const recap = (stdout: string): string[] => stdout.split('\n').filter((l) => /^\S+\s+: ok=/.test(l)).map((l) => l.replace(/\s+/g, ' ').trim());

describe('controller-side modules on the lab', () => {
  beforeEach(() => {
    for (const h of [A, B]) labExec(h.name, `rm -rf ${DIR}; mkdir -p ${DIR}`);
  });

  it('group_by and add_host feed later plays; a second run changes only the inventory again', async () => {
    const dir = project();
    const first = await runCli('tsible-playbook', ['-i', 'inventory.ini', 'site.yml'], { cwd: dir });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/TASK \[group_by\] \*+\nchanged: \[\S+\]\nchanged: \[\S+\]\n/);
    // add_host and pause run once, not per host
    expect(first.stdout).toMatch(/TASK \[add_host\] \*+\nchanged: \[\S+\]\n\n/);
    expect(first.stdout).toContain("Pausing for 1 seconds\n(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)\r\nok: [");
    expect(first.stdout).toContain('PLAY [site a]');
    expect(recap(first.stdout)).toEqual([
      'extra : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0',
      `${A.name} : ok=6 changed=3 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`,
      `${B.name} : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`,
    ]);
    expect(files(A.name)).toBe(`${DIR}/added: added at run time\n${DIR}/site: ${A.name} in site_a,sites_all,web\n`);
    expect(files(B.name)).toBe('');

    const second = await runCli('tsible-playbook', ['-i', 'inventory.ini', 'site.yml'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(recap(second.stdout)).toEqual([
      'extra : ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0',
      `${A.name} : ok=6 changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`,
      `${B.name} : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`,
    ]);
  }, 120_000);

  it('check mode: the same verdicts, the inventory changes still drive later plays, the hosts stay untouched', async () => {
    const dir = project();
    const run = await runCli('tsible-playbook', ['-i', 'inventory.ini', 'site.yml', '--check'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(recap(run.stdout)).toEqual([
      'extra : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0',
      `${A.name} : ok=6 changed=3 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`,
      `${B.name} : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`,
    ]);
    expect(files(A.name)).toBe('');
    expect(files(B.name)).toBe('');
  }, 120_000);

  it('pause with a prompt and no terminal does not wait, and warns as Ansible does', async () => {
    const dir = project();
    writeFileSync(join(dir, 'prompt.yml'), '- hosts: web\n  gather_facts: false\n  tasks:\n    - pause:\n        prompt: Continue?\n      register: p\n    - debug: var=p.user_input\n');
    const run = await runCli('tsible-playbook', ['-i', 'inventory.ini', 'prompt.yml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[pause]\nContinue?:\nok: [');
    expect(run.stderr).toContain('[WARNING]: Not waiting for response to prompt as stdin is not interactive');
    expect(run.ms).toBeLessThan(20_000);
  }, 60_000);
});
