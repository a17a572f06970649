import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, keyTypeOf, knownHostsName, verifyHostKey } from '../../../src/connection/known-hosts.js';

/** An ssh-ed25519 public key blob, as a server presents it. */
function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const type = Buffer.from('ssh-ed25519');
  const len = (b: Buffer): Buffer => {
    const l = Buffer.alloc(4);
    l.writeUInt32BE(b.length);
    return l;
  };
  return Buffer.concat([len(type), type, len(raw), raw]);
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts');
  writeFileSync(path, content);
  return path;
}

describe('known_hosts', () => {
  const key = ed25519Blob();
  const other = ed25519Blob();

  it('accepts the recorded key and names a changed one with where it was recorded', () => {
    const kh = file(`# comment\n10.0.0.1,web1 ssh-ed25519 ${key.toString('base64')} root@web1\n`);
    expect(verifyHostKey([kh], '10.0.0.1', key)).toEqual({ status: 'match' });
    expect(verifyHostKey([kh], 'web1', key)).toEqual({ status: 'match' });
    const changed = verifyHostKey([kh], '10.0.0.1', other);
    expect(changed.status).toBe('changed');
    expect(changed.status === 'changed' && changed.expected[0]).toMatchObject({ file: kh, line: 2 });
    expect(verifyHostKey([kh], '10.0.0.2', key)).toEqual({ status: 'unknown' });
  });

  it('reads hashed host names (HashKnownHosts yes) and non-standard ports', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[10.0.0.9]:2222').digest('base64');
    const kh = file(`|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${key.toString('base64')}\n`);
    expect(verifyHostKey([kh], knownHostsName('10.0.0.9', 2222), key)).toEqual({ status: 'match' });
    expect(verifyHostKey([kh], knownHostsName('10.0.0.9', 22), key)).toEqual({ status: 'unknown' });
  });

  it('refuses a @revoked key even when another line accepts it', () => {
    const b64 = key.toString('base64');
    const kh = file(`@revoked * ssh-ed25519 ${b64}\nhost1 ssh-ed25519 ${b64}\n`);
    expect(verifyHostKey([kh], 'host1', key).status).toBe('revoked');
  });

  it('honours wildcards and negation', () => {
    const kh = file(`*.lab,!bad.lab ssh-ed25519 ${key.toString('base64')}\n`);
    expect(verifyHostKey([kh], 'a.lab', key).status).toBe('match');
    expect(verifyHostKey([kh], 'bad.lab', key).status).toBe('unknown');
  });

  it('sees a file that changed since it was last read (a key recorded or replaced mid-run)', () => {
    const kh = file(`host1 ssh-ed25519 ${other.toString('base64')}\n`);
    expect(verifyHostKey([kh], 'host1', key).status).toBe('changed');
    writeFileSync(kh, `host1 ssh-ed25519 ${key.toString('base64')} root@host1\n`);
    expect(verifyHostKey([kh], 'host1', key).status).toBe('match');
  });

  it('looks up many hosts in a long file without rereading it per host', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `10.1.${i >> 8}.${i & 255},h${i}.lab ssh-ed25519 ${key.toString('base64')}`);
    const kh = file(`${lines.join('\n')}\n*.wild ssh-ed25519 ${other.toString('base64')}\n`);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) expect(verifyHostKey([kh], `h${i}.lab`, key).status).toBe('match');
    expect(verifyHostKey([kh], 'x.wild', other).status).toBe('match');
    // once compiled, 2000 lookups in 2000 lines are plain comparisons (compiling a pattern per line per host took seconds)
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('shows keys as OpenSSH does', () => {
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
    expect(fingerprint(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
