import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labExec, labHosts, labInventory } from '../lab/lab.js';
import { runCli } from './cli.js';

/** The lab's non-root user: tsuser, password tspass, sudo with a password. */
const PASSWORD = 'tspass';

function passwordFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tsible-pw-')), 'pw');
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  return file;
}

const asTsuser = ['-i', labInventory(), '-u', 'tsuser', '-e', 'ansible_user=tsuser'];

describe('become (sudo) for a non-root user', () => {
  it('runs as root with the password from --become-password-file', async () => {
    const run = await runCli('tsible', ['labh1', ...asTsuser, '-b', '--become-password-file', passwordFile(PASSWORD), '-a', 'id -un']);
    expect(run.stdout).toBe('labh1 | CHANGED | rc=0 >>\nroot\n');
    expect(run.code).toBe(0);
  });

  it('never puts the password on any command line on the target', async () => {
    const seen: string[] = [];
    let running = true;
    const watcher = (async () => {
      while (running) {
        // one cat for every process (a fork per process is too slow to catch a 2 s command on a busy machine)
        const ps = labExec('labh1', 'cat /proc/[0-9]*/cmdline 2>/dev/null | tr "\\0" " "');
        seen.push(ps.stdout);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const run = await runCli('tsible', ['labh1', ...asTsuser, '-b', '--become-password-file', passwordFile(PASSWORD), '-m', 'shell', '-a', 'sleep 2; id -u']);
    running = false;
    await watcher;
    expect(run.stdout).toBe('labh1 | CHANGED | rc=0 >>\n0\n');
    const all = seen.join('\n');
    expect(all).toContain('sleep 2; id -u'); // the watcher did see the command running
    expect(all).toContain('sudo');
    expect(all).not.toContain(PASSWORD);
  });

  it('a wrong password fails the task with "Incorrect sudo password", a missing one with "Missing sudo password"', async () => {
    const wrong = await runCli('tsible', ['labh1', ...asTsuser, '-b', '--become-password-file', passwordFile('nope'), '-m', 'ping']);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('labh1 | FAILED! => {\n    "changed": false,\n    "msg": "Incorrect sudo password"\n}\n');
    const missing = await runCli('tsible', ['labh1', ...asTsuser, '-b', '-m', 'ping']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('"msg": "Missing sudo password"');
  });

  it('become_user other than root, and stdin reaching the command through sudo', async () => {
    const run = await runCli('tsible', ['labh1', '-i', labInventory(), '-b', '--become-user', 'nobody', '-m', 'shell', '-a', 'id -un; cat stdin=hello']);
    expect(run.stdout).toBe('labh1 | CHANGED | rc=0 >>\nnobody\nhello\n');
  });

  it('logs in with a password (--connection-password-file) when no key is offered', async () => {
    const run = await runCli('tsible', ['labh1', ...asTsuser, '--private-key', '/nonexistent-key', '--connection-password-file', passwordFile(PASSWORD), '-a', 'id -un'], {
      env: { SSH_AUTH_SOCK: '' },
    });
    expect(run.stdout).toBe('labh1 | CHANGED | rc=0 >>\ntsuser\n');
    const bad = await runCli('tsible', ['labh1', ...asTsuser, '--private-key', '/nonexistent-key', '--connection-password-file', passwordFile('wrong'), '-a', 'id -un'], {
      env: { SSH_AUTH_SOCK: '' },
    });
    expect(bad.code).toBe(4);
    expect(bad.stdout).toContain('Permission denied');
  });
});

describe('remote_user', () => {
  it('each play and task reaches the host as its own remote_user, not as whoever connected first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-remote-user-'));
    const whoami = (name: string, extra = ''): string => `    - command: id -un\n      register: ${name}${extra}\n    - debug: msg="${name} {{ ${name}.stdout }}"\n`;
    writeFileSync(
      join(dir, 'site.yml'),
      `- hosts: labh1\n  gather_facts: false\n  tasks:\n${whoami('first')}` +
        `- hosts: labh1\n  gather_facts: false\n  remote_user: tsuser\n  tasks:\n${whoami('second')}${whoami('third', '\n      remote_user: root')}${whoami('fourth')}`,
    );
    // no ansible_user here: the lab inventory's (a variable) would win over remote_user, in Ansible too
    writeFileSync(join(dir, 'hosts'), `labh1 ansible_host=${labHosts().find((h) => h.name === 'labh1')?.ip}\n`);
    const run = await runCli('tsible-playbook', ['-i', join(dir, 'hosts'), '-u', 'root', join(dir, 'site.yml')]);
    expect(run.stdout.match(/"msg": ".*"/g)).toEqual(['"msg": "first root"', '"msg": "second tsuser"', '"msg": "third root"', '"msg": "fourth tsuser"']);
    expect(run.code).toBe(0);
  });
});
