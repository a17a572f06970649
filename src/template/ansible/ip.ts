// IPv4/IPv6 parsing and formatting without netaddr, matching netaddr 0.8's lenient IPNetwork parsing.

export interface IpNet {
  version: 4 | 6;
  /** the address as given (host bits kept) */
  ip: bigint;
  prefix: number;
}

export const bitsOf = (version: 4 | 6): number => (version === 4 ? 32 : 128);
const maxOf = (version: 4 | 6): bigint => (1n << BigInt(bitsOf(version))) - 1n;

/** netaddr accepts '10.1' (zero-padded on the right) and leading zeros in IPNetwork. */
export function parseIpv4(text: string, lenient = true): bigint | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || (!lenient && parts.length !== 4)) return undefined;
  let value = 0n;
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '0';
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let head = text;
  let v4tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4tail = parseIpv4(text.slice(lastColon + 1), false);
    if (v4tail === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const toWords = (s: string): number[] | undefined => {
    if (s === '') return [];
    const words = s.split(':');
    if (words.some((w) => !/^[0-9a-fA-F]{1,4}$/.test(w))) return undefined;
    return words.map((w) => parseInt(w, 16));
  };
  const left = toWords(halves[0] as string);
  const right = halves.length === 2 ? toWords(halves[1] as string) : [];
  if (!left || !right) return undefined;
  let words: number[];
  if (halves.length === 2) {
    if (left.length + right.length > 7) return undefined;
    words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else {
    if (left.length !== 8) return undefined;
    words = left;
  }
  let value = words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
  if (v4tail !== undefined) value = (value & ~0xffffffffn) | v4tail;
  return value;
}

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
}

/** glibc inet_ntop: longest zero run (>= 2 words) becomes '::'; ::a.b.c.d and ::ffff:a.b.c.d forms. */
export function formatIpv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestBase = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestBase = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  if (bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
    return `::${bestLen === 5 ? 'ffff:' : ''}${formatIpv4(value & 0xffffffffn)}`;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestBase) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (words[i] as number).toString(16);
  }
  return out;
}

export function formatIp(version: 4 | 6, value: bigint): string {
  return version === 4 ? formatIpv4(value) : formatIpv6(value);
}

function prefixFromMask(mask: bigint, version: 4 | 6): number | undefined {
  const bits = bitsOf(version);
  const max = maxOf(version);
  for (let p = 0; p <= bits; p++) {
    const net = (max << BigInt(bits - p)) & max;
    if (net === mask || (max ^ net) === mask) return p;
  }
  return undefined;
}

/** netaddr.IPNetwork(text): 'a.b.c.d', 'a.b.c.d/24', '/255.255.255.0' netmasks and '/0.0.0.255' hostmasks, IPv6. */
export function parseNetwork(text: string): IpNet | undefined {
  const [addrRaw, prefixRaw, ...rest] = text.split('/');
  if (rest.length > 0 || addrRaw === undefined) return undefined;
  const addr = addrRaw.trim();
  let version: 4 | 6;
  let ip: bigint | undefined;
  if (addr.includes(':')) {
    version = 6;
    ip = parseIpv6(addr);
  } else {
    version = 4;
    ip = parseIpv4(addr);
  }
  if (ip === undefined) return undefined;
  let prefix = bitsOf(version);
  if (prefixRaw !== undefined) {
    const p = prefixRaw.trim();
    if (/^\d+$/.test(p)) {
      prefix = Number(p);
      if (prefix > bitsOf(version)) return undefined;
    } else if (version === 4) {
      const mask = parseIpv4(p, false);
      const fromMask = mask === undefined ? undefined : prefixFromMask(mask, 4);
      if (fromMask === undefined) return undefined;
      prefix = fromMask;
    } else return undefined;
  }
  return { version, ip, prefix };
}

export function netmaskOf(n: IpNet): bigint {
  const bits = bitsOf(n.version);
  return (maxOf(n.version) << BigInt(bits - n.prefix)) & maxOf(n.version);
}

export function hostmaskOf(n: IpNet): bigint {
  return maxOf(n.version) ^ netmaskOf(n);
}

export function networkOf(n: IpNet): bigint {
  return n.ip & netmaskOf(n);
}

export function lastOf(n: IpNet): bigint {
  return n.ip | hostmaskOf(n);
}

export function sizeOf(n: IpNet): bigint {
  return 1n << BigInt(bitsOf(n.version) - n.prefix);
}

/** netaddr has no broadcast for /31, /32 (and IPv6 /127, /128). */
export function broadcastOf(n: IpNet): bigint | null {
  return bitsOf(n.version) - n.prefix <= 1 ? null : lastOf(n);
}

export function netToString(n: IpNet): string {
  return `${formatIp(n.version, n.ip)}/${n.prefix}`;
}

/** [first, last] of a range or CIDR, for `in` checks. */
export type IpRange = [4 | 6, bigint, bigint];

export function cidrRange(text: string): IpRange {
  const n = parseNetwork(text) as IpNet;
  return [n.version, networkOf(n), lastOf(n)];
}

export function rangeContains(range: IpRange, n: IpNet): boolean {
  return range[0] === n.version && networkOf(n) >= range[1] && lastOf(n) <= range[2];
}
