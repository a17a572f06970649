import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** One usable line of a known_hosts file. */
export interface KnownHostKey {
  keyType: string;
  /** base64 of the public key blob, as in the file */
  key: string;
  file: string;
  line: number;
}

export type HostKeyVerdict =
  | { status: 'match' }
  | { status: 'unknown' }
  | { status: 'changed'; expected: KnownHostKey[] }
  | { status: 'revoked'; entry: KnownHostKey };

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  const rx = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return rx.test(name);
}

function hostFieldMatches(field: string, name: string): boolean {
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (patternMatches(pattern.slice(1), name)) return false;
    } else if (patternMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** Every key the files hold for `name`, plus revocations; unreadable files count as empty, as in OpenSSH. */
export function lookupKnownHosts(files: string[], name: string): { keys: KnownHostKey[]; revoked: KnownHostKey[] } {
  const keys: KnownHostKey[] = [];
  const revoked: KnownHostKey[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const fields = line.split(/\s+/);
      let marker: string | undefined;
      if (fields[0]?.startsWith('@')) marker = fields.shift();
      const [hosts, keyType, key] = fields;
      if (!hosts || !keyType || !key || !hostFieldMatches(hosts, name)) return;
      const entry = { keyType, key, file, line: index + 1 };
      if (marker === '@revoked') revoked.push(entry);
      else if (marker === undefined) keys.push(entry);
    });
  }
  return { keys, revoked };
}

/** Compare the key a server presented with what known_hosts says of it. */
export function verifyHostKey(files: string[], name: string, presented: Buffer): HostKeyVerdict {
  const b64 = presented.toString('base64');
  const { keys, revoked } = lookupKnownHosts(files, name);
  const bad = revoked.find((entry) => entry.key === b64);
  if (bad) return { status: 'revoked', entry: bad };
  if (keys.length === 0) return { status: 'unknown' };
  if (keys.some((entry) => entry.key === b64)) return { status: 'match' };
  return { status: 'changed', expected: keys };
}

/** OpenSSH's fingerprint form, `SHA256:...` without padding. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside a public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, ...). */
export function keyTypeOf(blob: Buffer): string {
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('ascii');
}
