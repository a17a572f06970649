// glibc crypt(3) hashes ($1$ md5-crypt, $5$ sha256-crypt, $6$ sha512-crypt) as password_hash produces them.
import { createHash, randomInt } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function to64(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += ITOA64[w & 0x3f];
    w >>= 6;
  }
  return out;
}

function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = block[i % block.length] as number;
  return out;
}

/** SHA-crypt (Drepper's spec) for $5$ and $6$; rounds=null means the implicit 5000 (not printed). */
export function shaCrypt(algo: 'sha256' | 'sha512', password: string, salt: string, rounds: number | null): string {
  const h = (...parts: Buffer[]): Buffer => {
    const hash = createHash(algo);
    for (const part of parts) hash.update(part);
    return hash.digest();
  };
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const size = algo === 'sha256' ? 32 : 64;
  const n = rounds === null ? 5000 : Math.min(999_999_999, Math.max(1000, rounds));
  const b = h(p, s, p);
  const aParts = [p, s, repeatTo(b, p.length)];
  for (let len = p.length; len > 0; len >>= 1) aParts.push(len & 1 ? b : p);
  const a = h(...aParts);
  const pBytes = repeatTo(h(...Array<Buffer>(p.length).fill(p)), p.length);
  const sBytes = repeatTo(h(...Array<Buffer>(16 + (a[0] as number)).fill(s)), s.length);
  let c = a;
  // the hot loop (656000 rounds by default): update the hash piecewise instead of allocating
  for (let i = 0; i < n; i++) {
    const hash = createHash(algo);
    hash.update(i & 1 ? pBytes : c);
    if (i % 3) hash.update(sBytes);
    if (i % 7) hash.update(pBytes);
    hash.update(i & 1 ? c : pBytes);
    c = hash.digest();
  }
  const byte = (i: number): number => c[i] as number;
  let out = '';
  if (size === 64) {
    for (let i = 0; i < 21; i++) {
      const [x, y, z] = i % 3 === 0 ? [i, i + 21, i + 42] : i % 3 === 1 ? [i + 21, i + 42, i] : [i + 42, i, i + 21];
      out += to64(byte(x), byte(y), byte(z), 4);
    }
    out += to64(0, 0, byte(63), 2);
  } else {
    for (let i = 0; i < 10; i++) {
      const [x, y, z] = i % 3 === 0 ? [i, i + 10, i + 20] : i % 3 === 1 ? [i + 20, i, i + 10] : [i + 10, i + 20, i];
      out += to64(byte(x), byte(y), byte(z), 4);
    }
    out += to64(0, byte(31), byte(30), 3);
  }
  const id = size === 64 ? '6' : '5';
  const roundsText = rounds === null ? '' : `rounds=${n}$`;
  return `$${id}$${roundsText}${s.toString('utf8')}$${out}`;
}

/** Poul-Henning Kamp's md5-crypt ($1$). */
export function md5Crypt(password: string, salt: string): string {
  const md5 = (...parts: Buffer[]): Buffer => createHash('md5').update(Buffer.concat(parts)).digest();
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 8), 'utf8');
  const magic = Buffer.from('$1$');
  let final = md5(p, s, p);
  const parts: Buffer[] = [p, magic, s];
  for (let len = p.length; len > 0; len -= 16) parts.push(final.subarray(0, Math.min(len, 16)));
  for (let len = p.length; len; len >>= 1) parts.push(len & 1 ? Buffer.from([0]) : p.subarray(0, 1));
  final = md5(...parts);
  for (let i = 0; i < 1000; i++) {
    const round = [i & 1 ? p : final];
    if (i % 3) round.push(s);
    if (i % 7) round.push(p);
    round.push(i & 1 ? final : p);
    final = md5(...round);
  }
  const f = (i: number): number => final[i] as number;
  const out =
    to64(f(0), f(6), f(12), 4) + to64(f(1), f(7), f(13), 4) + to64(f(2), f(8), f(14), 4) + to64(f(3), f(9), f(15), 4) + to64(f(4), f(10), f(5), 4) + to64(0, 0, f(11), 2);
  return `$1$${s.toString('utf8')}$${out}`;
}

const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./';

/** ansible.utils.encrypt.random_salt. */
export function randomSalt(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SALT_CHARS[randomInt(SALT_CHARS.length)];
  return out;
}
