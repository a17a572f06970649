// CPython's random.Random (MT19937 + seeding + _randbelow), so `random(seed=...)`/`shuffle(seed=...)` match Ansible.
import { createHash, randomInt } from 'node:crypto';

const N = 624;
const M = 397;

export class PyRandom {
  private mt = new Uint32Array(N);
  private index = N + 1;

  /** seed: str (hashed with sha512 like CPython's version 2 seeding) or int. */
  constructor(seed: string | number | bigint) {
    let big: bigint;
    if (typeof seed === 'string') {
      const bytes = Buffer.from(seed, 'utf8');
      const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
      big = all.length ? BigInt(`0x${all.toString('hex')}`) : 0n;
    } else {
      big = BigInt(seed);
      if (big < 0n) big = -big;
    }
    const key: number[] = [];
    while (big > 0n) {
      key.push(Number(big & 0xffffffffn));
      big >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k; k--) {
      const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (((mt[i] as number) ^ Math.imul(prev, 1664525)) + (key[j] as number) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k; k--) {
      const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (((mt[i] as number) ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private genrand(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let kk = 0; kk < N; kk++) {
        const y = ((mt[kk] as number) & 0x80000000) | ((mt[(kk + 1) % N] as number) & 0x7fffffff);
        mt[kk] = (mt[(kk + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  random(): number {
    const a = this.genrand() >>> 5;
    const b = this.genrand() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  getrandbits(k: number): number {
    if (k <= 32) return k === 0 ? 0 : this.genrand() >>> (32 - k);
    // only used for n < 2**53 here: little-endian 32-bit words
    let result = 0;
    let mult = 1;
    for (let bits = k; bits > 0; bits -= 32) {
      let r = this.genrand();
      if (bits < 32) r >>>= 32 - bits;
      result += r * mult;
      mult *= 2 ** 32;
    }
    return result;
  }

  randbelow(n: number): number {
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  randrange(start: number, stop: number, step = 1): number {
    const width = stop - start;
    if (step === 1) {
      if (width <= 0) throw new Error(`empty range for randrange() (${start}, ${stop}, ${width})`);
      return start + this.randbelow(width);
    }
    const n = step > 0 ? Math.floor((width + step - 1) / step) : Math.floor((width + step + 1) / step);
    if (n <= 0) throw new Error('empty range for randrange()');
    return start + step * this.randbelow(n);
  }

  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new Error('Cannot choose from an empty sequence');
    return seq[this.randbelow(seq.length)] as T;
  }

  shuffle<T>(list: T[]): void {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
  }
}

/** SystemRandom stand-in with the same interface (unseeded calls). */
export const systemRandom = {
  randrange(start: number, stop: number, step = 1): number {
    const n = Math.ceil((stop - start) / step);
    if (n <= 0) throw new Error('empty range for randrange()');
    return start + step * randomInt(n);
  },
  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new Error('Cannot choose from an empty sequence');
    return seq[randomInt(seq.length)] as T;
  },
  shuffle<T>(list: T[]): void {
    for (let i = list.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
  },
};
