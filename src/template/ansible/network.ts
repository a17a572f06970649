// ansible.utils ipaddr-family filters (ipaddr, ipv4, ipv6, ipwrap, ipmath, ipsubnet, nthhost, network_in_*) without netaddr.
import { isNumber, pyStr, pyTypeName, TemplateError, toNumber } from '../values.js';
import type { FilterFn, TemplateContext } from '../values.js';
import type { IpNet, IpRange } from './ip.js';
import {
  bitsOf, broadcastOf, cidrRange, formatIp, formatIpv4, hostmaskOf, lastOf, netmaskOf, netToString, networkOf, parseIpv4, parseNetwork,
  rangeContains, sizeOf,
} from './ip.js';

const IPV4_PRIVATE: IpRange[] = [
  ...['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15'].map(cidrRange),
  [4, parseIpv4('239.0.0.0') as bigint, parseIpv4('239.255.255.255') as bigint],
];
const IPV6_PRIVATE = ['fc00::/7', 'fec0::/10'].map(cidrRange);
const LINK_LOCAL = { 4: cidrRange('169.254.0.0/16'), 6: cidrRange('fe80::/10') };
const MULTICAST = { 4: cidrRange('224.0.0.0/4'), 6: cidrRange('ff00::/8') };
const LOOPBACK4 = cidrRange('127.0.0.0/8');

const hostOf = (n: IpNet): IpNet => ({ version: n.version, ip: n.ip, prefix: bitsOf(n.version) });
const isLinkLocal = (n: IpNet): boolean => rangeContains(LINK_LOCAL[n.version], n);
const isPrivate = (n: IpNet): boolean => (n.version === 4 ? IPV4_PRIVATE : IPV6_PRIVATE).some((r) => rangeContains(r, n)) || isLinkLocal(n);
const isMulticast = (n: IpNet): boolean => rangeContains(MULTICAST[n.version], n);
const isLoopback = (n: IpNet): boolean => (n.version === 4 ? rangeContains(LOOPBACK4, n) : n.ip === 1n && n.prefix === 128);
const maxInt = (n: IpNet): bigint => (1n << BigInt(bitsOf(n.version))) - 1n;
const isPow2 = (v: bigint): boolean => (v & (v - 1n)) === 0n;
const isNetmask = (n: IpNet): boolean => isPow2((n.ip ^ maxInt(n)) + 1n);
const isHostmask = (n: IpNet): boolean => isPow2(n.ip + 1n);

type Vtype = 'address' | 'network';

function firstLast(v: IpNet): [bigint, bigint] | undefined {
  const size = sizeOf(v);
  if (size === 2n) return [networkOf(v), lastOf(v)];
  if (size > 1n) return [networkOf(v) + 1n, lastOf(v) - 1n];
  return undefined;
}

function notNetwork(vtype: Vtype): void {
  if (vtype === 'address') throw new TemplateError('Not a network address');
}

const str = (v: IpNet, x: bigint): string => formatIp(v.version, x);

/** Each query returns a value, or undefined for Python's implicit None (the filter then returns False). */
const QUERIES: Record<string, (v: IpNet, vtype: Vtype, value: string) => unknown> = {
  '': (v, vtype) => (vtype === 'address' ? str(v, v.ip) : vtype === 'network' ? netToString(v) : undefined),
  address: (v) => ipQuery(v),
  ip: (v) => ipQuery(v),
  'address/prefix': addressPrefix,
  gateway: addressPrefix,
  gw: addressPrefix,
  'host/prefix': addressPrefix,
  hostnet: addressPrefix,
  router: addressPrefix,
  bool: () => true,
  broadcast: (v) => (sizeOf(v) > 2n ? str(v, broadcastOf(v) as bigint) : undefined),
  cidr: (v) => netToString(v),
  first_usable: (v, vtype) => {
    notNetwork(vtype);
    const size = sizeOf(v);
    return size === 2n ? str(v, networkOf(v)) : size > 1n ? str(v, networkOf(v) + 1n) : undefined;
  },
  last_usable: (v, vtype) => {
    notNetwork(vtype);
    const fl = firstLast(v);
    return fl ? str(v, fl[1]) : undefined;
  },
  next_usable: (v, vtype) => {
    notNetwork(vtype);
    const fl = firstLast(v);
    return fl && v.ip + 1n >= fl[0] && v.ip + 1n <= fl[1] ? str(v, v.ip + 1n) : undefined;
  },
  previous_usable: (v, vtype) => {
    notNetwork(vtype);
    const fl = firstLast(v);
    return fl && v.ip - 1n >= fl[0] && v.ip - 1n <= fl[1] ? str(v, v.ip - 1n) : undefined;
  },
  range_usable: (v, vtype) => {
    notNetwork(vtype);
    const fl = firstLast(v);
    return fl ? `${str(v, fl[0])}-${str(v, fl[1])}` : undefined;
  },
  host: (v) => {
    if (sizeOf(v) === 1n) return netToString(v);
    return v.ip !== networkOf(v) || broadcastOf(v) === null ? netToString(v) : undefined;
  },
  hostmask: (v) => str(v, hostmaskOf(v)),
  wildcard: (v) => str(v, hostmaskOf(v)),
  int: (v, vtype) => (vtype === 'address' ? Number(v.ip) <= Number.MAX_SAFE_INTEGER ? Number(v.ip) : v.ip : `${v.ip}/${v.prefix}`),
  'ip/prefix': (v) => (sizeOf(v) === 2n || (sizeOf(v) > 1n && v.ip !== networkOf(v)) ? netToString(v) : undefined),
  ip_netmask: (v) => (sizeOf(v) === 2n || (sizeOf(v) > 1n && v.ip !== networkOf(v)) ? `${str(v, v.ip)} ${str(v, netmaskOf(v))}` : undefined),
  ipv4: ipv4Query,
  v4: ipv4Query,
  ipv6: ipv6Query,
  v6: ipv6Query,
  'link-local': (v, _t, value) => (isLinkLocal(hostOf(v)) ? value : undefined),
  lo: (v, _t, value) => (isLoopback(hostOf(v)) ? value : undefined),
  loopback: (v, _t, value) => (isLoopback(hostOf(v)) ? value : undefined),
  multicast: (v, _t, value) => (isMulticast(v) ? value : undefined),
  net: (v) => (sizeOf(v) > 1n && v.ip === networkOf(v) ? `${str(v, networkOf(v))}/${v.prefix}` : undefined),
  netmask: (v) => str(v, netmaskOf(v)),
  network: (v) => str(v, networkOf(v)),
  network_id: (v) => str(v, networkOf(v)),
  'network/prefix': (v) => `${str(v, networkOf(v))}/${v.prefix}`,
  subnet: (v) => `${str(v, networkOf(v))}/${v.prefix}`,
  network_netmask: (v) => `${str(v, networkOf(v))} ${str(v, netmaskOf(v))}`,
  network_wildcard: (v) => `${str(v, networkOf(v))} ${str(v, hostmaskOf(v))}`,
  peer: (v, vtype) => {
    notNetwork(vtype);
    if (sizeOf(v) === 2n) return str(v, v.ip ^ 1n);
    if (sizeOf(v) === 4n) {
      if (v.ip % 4n === 0n) throw new TemplateError('Network address of /30 has no peer');
      if (v.ip % 4n === 3n) throw new TemplateError('Broadcast address of /30 has no peer');
      return str(v, v.ip ^ 3n);
    }
    throw new TemplateError('Not a point-to-point network');
  },
  prefix: (v) => v.prefix,
  private: (v, _t, value) => (isPrivate(v) ? value : undefined),
  public: (v, _t, value) => {
    const h = hostOf(v);
    return !isMulticast(h) && !isPrivate(h) && !isLoopback(h) && !isNetmask(h) && !isHostmask(h) ? value : undefined;
  },
  revdns: (v) => {
    if (v.version === 4) return `${formatIpv4(v.ip).split('.').reverse().join('.')}.in-addr.arpa.`;
    return `${v.ip.toString(16).padStart(32, '0').split('').reverse().join('.')}.ip6.arpa.`;
  },
  size: (v) => Number(sizeOf(v)) <= Number.MAX_SAFE_INTEGER ? Number(sizeOf(v)) : sizeOf(v),
  size_usable: (v) => {
    const size = sizeOf(v);
    const usable = size === 1n ? 0n : size === 2n ? 2n : size - 2n;
    return usable <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(usable) : usable;
  },
  type: (v) => (sizeOf(v) === 1n || v.ip !== networkOf(v) ? 'address' : 'network'),
  unicast: (v, _t, value) => (!isMulticast(v) ? value : undefined),
  version: (v) => v.version,
  wrap: (v, vtype, value) => {
    if (v.version !== 6) return value;
    return vtype === 'address' ? `[${str(v, v.ip)}]` : `[${str(v, v.ip)}]/${v.prefix}`;
  },
};

function ipQuery(v: IpNet): string | undefined {
  if (sizeOf(v) === 1n) return str(v, v.ip);
  if (v.ip !== networkOf(v) || broadcastOf(v) === null) return str(v, v.ip);
  if (v.version === 6 && v.ip === networkOf(v)) return str(v, v.ip);
  return undefined;
}

function addressPrefix(v: IpNet): unknown {
  if (sizeOf(v) > 2n && (v.ip === networkOf(v) || v.ip === broadcastOf(v))) return false;
  return netToString(v);
}

function ipv4Query(v: IpNet, _vtype: Vtype, value: string): unknown {
  if (v.version === 4) return value;
  // netaddr's IPNetwork.ipv4(): only IPv4-mapped/compatible addresses convert
  const high = v.ip >> 32n;
  if (high !== 0xffffn && high !== 0n) return false;
  return `${formatIpv4(v.ip & 0xffffffffn)}/${v.prefix - 96 < 0 ? 0 : v.prefix - 96}`;
}

function ipv6Query(v: IpNet, _vtype: Vtype, value: string): unknown {
  if (v.version === 6) return value;
  return netToString({ version: 6, ip: 0xffff00000000n | v.ip, prefix: v.prefix + 96 });
}

/** The core of ansible.utils' ipaddr(value, query, version). */
export function ipaddr(value: unknown, query: unknown = '', version: number | null = null, alias = 'ipaddr', warn?: (m: string) => void): unknown {
  if (Array.isArray(value)) return value.map((e) => ipaddr(e, pyStr(query), version, alias, warn)).filter((x) => truthyish(x));
  if (!value || value === true) {
    warn?.(`The value '${pyStr(value)}' is not a valid IP address or network, passing this value to ipaddr filter might result in breaking change in future.`);
    return false;
  }
  let text = pyStr(value);
  let v: IpNet;
  let vtype: Vtype;
  if (/^\d+$/.test(text)) {
    const n = BigInt(text);
    if (version !== 6 && n <= 0xffffffffn) v = { version: 4, ip: n, prefix: 32 };
    else if (n <= (1n << 128n) - 1n) v = { version: 6, ip: n, prefix: 128 };
    else return false;
    text = netToString(v);
    vtype = 'address';
  } else {
    const parsed = parseNetwork(text);
    if (parsed) {
      v = parsed;
      vtype = text.split('/').length === 2 ? 'network' : 'address';
    } else {
      const m = /^(\d+)\/(\d+)$/.exec(text);
      if (!m) return false;
      const ip = BigInt(m[1] as string);
      const prefix = Number(m[2]);
      if (ip <= 0xffffffffn && prefix <= 32) v = { version: 4, ip, prefix };
      else if (ip < 1n << 128n && prefix <= 128) v = { version: 6, ip, prefix };
      else return false;
      text = netToString(v);
      vtype = 'network';
    }
  }
  let q = pyStr(query);
  let lookup: IpNet | undefined;
  if (q && (!(q in QUERIES) || q === 'cidr_lookup') && !/^\d+$/.test(q) && ipaddr(q, 'network') !== false) {
    lookup = parseNetwork(q);
    q = 'cidr_lookup';
  }
  if (version && v.version !== version) return false;
  if (q === 'cidr_lookup') {
    if (!lookup || lookup.version !== v.version) return false;
    return networkOf(v) >= networkOf(lookup) && lastOf(v) <= lastOf(lookup) ? text : noneIfMissing(undefined);
  }
  const fn = QUERIES[q];
  if (fn) return noneIfMissing(fn(v, vtype, text));
  if (/^-?\d+(\.\d+)?$/.test(q)) {
    if (sizeOf(v) === 1n) return vtype === 'address' ? str(v, v.ip) : netToString(v);
    const index = BigInt(q.split('.')[0] as string);
    const size = sizeOf(v);
    const i = index < 0n ? size + index : index;
    if (i < 0n || i >= size) return false;
    return `${str(v, networkOf(v) + i)}/${v.prefix}`;
  }
  if (!alias) throw new TemplateError("unsupported operand type(s) for +: 'NoneType' and 'str'");
  throw new TemplateError(`${alias}: unknown filter type: ${q}`);
}

function truthyish(x: unknown): boolean {
  return x !== false && x !== null && x !== undefined && x !== '' && x !== 0;
}

function noneIfMissing(x: unknown): unknown {
  // a query function that falls off its end returns None, which ipaddr passes on
  return x === undefined ? null : x;
}

function checkValueType(value: unknown, filter: string): void {
  if (typeof value === 'string' || Array.isArray(value) || isNumber(value) || typeof value === 'boolean') return;
  throw new TemplateError(`Unrecognized type <<class '${pyTypeName(value)}'>> for ${filter} filter <value>`);
}

function filterFor(version: number | null, alias: string, filter = alias): FilterFn {
  return (value, args, kwargs, ctx: TemplateContext) => {
    checkValueType(value, filter);
    return ipaddr(value, kwargs.query ?? args[0] ?? '', version, alias, (m) => ctx.warn(m));
  };
}

// ansible.utils' ipaddr filter passes alias=None, so an unknown query fails on `None + str` in Python
export const ipaddrFilter = filterFor(null, '', 'ipaddr');
export const ipv4Filter = filterFor(4, 'ipv4');
export const ipv6Filter = filterFor(6, 'ipv6');

/** ipwrap: brackets around IPv6 addresses, anything else passes through. */
export const ipwrap: FilterFn = (value, args, kwargs) => {
  const wrap = (x: unknown): unknown => {
    const r = ipaddr(x, 'wrap');
    return r === false || r === null ? x : r;
  };
  const q = kwargs.query ?? args[0] ?? '';
  if (Array.isArray(value)) return value.map((x) => (ipaddr(x, q) ? wrap(ipaddr(x, q)) : x));
  const r = ipaddr(value, q);
  return r ? wrap(r) : value;
};

/** ipmath(amount): address arithmetic. */
export const ipmath: FilterFn = (value, args, kwargs) => {
  const text = pyStr(value);
  let amount = kwargs.amount ?? args[0];
  // the argspec (type: int) converts numeric strings
  if (typeof amount === 'string' && /^\s*[-+]?\d+\s*$/.test(amount)) amount = Number(amount);
  const n = parseNetwork(text.trim());
  if (!n) throw new TemplateError(`You must pass a valid IP address; ${text} is invalid`);
  if (typeof amount !== 'number' || !Number.isInteger(amount)) {
    throw new TemplateError(`You must pass an integer for arithmetic; ${pyStr(amount)} is not a valid integer`);
  }
  const result = n.ip + BigInt(amount);
  if (result < 0n || result > (1n << BigInt(bitsOf(n.version))) - 1n) throw new TemplateError('result outside valid IP address boundary!');
  return formatIp(n.version, result);
};

function normalized(value: unknown): IpNet | undefined {
  const vtype = ipaddr(value, 'type');
  if (vtype !== 'address' && vtype !== 'network') return undefined;
  return parseNetwork(pyStr(ipaddr(value, vtype === 'address' ? 'cidr' : 'subnet')));
}

/** ipsubnet(query='', index=None). */
export const ipsubnet: FilterFn = (value, args, kwargs) => {
  const n0 = normalized(value);
  if (!n0) return false;
  const v: IpNet = { ...n0, ip: networkOf(n0) };
  const vIsNetwork = ipaddr(netToString(v), 'type') === 'network';
  const query = pyStr(kwargs.query ?? args[0] ?? '');
  const index = kwargs.index ?? args[1] ?? null;
  if (!query) return netToString(v);
  const total = bitsOf(v.version);
  if (/^\d+$/.test(query)) {
    const q = Number(query);
    if (q > total) return false;
    if (index === null) {
      if (!vIsNetwork) return `${formatIp(v.version, v.ip & ((((1n << BigInt(total)) - 1n) << BigInt(total - q)) & ((1n << BigInt(total)) - 1n)))}/${q}`;
      if (q - v.prefix < 0) throw new TemplateError(`Requested subnet size of ${q} is invalid`);
      return String(2 ** (q - v.prefix));
    }
    let i = Number(index);
    if (!vIsNetwork) {
      // supernet(q)[i]: the supernets from /q to /prefix-1
      const supers = Array.from({ length: Math.max(0, v.prefix - q) }, (_, k) => q + k);
      if (i < 0) i += supers.length;
      const p = supers[i];
      if (p === undefined) return false;
      return netToString({ version: v.version, ip: networkOf({ ...v, prefix: p }), prefix: p });
    }
    const subnets = 2 ** (q - v.prefix);
    if (i < 0) i += subnets;
    if (i < 0 || i >= subnets) return false;
    return netToString({ version: v.version, ip: v.ip + (BigInt(i) << BigInt(total - q)), prefix: q });
  }
  const outer = normalized(query);
  if (!outer) throw new TemplateError(`You must pass a valid subnet or IP address; ${query} is invalid`);
  const shift = BigInt(total - outer.prefix);
  if (v.ip >> shift === outer.ip >> shift) {
    const width = BigInt(total - v.prefix);
    return String((((v.ip >> width) & ((1n << BigInt(v.prefix - outer.prefix)) - 1n))) + 1n);
  }
  throw new TemplateError(`${netToString(v)} is not in the subnet ${netToString({ ...outer, ip: networkOf(outer) })}`);
};

/** nthhost(n): the nth address of a network (negative counts from the end). */
export const nthhost: FilterFn = (value, args, kwargs) => {
  const v = normalized(value);
  if (!v) return false;
  const query = kwargs.query ?? args[0] ?? '';
  if (!query && query !== 0) return false;
  const nth = isNumber(query) ? toNumber(query) : /^-?\d+$/.test(pyStr(query).trim()) ? Number(pyStr(query).trim()) : NaN;
  if (Number.isNaN(nth)) return false;
  const size = sizeOf(v);
  if (size > BigInt(nth)) {
    const i = nth < 0 ? size + BigInt(nth) : BigInt(nth);
    if (i < 0n) throw new TemplateError('index out range for address range size!');
    return formatIp(v.version, networkOf(v) + i);
  }
  return false;
};

function bounds(value: unknown, usable: boolean): [bigint, bigint] | undefined {
  const v = normalized(value);
  if (!v) return undefined;
  const fl = usable ? firstLast(v) : sizeOf(v) > 2n ? [networkOf(v), lastOf(v)] : undefined;
  return (fl as [bigint, bigint] | undefined) ?? [v.ip, v.ip];
}

/** network_in_usable(test): is test inside value's usable range? */
export const networkInUsable: FilterFn = (value, args) => {
  const v = bounds(value, true);
  const w = bounds(args[0], false);
  if (!v || !w) return false;
  return w[0] >= v[0] && w[0] <= v[1] && w[1] >= v[0] && w[1] <= v[1];
};

/** network_in_network(test): is test (network or address) inside value, network/broadcast included? */
export const networkInNetwork: FilterFn = (value, args) => {
  const v = bounds(value, false);
  const w = bounds(args[0], false);
  if (!v || !w) return false;
  return w[0] >= v[0] && w[0] <= v[1] && w[1] >= v[0] && w[1] <= v[1];
};
