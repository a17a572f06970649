// Vault-encrypted files wherever a playbook run reads vars, judged side by side with ansible-playbook 2.14
// on localhost (local connection): the same output and exit code with the right, a wrong and no password.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansibleAvailable, runCli, runCommand } from './cli.js';

const PLAY = `- hosts: all
  gather_facts: false
  vars_files: [secret.yml]
  roles: [vaulted]
  tasks:
    - include_vars: inc.yml
    - debug:
        msg: "{{ from_vars_file }} {{ from_group_vars }} {{ from_host_vars }} {{ from_inventory }} {{ from_include }} {{ from_extra }}"
`;

const INLINE_PLAY = `- hosts: localhost
  gather_facts: false
  tasks:
    - debug: msg=before
    - debug:
        msg: "{{ db_pass }} {{ db_pass | length }} {{ db_pass is vault_encrypted }} {{ 'x' is vault_encrypted }} {{ {'p': db_pass} | to_json }}"
    - debug: var=db_pass
`;

const SOURCES_PLAY = `- hosts: localhost
  gather_facts: false
  vars: {who: world}
  tasks:
    - file: path={{ out }} state=directory
    - template: src=t.j2 dest={{ out }}/t.txt mode=0600
    - copy: src=s.txt dest={{ out }}/s.txt mode=0600
    - command: cat {{ out }}/s.txt {{ out }}/t.txt
      register: r
    - debug: var=r.stdout_lines
    - copy: src=s.txt dest={{ out }}/raw.txt decrypt=no mode=0600
    - command: head -c 14 {{ out }}/raw.txt
      register: r
    - debug: var=r.stdout
`;

/** A playbook dir whose vars files are all vault-encrypted by the real ansible-vault with password `secret`. */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-play-'));
  const files: Record<string, string> = {
    'secret.yml': 'from_vars_file: vf\n',
    'group_vars/all/vault.yml': 'from_group_vars: gv\n',
    'inventory/hosts.yml': 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n      from_inventory: inv\n',
    'inventory/host_vars/localhost.yml': 'from_host_vars: hv\n',
    'inc.yml': 'from_include: iv\n',
    'extra.yml': 'from_extra: ev\n',
    'roles/vaulted/defaults/main.yml': 'from_role_defaults: rd\n',
    'roles/vaulted/vars/main.yml': 'from_role_vars: rv\n',
    'roles/vaulted/tasks/main.yml': '- debug:\n    msg: "{{ from_role_defaults }} {{ from_role_vars }}"\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, 'vpass'), 'secret\n');
  writeFileSync(join(dir, 'wpass'), 'wrong\n');
  execFileSync('ansible-vault', ['encrypt', '--vault-password-file', join(dir, 'vpass'), ...Object.keys(files).map((f) => join(dir, f))]);
  writeFileSync(join(dir, 'site.yml'), PLAY);
  // copy/template sources that are vault files
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources', 's.txt'), 'secret file\n');
  writeFileSync(join(dir, 'sources', 't.j2'), 'hello {{ who }}\n');
  execFileSync('ansible-vault', ['encrypt', '--vault-password-file', join(dir, 'vpass'), join(dir, 'sources', 's.txt'), join(dir, 'sources', 't.j2')]);
  writeFileSync(join(dir, 'sources', 'play.yml'), SOURCES_PLAY);
  mkdirSync(join(dir, 'cfg'));
  writeFileSync(join(dir, 'cfg', 'ansible.cfg'), '[defaults]\nvault_password_file = ../vpass\n');
  writeFileSync(join(dir, 'cfg', 'play.yml'), `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - debug:\n        msg: "{{ lookup('file', '../secret.yml') }} {{ lookup('unvault', '../secret.yml') }}"\n`);
  // an inline `!vault` value made by encrypt_string, in a dir of its own (no vault files around it)
  const inline = execFileSync('ansible-vault', ['encrypt_string', '--vault-password-file', join(dir, 'vpass'), 's3cr3t', '--name', 'db_pass'], { encoding: 'utf8' });
  mkdirSync(join(dir, 'inline', 'group_vars'), { recursive: true });
  writeFileSync(join(dir, 'inline', 'group_vars', 'all.yml'), `${inline}\n`);
  writeFileSync(join(dir, 'inline', 'play.yml'), INLINE_PLAY);
  // no group_vars/ beside this one: the vars file is the only vault file it reads
  mkdirSync(join(dir, 'alone'));
  writeFileSync(join(dir, 'alone', 'only-vars-file.yml'), '- hosts: localhost\n  gather_facts: false\n  vars_files: [../secret.yml]\n  tasks:\n    - debug: var=from_vars_file\n');
  return dir;
}

/** The right password, a wrong one and none: what the inline and the copy/template cases each run with. */
const PASSWORDS: Array<[string, string[]]> = [
  ['the password', ['--vault-password-file', 'vpass']],
  ['a wrong password', ['--vault-password-file', 'wpass']],
  ['no password', []],
];

describe.runIf(ansibleAvailable())('vault files in a playbook run, side by side with ansible-playbook', () => {
  const dir = ansibleAvailable() ? fixture() : '';
  const home = mkdtempSync(join(tmpdir(), 'tsible-vault-home-'));
  const both = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    Promise.all([runCommand('ansible-playbook', args, { cwd: dir, home, env }), runCli('tsible-playbook', args, { cwd: dir, home, env })]);

  for (const [what, args, env] of [
    ['--vault-password-file', ['--vault-password-file', 'vpass'], {}],
    ['--vault-id label@file among a wrong one', ['--vault-id', 'dev@wpass', '--vault-id', 'prod@vpass'], {}],
    ['ANSIBLE_VAULT_PASSWORD_FILE', [], { ANSIBLE_VAULT_PASSWORD_FILE: 'vpass' }],
  ] as Array<[string, string[], NodeJS.ProcessEnv]>) {
    it(`decrypts vars_files, group_vars, host_vars, inventory, include_vars, -e @file and role files (${what})`, async () => {
      const [theirs, ours] = await both(['-i', 'inventory/hosts.yml', 'site.yml', '-e', '@extra.yml', ...args], env);
      expect(ours.stdout).toContain('"msg": "vf gv hv inv iv ev"');
      expect(ours.stdout).toContain('"msg": "rd rv"');
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.stderr).toBe(theirs.stderr);
      expect(ours.code).toBe(theirs.code);
    });
  }

  for (const [what, args] of [
    ['no password', []],
    ['a wrong password', ['--vault-password-file', 'wpass']],
  ] as Array<[string, string[]]>) {
    it(`a vaulted vars file with ${what} stops the run with Ansible's error`, async () => {
      const [theirs, ours] = await both(['-i', 'localhost,', '-c', 'local', 'alone/only-vars-file.yml', ...args]);
      expect(ours.stderr).toMatch(/^ERROR! (Attempting to decrypt|Decryption failed)/);
      expect(ours.stderr).toBe(theirs.stderr);
      expect(ours.code).toBe(theirs.code);
    });
  }

  for (const [what, args] of PASSWORDS) {
    it(`an inline !vault value with ${what}: decrypted when used, or that task fails with Ansible's message`, async () => {
      const [theirs, ours] = await both(['-i', 'localhost,', '-c', 'local', 'inline/play.yml', ...args]);
      expect(ours.stdout).toMatch(args[1] === 'vpass' ? /"msg": "s3cr3t 6 True False \{\\"p\\": \\"s3cr3t\\"\}"/ : /fatal: .*(Decryption failed|no vault secrets found)/);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(theirs.code);
    });
  }

  for (const [what, args] of PASSWORDS) {
    it(`copy and template a vault-encrypted src with ${what}: decrypted on the controller unless decrypt=no`, async () => {
      const run = (tool: 'ansible' | 'tsible') => {
        const out = join(dir, `sources-${tool}-${args.length}`);
        const play = ['-i', 'localhost,', '-c', 'local', 'sources/play.yml', '-e', `out=${out}`, ...args];
        return tool === 'ansible' ? runCommand('ansible-playbook', play, { cwd: dir, home }) : runCli('tsible-playbook', play, { cwd: dir, home });
      };
      const theirs = await run('ansible');
      const ours = await run('tsible');
      const local = (text: string) => text.replace(/sources-(ansible|tsible)-/g, 'sources-');
      if (args[1] === 'vpass') expect(ours.stdout).toContain('"secret file",\n        "hello world"');
      else expect(ours.stdout).toMatch(/fatal: \[localhost\]: FAILED! => \{"msg": "(A vault password|Decryption failed)/);
      expect(local(ours.stdout)).toBe(local(theirs.stdout));
      expect(ours.code).toBe(theirs.code);
    });
  }

  it('ansible.cfg vault_password_file; the file and unvault lookups decrypt a vault file', async () => {
    const cwd = join(dir, 'cfg');
    const play = ['-i', 'localhost,', '-c', 'local', 'play.yml'];
    const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', play, { cwd, home }), runCli('tsible-playbook', play, { cwd, home })]);
    expect(ours.stdout).toContain('"msg": "from_vars_file: vf from_vars_file: vf\\n"');
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.code).toBe(theirs.code);
  });
});
