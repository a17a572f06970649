// tsible-vault against ansible-vault 2.14 on the same input: the same plaintext, messages and exit codes;
// each tool opens what the other wrote.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultLib } from '../../src/vault/vault-lib.js';
import { runCli, runCommand, type CliRun } from './cli.js';

const hasVault = spawnSync('ansible-vault', ['--version']).status === 0;
const errorLine = (text: string): string => (text.includes('ERROR!') ? text.slice(text.indexOf('ERROR!')) : text);
const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);

describe.runIf(hasVault)('tsible-vault side by side with ansible-vault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-cli-'));
  const home = mkdtempSync(join(tmpdir(), 'tsible-vault-home-'));
  writeFileSync(join(dir, 'vpass'), 'secret\n');
  writeFileSync(join(dir, 'wpass'), 'wrong\n');
  const editor = join(dir, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\necho "added: 1" >> "$1"\n');
  chmodSync(editor, 0o755);
  const env = { EDITOR: editor };
  const theirs = (args: string[]): Promise<CliRun> => runCommand('ansible-vault', args, { cwd: dir, home, env });
  const ours = (args: string[]): Promise<CliRun> => runCli('tsible-vault', args, { cwd: dir, home, env });
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return name;
  };

  it('encrypt then decrypt across the tools, files mode 0600, exit 0 and no output off a terminal', async () => {
    for (const [encrypt, decrypt, tag] of [[ours, theirs, 'a'], [theirs, ours, 'b']] as const) {
      const file = write(`plain-${tag}.yml`, 'db: s3cr3t\n');
      const enc = await encrypt(['encrypt', '--vault-password-file', 'vpass', file]);
      expect([enc.code, enc.stdout, enc.stderr]).toEqual([0, '', '']);
      expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n([0-9a-f]{80}\n)+[0-9a-f]{1,80}\n$/);
      expect(mode(join(dir, file))).toBe('600');
      const dec = await decrypt(['decrypt', '--vault-password-file', 'vpass', file]);
      expect([dec.code, dec.stderr]).toEqual([0, '']);
      expect(readFileSync(join(dir, file), 'utf8')).toBe('db: s3cr3t\n');
    }
  });

  it('view, rekey and encrypt_string outputs open with the other tool', async () => {
    const file = write('v.yml', 'k: v\n');
    await theirs(['encrypt', '--vault-id', 'prod@vpass', file]);
    expect((await ours(['view', '--vault-password-file', 'vpass', file])).stdout).toBe('k: v\n');
    chmodSync(join(dir, file), 0o640);
    const rekey = await ours(['rekey', '--vault-password-file', 'vpass', '--new-vault-password-file', 'wpass', file]);
    expect([rekey.code, rekey.stderr]).toEqual([0, 'Rekey successful\n']);
    expect(mode(join(dir, file))).toBe('640');
    expect((await theirs(['view', '--vault-password-file', 'wpass', file])).stdout).toBe('k: v\n');
    const str = await ours(['encrypt_string', '--vault-password-file', 'vpass', 's3cr3t', '--name', 'db_pass']);
    expect(str.stdout).toMatch(/^db_pass: !vault \|\n {10}\$ANSIBLE_VAULT;1\.1;AES256\n( {10}[0-9a-f]{80}\n)+ {10}[0-9a-f]{1,80}$/);
    write('vars.yml', `${str.stdout}\n`);
    write('play.yml', '- hosts: localhost\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks:\n    - debug: var=db_pass\n');
    const play = await runCommand('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '--vault-password-file', 'vpass', 'play.yml'], { cwd: dir, home });
    expect(play.stdout).toContain('"db_pass": "s3cr3t"');
  });

  it('create and edit through $EDITOR keep the vault id; create refuses an existing file', async () => {
    for (const [tool, name] of [[ours, 'c-ours.yml'], [theirs, 'c-theirs.yml']] as const) {
      expect((await tool(['create', '--vault-id', 'prod@vpass', name])).code).toBe(0);
      expect((await tool(['edit', '--vault-id', 'prod@vpass', name])).code).toBe(0);
    }
    for (const name of ['c-ours.yml', 'c-theirs.yml']) {
      expect(readFileSync(join(dir, name), 'utf8').split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;prod');
      expect(mode(join(dir, name))).toBe('600');
      expect((await theirs(['view', '--vault-password-file', 'vpass', name])).stdout).toBe('added: 1\nadded: 1\n');
    }
  });

  const FAILURES: Array<[string, string[]]> = [
    ['a wrong password', ['view', '--vault-password-file', 'wpass', 'enc.yml']],
    ['a missing password file', ['view', '--vault-password-file', 'nope', 'enc.yml']],
    ['an empty password file', ['view', '--vault-password-file', 'empty', 'enc.yml']],
    ['decrypting plain text', ['decrypt', '--vault-password-file', 'vpass', 'plain.yml']],
    ['encrypting vault data', ['encrypt', '--vault-password-file', 'vpass', 'enc.yml']],
    ['a missing input file', ['encrypt', '--vault-password-file', 'vpass', 'nofile.yml']],
    ['two vault ids to encrypt with', ['encrypt', '--vault-id', 'a@vpass', '--vault-id', 'b@vpass', 'plain.yml']],
    ['an unknown --encrypt-vault-id', ['encrypt', '--vault-password-file', 'vpass', '--encrypt-vault-id', 'zz', 'plain.yml']],
    ['a ; in a vault id', ['encrypt', '--vault-id', 'a;b@vpass', 'plain.yml']],
    ['create on an existing file', ['create', '--vault-password-file', 'vpass', 'plain.yml']],
  ];
  for (const [what, args] of FAILURES) {
    it(`fails like ansible-vault on ${what}, leaving the file as it was`, async () => {
      write('plain.yml', 'a: 1\n');
      write('empty', '\n');
      write('enc.yml', VaultLib.encrypt(Buffer.from('a: 1\n'), { id: 'default', bytes: Buffer.from('secret') }));
      const target = join(dir, args[args.length - 1]!);
      const before = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
      const [a, t] = [await theirs(args), await ours(args)];
      expect(t.code).toBe(a.code);
      expect(errorLine(t.stderr)).toBe(errorLine(a.stderr).replace(/ansible-vault/g, 'tsible-vault'));
      expect(t.stderr).toContain('ERROR!');
      expect(existsSync(target) ? readFileSync(target, 'utf8') : undefined).toBe(before);
    });
  }
});
