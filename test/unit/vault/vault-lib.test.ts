// The vault envelope and VaultAES256: the spec's test vector both ways, and round trips judged by real ansible-vault.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatEnvelope, parseEnvelope } from '../../../src/vault/envelope.js';
import { loadSecrets, passwordFromFile } from '../../../src/vault/secrets.js';
import { encryptSecret, VaultLib } from '../../../src/vault/vault-lib.js';

const VECTOR = `$ANSIBLE_VAULT;1.1;AES256
30303031303230333034303530363037303830393061306230633064306530663130313131323133
3134313531363137313831393161316231633164316531660a383834373332323435393762323934
36613230313562653932396538653730376135623361633561373161643730313964383533383930
3664643331346438330a613064376363646137336165643464343163346262353731333335363266
3439
`;
const salt = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const secret = { id: 'default', bytes: Buffer.from('secret') };

const root = mkdtempSync(join(tmpdir(), 'tsible-vault-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const hasVault = spawnSync('ansible-vault', ['--version']).status === 0;

describe('VaultAES256 and the envelope', () => {
  it('encrypts the spec test vector byte for byte', () => {
    expect(VaultLib.encrypt(Buffer.from('hello: world\n'), secret, salt)).toBe(VECTOR);
  });

  it('decrypts the test vector; a wrong password fails with Ansible\'s message naming the file', () => {
    expect(new VaultLib([secret]).decrypt(VECTOR, 'v.yml').plaintext.toString()).toBe('hello: world\n');
    const wrong = new VaultLib([{ id: 'default', bytes: Buffer.from('nope') }]);
    expect(() => wrong.decrypt(VECTOR, 'v.yml')).toThrow('Decryption failed (no vault secrets were found that could decrypt) on v.yml');
    expect(() => new VaultLib([]).decrypt(VECTOR)).toThrow('Attempting to decrypt but no vault secrets found');
    expect(() => new VaultLib([secret]).decrypt('a: 1\n', 'p.yml')).toThrow('input is not vault encrypted data. p.yml is not a vault encrypted file');
  });

  it('tries every secret in the order given; a non-default id writes format 1.2 with the id', () => {
    const text = VaultLib.encrypt(Buffer.from('x'), { id: 'prod', bytes: Buffer.from('p') });
    expect(text.split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;prod');
    const lib = new VaultLib([{ id: 'dev', bytes: Buffer.from('d') }, { id: 'other', bytes: Buffer.from('p') }]);
    expect(lib.decrypt(text)).toEqual({ plaintext: Buffer.from('x'), vaultId: 'other' });
    expect(() => new VaultLib(lib.secrets, true).decrypt(text)).toThrow('Decryption failed');
  });

  it('parses header fields stripped and joins the body lines; wraps at 80 columns', () => {
    const env = parseEnvelope('$ANSIBLE_VAULT;1.2;AES256; prod \nab\ncd\n');
    expect(env).toEqual({ version: '1.2', cipher: 'AES256', vaultId: 'prod', body: 'abcd' });
    expect(formatEnvelope('a'.repeat(170)).split('\n').map((l) => l.length)).toEqual([25, 80, 80, 10, 0]);
  });

  it('picks the secret named by --encrypt-vault-id, or says which ids it knows', () => {
    const secrets = [secret, { id: 'prod', bytes: Buffer.from('p') }];
    expect(encryptSecret(secrets, 'prod').id).toBe('prod');
    expect(encryptSecret(secrets).id).toBe('default');
    expect(() => encryptSecret(secrets, 'qa')).toThrow("Did not find a match for --encrypt-vault-id=qa in the known vault-ids ['default', 'prod']");
  });
});

describe('vault secrets', () => {
  it('a password file is stripped; an executable file is run; an empty one is refused', async () => {
    const file = join(root, 'pass');
    writeFileSync(file, '  secret \r\n');
    expect(passwordFromFile(file, undefined).toString()).toBe('secret');
    const script = join(root, 'pass.sh');
    writeFileSync(script, '#!/bin/sh\necho "from script"\n');
    chmodSync(script, 0o755);
    expect(passwordFromFile(script, undefined).toString()).toBe('from script');
    const client = join(root, 'pass-client.sh');
    writeFileSync(client, '#!/bin/sh\necho "id=$2"\n');
    chmodSync(client, 0o755);
    expect(passwordFromFile(client, 'prod').toString()).toBe('id=prod');
    writeFileSync(join(root, 'empty'), '\n');
    expect(() => passwordFromFile(join(root, 'empty'), undefined)).toThrow(`Invalid vault password was provided from file (${join(root, 'empty')})`);
  });

  it('orders --vault-id sources before password files, warns about a missing file and keeps the others', async () => {
    const file = join(root, 'pass');
    writeFileSync(file, 'secret\n');
    const warnings: string[] = [];
    const secrets = await loadSecrets(
      { vaultIds: [`prod@${file}`, join(root, 'missing')], passwordFiles: [file] },
      () => Promise.resolve('asked'),
      (m) => warnings.push(m),
    );
    expect(secrets.map((s) => s.id)).toEqual(['prod', 'default']);
    expect(warnings).toEqual([`Error getting vault password file (None): The vault password file ${join(root, 'missing')} was not found`]);
    const prompted = await loadSecrets({ vaultIds: ['qa@prompt'] }, (q) => Promise.resolve(q), () => undefined);
    expect(prompted).toEqual([{ id: 'qa', bytes: Buffer.from('Vault password (qa): ') }]);
    await expect(loadSecrets({ vaultIds: [join(root, 'missing')] }, () => Promise.resolve(''), () => undefined)).rejects.toThrow('was not found');
  });
});

describe.skipIf(!hasVault)('round trips with real ansible-vault', () => {
  const pass = join(root, 'vpass');
  writeFileSync(pass, 'secret\n');
  const plaintext = 'db_pass: s3cr3t\nlong: ' + 'x'.repeat(200) + '\n';

  it('tsible decrypts what ansible-vault encrypted, with and without a vault id', () => {
    for (const id of ['default', 'prod']) {
      const file = join(root, `a-${id}.yml`);
      writeFileSync(file, plaintext);
      const run = spawnSync('ansible-vault', ['encrypt', '--vault-id', `${id}@${pass}`, file], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(id === 'default' ? '$ANSIBLE_VAULT;1.1;AES256\n' : '$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
      expect(new VaultLib([{ id, bytes: Buffer.from('secret') }]).decrypt(text).plaintext.toString()).toBe(plaintext);
    }
  });

  it('ansible-vault views what tsible encrypted, with and without a vault id', () => {
    for (const id of ['default', 'prod']) {
      const file = join(root, `t-${id}.yml`);
      writeFileSync(file, VaultLib.encrypt(Buffer.from(plaintext), { id, bytes: Buffer.from('secret') }));
      const run = spawnSync('ansible-vault', ['view', '--vault-id', `${id}@${pass}`, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(plaintext);
    }
  });
});
