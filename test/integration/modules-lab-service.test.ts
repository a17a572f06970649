// service, user and group on real lab hosts (labh5, labh6; TSIBLE_LAB_SERVICE_HOSTS=labhA,labhB picks others): a real
// LSB init script under the `service` command, real useradd/usermod/userdel/groupadd. Each module runs in check mode
// first (host untouched, same verdict), then for real (changed), then again (ok, changed=0). user, group and service
// have no --diff in Ansible. user's expires and generate_ssh_key are checked against ansible-playbook in the
// side-by-side fixture users-keys.
// The lab shares the machine's PID 1, so service_mgr follows the machine (systemd on a CI VM): these tasks say
// `use: service`; the side-by-side fixture (service-users) runs with the detected backend, as Ansible does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labExec, labHosts } from '../lab/lab.js';
import { runCli } from './cli.js';

const HOSTS = process.env['TSIBLE_LAB_SERVICE_HOSTS']?.split(',') ?? ['labh5', 'labh6'];
const SETUP = readFileSync(join(import.meta.dirname, 'fixtures', 'side-by-side', 'service-users', 'setup.sh'), 'utf8');

const work = mkdtempSync(join(tmpdir(), 'tsible-lab-service-'));
function inventory(): string {
  const file = join(work, 'inventory.ini');
  const lines = labHosts()
    .filter((h) => HOSTS.includes(h.name))
    .map((h) => `${h.name} ansible_host=${h.ip} ansible_user=root`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

let playbookCount = 0;
async function play(tasks: string, extra: string[] = []) {
  const file = join(work, `play-${++playbookCount}.yml`);
  writeFileSync(file, `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`);
  const run = await runCli('tsible-playbook', ['-i', inventory(), file, ...extra]);
  return { ...run, recap: (host: string) => run.stdout.split('\n').find((l) => l.startsWith(`${host} `))?.replace(/\s+/g, ' ').trim() ?? '' };
}

function onAll(cmd: string): string[] {
  return HOSTS.map((h) => labExec(h, cmd).stdout);
}

/** --check (changed, state() as it was), then for real (changed), then again (ok): the real runs. */
async function checkThenTwice(task: string, state: () => string[]) {
  const before = state();
  const check = await play(task, ['--check']);
  for (const h of HOSTS) expect(check.recap(h)).toBe(`${h} ${recap(1, 1)}`);
  expect(state()).toEqual(before);
  const first = await play(task, ['-v']);
  for (const h of HOSTS) expect(first.recap(h)).toBe(`${h} ${recap(1, 1)}`);
  const second = await play(task, ['-v']);
  for (const h of HOSTS) expect(second.recap(h)).toBe(`${h} ${recap(1, 0)}`);
  return { first, second };
}

const recap = (ok: number, changed: number, failed = 0) => `: ok=${ok} changed=${changed} unreachable=0 failed=${failed} skipped=0 rescued=0 ignored=0`;

describe.runIf(HOSTS.every((name) => labHosts().some((h) => h.name === name)))('service, user and group on lab hosts', () => {
  beforeAll(() => {
    for (const h of HOSTS) {
      const r = labExec(h, SETUP);
      if (r.rc !== 0) throw new Error(`setup on ${h}: ${r.stderr}`);
    }
  });

  it('service: start and enable a SysV service; check mode leaves it stopped; the second run changes nothing', async () => {
    const task = '    - service: use=service name=tsvc state=started enabled=yes\n';
    const check = await play(task, ['--check']);
    expect(check.code).toBe(0);
    for (const h of HOSTS) expect(check.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('service tsvc status; ls /etc/rc2.d | grep -c tsvc')).toEqual(['tsvc is not running\n0\n', 'tsvc is not running\n0\n']);

    const first = await play(task);
    for (const h of HOSTS) expect(first.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('service tsvc status; ls /etc/rc2.d | grep tsvc; ls /etc/rc0.d | grep tsvc')).toEqual(['tsvc is running\nS01tsvc\nK01tsvc\n', 'tsvc is running\nS01tsvc\nK01tsvc\n']);

    const second = await play(task);
    for (const h of HOSTS) expect(second.recap(h)).toBe(`${h} ${recap(1, 0)}`);
    expect(onAll('cat /var/log/tsvc.log')).toEqual(['start \n', 'start \n']);
  });

  it('service: reloaded and restarted always act; stopped + disabled, then nothing to do', async () => {
    const bounce = await play('    - service: use=service name=tsvc state=reloaded\n    - service: use=service name=tsvc state=restarted\n');
    for (const h of HOSTS) expect(bounce.recap(h)).toBe(`${h} ${recap(2, 2)}`);
    expect(onAll('tail -n 3 /var/log/tsvc.log')).toEqual(['reload\nstop\nstart \n', 'reload\nstop\nstart \n']);

    const stop = '    - service: use=service name=tsvc state=stopped enabled=no\n      register: r\n    - debug: var=r\n';
    const check = await play(stop, ['--check']);
    for (const h of HOSTS) expect(check.recap(h)).toBe(`${h} ${recap(2, 1)}`);
    expect(check.stdout).toContain('"msg": "service state changed"');
    expect(onAll('service tsvc status >/dev/null; echo $?')).toEqual(['0\n', '0\n']);

    const first = await play(stop);
    for (const h of HOSTS) expect(first.recap(h)).toBe(`${h} ${recap(2, 1)}`);
    // a registered result says failed, as Ansible's TaskExecutor adds it
    expect(first.stdout).toContain('"enabled": false,\n        "failed": false,\n        "name": "tsvc",\n        "state": "stopped"');
    expect(onAll('service tsvc status; ls /etc/rc2.d | grep tsvc')).toEqual(['tsvc is not running\nK01tsvc\n', 'tsvc is not running\nK01tsvc\n']);
    const second = await play(stop);
    for (const h of HOSTS) expect(second.recap(h)).toBe(`${h} ${recap(2, 0)}`);
  });

  it('service: a missing service fails with Ansible message', async () => {
    const run = await play('    - service: use=service name=tsvc-nosuch state=started\n');
    expect(run.code).toBe(2);
    // the host's first Python module result: Ansible reports the interpreter it discovered (the lab image has python3)
    expect(run.stdout).toContain('FAILED! => {"ansible_facts": {"discovered_interpreter_python": "/usr/bin/python3"}, "changed": false, "msg": "Could not find the requested service tsvc-nosuch: host"}');
  });

  it('group: check mode, create, then nothing to do; gid change; absent', async () => {
    const task = '    - group: name=tsgroup1 gid=4101\n';
    const check = await play(task, ['--check']);
    for (const h of HOSTS) expect(check.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('grep -c ^tsgroup1: /etc/group')).toEqual(['0\n', '0\n']);
    const first = await play(task);
    for (const h of HOSTS) expect(first.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('grep ^tsgroup1: /etc/group')).toEqual(['tsgroup1:x:4101:\n', 'tsgroup1:x:4101:\n']);
    const second = await play(task);
    for (const h of HOSTS) expect(second.recap(h)).toBe(`${h} ${recap(1, 0)}`);
    const moved = await play('    - group: name=tsgroup1 gid=4102\n');
    for (const h of HOSTS) expect(moved.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('grep ^tsgroup1: /etc/group')).toEqual(['tsgroup1:x:4102:\n', 'tsgroup1:x:4102:\n']);
    const gone = await play('    - group: name=tsgroup1 state=absent\n    - group: name=tsgroup1 state=absent\n');
    for (const h of HOSTS) expect(gone.recap(h)).toBe(`${h} ${recap(2, 1)}`);
    expect(onAll('grep -c ^tsgroup1: /etc/group')).toEqual(['0\n', '0\n']);
  });

  it('user: check mode, create with groups and a password hash, then nothing to do; append; remove', async () => {
    const hash = '$6$tsiblesalt$72MnK8h7RkMXOTfanScy3VmJsukNxmrf09Ia4AeqS884fIflZf4Pj1UekVXjFksAW3ZdCPcv8OrswxfIUJtPF.';
    const task = `    - group: name=tsgroup2\n    - user:\n        name: tsuser1\n        uid: 4201\n        groups: [tsgroup2]\n        shell: /bin/sh\n        comment: Test One\n        password: '${hash}'\n`;
    const check = await play(task, ['--check']);
    for (const h of HOSTS) expect(check.recap(h)).toBe(`${h} ${recap(2, 2)}`);
    expect(onAll('grep -c ^tsuser1: /etc/passwd')).toEqual(['0\n', '0\n']);
    const first = await play(task);
    for (const h of HOSTS) expect(first.recap(h)).toBe(`${h} ${recap(2, 2)}`);
    for (const out of onAll('grep ^tsuser1: /etc/passwd; grep ^tsgroup2: /etc/group; grep ^tsuser1: /etc/shadow | cut -d: -f2; stat -c "%U %a" /home/tsuser1')) {
      expect(out).toBe(`tsuser1:x:4201:4201:Test One:/home/tsuser1:/bin/sh\n${out.split('\n')[1]}\n${hash}\ntsuser1 755\n`);
      expect(out.split('\n')[1]).toMatch(/^tsgroup2:x:\d+:tsuser1$/);
    }
    const second = await play(task);
    for (const h of HOSTS) expect(second.recap(h)).toBe(`${h} ${recap(2, 0)}`);

    const append = '    - group: name=tsysgroup system=yes\n    - user: name=tsuser1 groups=tsysgroup append=yes\n';
    // in check mode the group is not made, and user.py checks that every group exists before it modifies
    const appendCheck = await play(append, ['--check']);
    for (const h of HOSTS) expect(appendCheck.recap(h)).toBe(`${h} ${recap(1, 1, 1)}`);
    expect(appendCheck.stdout).toContain('FAILED! => {"changed": false, "msg": "Group tsysgroup does not exist"}');
    expect(onAll('id -nG tsuser1')).toEqual(['tsuser1 tsgroup2\n', 'tsuser1 tsgroup2\n']);
    const appended = await play(append);
    for (const h of HOSTS) expect(appended.recap(h)).toBe(`${h} ${recap(2, 2)}`);
    expect(onAll('id -nG tsuser1')).toEqual(['tsuser1 tsgroup2 tsysgroup\n', 'tsuser1 tsgroup2 tsysgroup\n']);
    const again = await play(append);
    for (const h of HOSTS) expect(again.recap(h)).toBe(`${h} ${recap(2, 0)}`);

    const remove = '    - user: name=tsuser1 state=absent remove=yes\n';
    const removeCheck = await play(remove, ['--check']);
    for (const h of HOSTS) expect(removeCheck.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('grep -c ^tsuser1: /etc/passwd')).toEqual(['1\n', '1\n']);
    const removed = await play(remove);
    for (const h of HOSTS) expect(removed.recap(h)).toBe(`${h} ${recap(1, 1)}`);
    expect(onAll('grep -c ^tsuser1: /etc/passwd; test -e /home/tsuser1 || echo gone')).toEqual(['0\ngone\n', '0\ngone\n']);
  });

  it('user: expires and generate_ssh_key; check mode leaves the host as it was; again is ok, the key kept with a warning', async () => {
    const task = '    - user: name=tsuser2 expires=1893456000 generate_ssh_key=yes ssh_key_type=ed25519 ssh_key_comment=tskey\n';
    const { first, second } = await checkThenTwice(task, () => onAll('grep ^tsuser2: /etc/shadow | cut -d: -f8; ls -A /home/tsuser2/.ssh 2>&1; :'));
    // 1893456000 is 2030-01-01: day 21915 of the epoch
    const made = '21915\n700 tsuser2:tsuser2\n600 tsuser2:tsuser2\n644 tsuser2:tsuser2\nssh-ed25519 tskey\n';
    const key = 'grep ^tsuser2: /etc/shadow | cut -d: -f8; cd /home/tsuser2/.ssh && stat -c "%a %U:%G" . id_ed25519 id_ed25519.pub && cut -d" " -f1,3 id_ed25519.pub';
    expect(onAll(key)).toEqual([made, made]);
    // the second run reports the key the first one made
    const publicKeys = (stdout: string): string[] => [...stdout.matchAll(/"ssh_public_key": "([^"]+)"/g)].map((m) => m[1] ?? '').sort();
    expect(publicKeys(second.stdout)).toEqual(publicKeys(first.stdout));
    expect(second.stderr.replace(/\s+/g, ' ')).toContain('[WARNING]: Found existing ssh key private file "/home/tsuser2/.ssh/id_ed25519", no force, so skipping ssh-keygen generation');

    await checkThenTwice('    - user: name=tsuser2 expires=-1\n', () => onAll('grep ^tsuser2: /etc/shadow | cut -d: -f8'));
    expect(onAll('grep ^tsuser2: /etc/shadow | cut -d: -f8')).toEqual(['\n', '\n']);
  });
});
