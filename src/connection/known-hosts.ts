import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

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

/** One host pattern, compiled once: a hashed name (`|1|salt|hash`), an exact name, or a glob. */
type Pattern = { negated: boolean; exact?: string; matches: (name: string) => boolean };

function compilePattern(text: string): Pattern {
  const negated = text.startsWith('!');
  const pattern = negated ? text.slice(1) : text;
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return { negated, matches: () => false };
    const key = Buffer.from(salt, 'base64');
    return { negated, matches: (name) => createHmac('sha1', key).update(name).digest('base64') === hash };
  }
  if (!/[*?]/.test(pattern)) {
    const exact = pattern.toLowerCase();
    return { negated, exact, matches: (name) => name.toLowerCase() === exact };
  }
  const rx = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return { negated, matches: (name) => rx.test(name) };
}

function hostFieldMatches(patterns: Pattern[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (!pattern.matches(name)) continue;
    if (pattern.negated) return false;
    matched = true;
  }
  return matched;
}

interface Line extends KnownHostKey {
  marker: string | undefined;
  patterns: Pattern[];
}

/** A file's lines, indexed: by each exact name a line lists, and the lines a name can only be tested against (globs, hashes). */
interface Index {
  stamp: string;
  byName: Map<string, Line[]>;
  scanned: Line[];
}

/** Each file read and compiled once per run (and again only if it changes): every host of a big run looks it up. */
const parsed = new Map<string, Index>();

/** The lines that may match `name`, in file order; hostFieldMatches has the last word (negations). */
function candidates(file: string, name: string): Line[] {
  const index = indexOf(file);
  const named = index.byName.get(name.toLowerCase()) ?? [];
  if (index.scanned.length === 0) return named;
  return [...named, ...index.scanned].sort((a, b) => a.line - b.line);
}

function indexOf(file: string): Index {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return { stamp: '', byName: new Map(), scanned: [] };
  }
  const cached = parsed.get(file);
  if (cached?.stamp === stamp) return cached;
  const index: Index = { stamp, byName: new Map(), scanned: [] };
  for (const line of linesOf(file)) {
    if (line.patterns.some((p) => !p.negated && p.exact === undefined)) index.scanned.push(line);
    else for (const name of new Set(line.patterns.filter((p) => !p.negated).map((p) => p.exact as string))) index.byName.set(name, [...(index.byName.get(name) ?? []), line]);
  }
  parsed.set(file, index);
  return index;
}

function linesOf(file: string): Line[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines: Line[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]?.startsWith('@')) marker = fields.shift();
    const [hosts, keyType, key] = fields;
    if (!hosts || !keyType || !key) return;
    lines.push({ keyType, key, file, line: index + 1, marker, patterns: hosts.split(',').map(compilePattern) });
  });
  return lines;
}

/** Every key the files hold for `name`, plus revocations; unreadable files count as empty, as in OpenSSH. */
export function lookupKnownHosts(files: string[], name: string): { keys: KnownHostKey[]; revoked: KnownHostKey[] } {
  const keys: KnownHostKey[] = [];
  const revoked: KnownHostKey[] = [];
  for (const file of files) {
    for (const { marker, patterns, ...entry } of candidates(file, name)) {
      if (!hostFieldMatches(patterns, name)) continue;
      if (marker === '@revoked') revoked.push(entry);
      else if (marker === undefined) keys.push(entry);
    }
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
