import { describe, expect, it } from 'vitest';
import { expiresChange, expiresWord } from '../../../modules/lib/users-expires.js';
import { mkdirFailure, sshKeyFile, sshKeyPath, sshKeyResult, sshKeyVerdict, sshKeygenCommand } from '../../../modules/lib/users-ssh-key.js';
import { user } from '../../../modules/user.js';
import { runLine, runModule, scripted } from './service-fake-connection.js';

const GROUPS = 'gr root:x:0:\ngr users:x:100:\n';
const TSUSER1 = 'pw tsuser1:x:4201:4201::/home/tsuser1:/bin/sh\n';
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const FP = '3072 SHA256:abcdef tsuser1 key (RSA)';
const PUB = 'ssh-rsa AAAAB3Nza tsuser1 key';
/** the probe of an account whose key is there */
const WITH_KEY = `${GROUPS}${TSUSER1}homeexists\nhasappend\nsshhome\nsshdir\nsshkey\nsshpub\nsshfp 0 .${b64(`${FP}\n`)} .\nsshpubkey .${b64(`${PUB}\n`)}\n`;

describe('user expires', () => {
  it('is a UTC date for useradd/usermod -e, and an empty word for a negative time', () => {
    expect(expiresWord(1422403387)).toBe('2015-01-28');
    expect(expiresWord(1422403387.9)).toBe('2015-01-28');
    expect(expiresWord(-1)).toBe('');
  });

  it('changes only when the shadow day differs, or to remove an expiry that is set', () => {
    expect(expiresChange(1422403387, 16463)).toBeUndefined();
    expect(expiresChange(1422403387, 16462)).toBe('2015-01-28');
    expect(expiresChange(1422403387, -1)).toBe('2015-01-28');
    expect(expiresChange(-1, 16463)).toBe('');
    expect(expiresChange(-1, 0)).toBe('');
    expect(expiresChange(-1, -1)).toBeUndefined();
  });

  it('usermod -e when the shadow field differs; nothing to do (one round trip) when it matches', async () => {
    const { calls, ctx } = scripted([`${GROUPS}${TSUSER1}sh tsuser1:!:19000:0:99999:7:::\nhomeexists\n`, `${runLine(0)}\n${GROUPS}${TSUSER1}`, `${GROUPS}${TSUSER1}sh tsuser1:!:19000:0:99999:7::21915:\nhomeexists\n`]);
    expect(await runModule(user, { name: 'tsuser1', expires: 1893456000 }, ctx())).toMatchObject({ changed: true });
    expect(calls[1]).toContain("runl 'usermod -e 2030-01-01 tsuser1' || exit 0");
    expect(await runModule(user, { name: 'tsuser1', expires: 1893456000 }, ctx())).toMatchObject({ changed: false });
    expect(calls).toHaveLength(3);
  });

  it('a new account gets -e before -p; -1 on an account with an expiry removes it', async () => {
    const { calls, ctx } = scripted([GROUPS, `${runLine(0)}\n${GROUPS}${TSUSER1}`, `${GROUPS}${TSUSER1}sh tsuser1:!:19000:0:99999:7::21915:\nhomeexists\n`, `${runLine(0)}\n${GROUPS}${TSUSER1}`]);
    await runModule(user, { name: 'tsuser1', expires: -1, password: '!' }, ctx());
    expect(calls[1]).toContain(`runl 'useradd -e '"'"''"'"' -p '"'"'!'"'"' -m tsuser1' || exit 0`);
    await runModule(user, { name: 'tsuser1', expires: -1 }, ctx());
    expect(calls[3]).toContain(`runl 'usermod -e '"'"''"'"' tsuser1' || exit 0`);
  });
});

describe('user generate_ssh_key', () => {
  it('the key file: .ssh/id_<type> under the home, or the path given', () => {
    expect(sshKeyFile(sshKeyPath({ ssh_key_type: 'ed25519' }), '/home/a')).toBe('/home/a/.ssh/id_ed25519');
    expect(sshKeyFile(sshKeyPath({ ssh_key_file: 'keys/k' }), '/home/a/')).toBe('/home/a/keys/k');
    expect(sshKeyFile(sshKeyPath({ ssh_key_file: '/etc/k' }), '/home/a')).toBe('/etc/k');
  });

  it('ssh-keygen as user.py builds it: -b only when bits > 0, the comment naming the target by default', () => {
    expect(sshKeygenCommand({})).toBe(`ssh-keygen -t rsa -C "ansible-generated on $(uname -n)" -f "$k" -N ''`);
    expect(sshKeygenCommand({ ssh_key_type: 'ed25519', ssh_key_bits: 256, ssh_key_comment: 'my key', ssh_key_passphrase: 's3cret' })).toBe(`ssh-keygen -t ed25519 -b 256 -C 'my key' -f "$k" -N s3cret`);
  });

  it('never over an existing key without force; force warns for each file; a missing home fails', () => {
    const o = { force: false, check: false, absolute: false, name: 'a', keyFile: '/home/a/.ssh/id_rsa' };
    const have = { home: true, dir: true, key: true, pub: true };
    expect(sshKeyVerdict(have, o)).toEqual({ kind: 'keep', warnings: ['Found existing ssh key private file "/home/a/.ssh/id_rsa", no force, so skipping ssh-keygen generation'] });
    expect(sshKeyVerdict({ ...have, key: false }, o)).toEqual({ kind: 'keep', warnings: ['Found existing ssh key public file "/home/a/.ssh/id_rsa.pub", no force, so skipping ssh-keygen generation'] });
    expect(sshKeyVerdict(have, { ...o, force: true })).toEqual({
      kind: 'generate',
      warnings: ['Overwriting existing ssh key private file "/home/a/.ssh/id_rsa"', 'Overwriting existing ssh key public file "/home/a/.ssh/id_rsa.pub"'],
    });
    expect(sshKeyVerdict({ home: false, dir: false, key: false, pub: false }, o)).toEqual({ kind: 'fail', msg: 'User a home directory does not exist' });
    expect(sshKeyVerdict({ home: false, dir: false, key: false, pub: false }, { ...o, check: true })).toEqual({ kind: 'generate', warnings: [] });
    expect(mkdirFailure('/x/.ssh', 'mkdir: cannot create directory /x/.ssh: No such file or directory\n')).toBe("Failed to create /x/.ssh: [Errno 2] No such file or directory: '/x/.ssh'");
  });

  it('result keys: no key gives an empty fingerprint and no public key, as user.py reports them', () => {
    expect(sshKeyResult({ home: true, dir: true, key: false, pub: false }, '/k')).toEqual({ ssh_fingerprint: '', ssh_key_file: '/k', ssh_public_key: null });
  });

  it('an existing key: one round trip, ok, the warning, the fingerprint and public key read in the probe', async () => {
    const { calls, ctx } = scripted([WITH_KEY]);
    expect(await runModule(user, { name: 'tsuser1', generate_ssh_key: true, ssh_key_file: '.ssh/id_rsa' }, ctx())).toMatchObject({
      changed: false,
      ssh_fingerprint: FP,
      ssh_public_key: PUB,
      ssh_key_file: '/home/tsuser1/.ssh/id_rsa',
      warnings: ['Found existing ssh key private file "/home/tsuser1/.ssh/id_rsa", no force, so skipping ssh-keygen generation'],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('ssh-keygen -l -f "$k"');
  });

  it('no key yet: check mode says changed without running ssh-keygen; a real run generates it in the apply script', async () => {
    const probe = `${GROUPS}${TSUSER1}homeexists\nhasappend\nsshhome\n`;
    const applied = `sshhome\nsshgen 0 .${b64('Generating public/private ed25519 key pair.\n')} .\nsshfp 0 .${b64(`${FP}\n`)} .\nsshpubkey .${b64(`${PUB}\n`)}\n${GROUPS}${TSUSER1}`;
    const { calls, ctx } = scripted([probe, probe, applied]);
    const args = { name: 'tsuser1', generate_ssh_key: true, ssh_key_type: 'ed25519', ssh_key_comment: 'c' };
    expect(await runModule(user, args, ctx(true))).toMatchObject({ changed: true, ssh_fingerprint: '', ssh_public_key: null, ssh_key_file: '/home/tsuser1/.ssh/id_ed25519' });
    expect(calls).toHaveLength(1);
    const result = await runModule(user, args, ctx());
    expect(result).toMatchObject({ changed: true, ssh_fingerprint: FP, ssh_public_key: PUB, ssh_key_file: '/home/tsuser1/.ssh/id_ed25519' });
    expect(result).not.toHaveProperty('stdout');
    expect(calls).toHaveLength(3);
    expect(calls[2]).toContain(`ssh-keygen -t ed25519 -C c -f "$k" -N '' </dev/null`);
    expect(calls[2]).toContain('mkdir -m 700 "$d"');
  });

  it('ssh-keygen failing fails the task with its stderr and rc', async () => {
    const probe = `${GROUPS}${TSUSER1}homeexists\nhasappend\nsshhome\nsshdir\n`;
    const { ctx } = scripted([probe, `sshhome\nsshdir\nsshgen 1 . .${b64('unknown key type nope\n')}\n${GROUPS}${TSUSER1}`]);
    expect(await runModule(user, { name: 'tsuser1', generate_ssh_key: true, ssh_key_type: 'nope' }, ctx())).toEqual({ changed: false, failed: true, name: 'tsuser1', msg: 'unknown key type nope\n', rc: 1 });
  });
});
