import type { Facts } from './distribution.js';

export interface NetworkInput {
  /** `ip addr show primary` (all devices) */
  ipPrimary: string;
  /** `ip addr show secondary`; absent when ipPrimary is the whole `ip addr show`, split here (see splitSecondary) */
  ipSecondary?: string | undefined;
  /** `ip -4 route show default` / `ip -6 route show default` */
  route4: string;
  route6: string;
  /** the /sys/class/net/<dev> dirs, then `grep -H '' <dev>/<file>` lines (`eth0/mtu:1500`) */
  sysnet: string;
  /** `ls -ld` of device, device/driver/module and brif/* links */
  links: string;
}

const INTERFACE_TYPE: Record<string, string> = { '1': 'ether', '32': 'infiniband', '512': 'ppp', '772': 'loopback', '65534': 'tunnel' };

type Iface = Record<string, unknown>;
interface V4 {
  address: string;
  broadcast: string;
  netmask: string;
  network: string;
  prefix: string;
}

/** One device's block of `ip addr show` output, by device name (the part before `@`). */
export function splitIpAddr(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const head = /^\d+:\s+([^:@\s]+)(?:@[^:\s]*)?:/.exec(line);
    if (head) {
      current = [];
      out.set(head[1] as string, current);
    } else if (current && line.trim()) current.push(line.trim());
  }
  return out;
}

/**
 * `ip addr show` split as `ip addr show primary` and `ip addr show secondary` would list it: an address whose flags
 * say `secondary` (IPv4) or `temporary` (IPv6: the same flag bit) is secondary. Words before the last one are
 * flags; the last is the label.
 */
export function splitSecondary(all: Map<string, string[]>): [Map<string, string[]>, Map<string, string[]>] {
  const primary = new Map<string, string[]>();
  const secondary = new Map<string, string[]>();
  for (const [device, lines] of all) {
    primary.set(device, []);
    secondary.set(device, []);
    let into = primary.get(device) as string[];
    for (const line of lines) {
      const words = line.split(/\s+/);
      if (words[0] === 'inet' || words[0] === 'inet6') {
        const flags = words[0] === 'inet' ? words.slice(2, -1) : words.slice(2);
        into = (flags.includes(words[0] === 'inet' ? 'secondary' : 'temporary') ? secondary : primary).get(device) as string[];
      }
      into.push(line);
    }
  }
  return [primary, secondary];
}

const ipToInt = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + (Number(o) & 255), 0) >>> 0;
const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

function v4(address: string, prefix: string, broadcast: string): V4 {
  const len = Number(prefix);
  const mask = len <= 0 ? 0 : (0xffffffff << (32 - Math.min(len, 32))) >>> 0;
  return { address, broadcast, netmask: intToIp(mask), network: intToIp((ipToInt(address) & mask) >>> 0), prefix };
}

interface Route {
  gateway?: string;
  interface?: string;
  address?: string;
  metric: number;
}

/** The default route with the lowest metric, as `ip route get` would pick it (without asking about an outside address). */
export function parseDefaultRoute(text: string): Route | undefined {
  let best: Route | undefined;
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'default') continue;
    const r: Route = { metric: 0 };
    for (let i = 1; i < words.length - 1; i++) {
      const w = words[i];
      const next = words[i + 1] as string;
      if (w === 'via') r.gateway = next;
      else if (w === 'dev') r.interface = next;
      else if (w === 'src') r.address = next;
      else if (w === 'metric') r.metric = Number(next) || 0;
    }
    if (r.interface && (!best || r.metric < best.metric)) best = r;
  }
  return best;
}

/** interfaces, ansible_<iface>, default_ipv4/6, all_ipv4/6_addresses, as LinuxNetwork.populate builds them from `ip` and sysfs. */
export function networkFacts(input: NetworkInput): Facts {
  const interfaces = new Map<string, Iface>();
  const sysfs = new Map<string, Map<string, string>>();
  for (const line of input.sysnet.split('\n')) {
    const dir = /^\/sys\/class\/net\/([^/]+)$/.exec(line);
    if (dir) {
      sysfs.set(dir[1] as string, new Map());
      continue;
    }
    const m = /^([^/]+)\/(.+?):(.*)$/.exec(line);
    if (m) sysfs.get(m[1] as string)?.set(m[2] as string, (m[3] as string).trim());
  }
  const links = new Map<string, string>();
  const brif = new Map<string, string[]>();
  // bridge members in directory order, as Python's os.listdir gives them (a shell glob would sort them)
  const brifOrder = new Map<string, string[]>();
  for (const line of input.links.split('\n')) {
    const order = /^BRIF \/sys\/class\/net\/([^/]+)\/brif (.*)$/.exec(line);
    if (order) brifOrder.set(order[1] as string, (order[2] as string).split(' ').filter(Boolean));
  }
  for (const line of input.links.split('\n')) {
    if (line.startsWith('BRIF ')) continue;
    const m = /(\/sys\/class\/net\/\S+) -> (\S+)$/.exec(line) ?? /(\/sys\/class\/net\/\S+)$/.exec(line);
    if (!m) continue;
    const path = (m[1] as string).slice('/sys/class/net/'.length);
    const b = /^([^/]+)\/brif\/(.+)$/.exec(path);
    if (b) brif.set(b[1] as string, [...(brif.get(b[1] as string) ?? []), b[2] as string]);
    else if (m[2]) links.set(path, m[2]);
  }

  const route4 = parseDefaultRoute(input.route4);
  const route6 = parseDefaultRoute(input.route6);
  const [primary, secondary] = input.ipSecondary === undefined ? splitSecondary(splitIpAddr(input.ipPrimary)) : [splitIpAddr(input.ipPrimary), splitIpAddr(input.ipSecondary)];
  const defaultIpv4: Iface = {};
  const defaultIpv6: Iface = {};
  if (route4) {
    if (route4.interface) defaultIpv4.interface = route4.interface;
    const addr = route4.address ?? chooseSourceV4(primary.get(route4.interface ?? '') ?? [], route4.gateway);
    if (addr) defaultIpv4.address = addr;
    if (route4.gateway) defaultIpv4.gateway = route4.gateway;
  }
  if (route6) {
    if (route6.interface) defaultIpv6.interface = route6.interface;
    const addr = route6.address ?? chooseSourceV6(primary.get(route6.interface ?? '') ?? []);
    if (addr) defaultIpv6.address = addr;
    if (route6.gateway) defaultIpv6.gateway = route6.gateway;
  }
  const all4: string[] = [];
  const all6: string[] = [];

  for (const [device, files] of sysfs) {
    const iface: Iface = { device };
    interfaces.set(device, iface);
    const mac = files.get('address');
    if (mac && mac !== '00:00:00:00:00:00') iface.macaddress = mac;
    if (files.has('mtu')) iface.mtu = Number(files.get('mtu'));
    if (files.has('operstate')) iface.active = files.get('operstate') !== 'down';
    const mod = links.get(`${device}/device/driver/module`);
    if (mod) iface.module = mod.split('/').pop();
    if (files.has('type')) iface.type = INTERFACE_TYPE[files.get('type') as string] ?? 'unknown';
    if (files.has('bridge/bridge_id') || files.has('bridge/stp_state')) {
      iface.type = 'bridge';
      iface.interfaces = brifOrder.get(device) ?? brif.get(device) ?? [];
      if (files.has('bridge/bridge_id')) iface.id = files.get('bridge/bridge_id');
      if (files.has('bridge/stp_state')) iface.stp = files.get('bridge/stp_state') === '1';
    }
    if (files.has('bonding/mode')) {
      iface.type = 'bonding';
      iface.slaves = (files.get('bonding/slaves') ?? '').split(/\s+/).filter(Boolean);
      iface.mode = (files.get('bonding/mode') ?? '').split(/\s+/)[0];
      iface.miimon = (files.get('bonding/miimon') ?? '').split(/\s+/)[0];
      iface.lacp_rate = (files.get('bonding/lacp_rate') ?? '').split(/\s+/)[0];
      const prim = files.get('bonding/primary');
      if (prim) {
        iface.primary = prim;
        if (files.has('bonding/all_slaves_active')) iface.all_slaves_active = files.get('bonding/all_slaves_active') === '1';
      }
    }
    if (files.has('bonding_slave/perm_hwaddr')) iface.perm_macaddress = files.get('bonding_slave/perm_hwaddr');
    const dev = links.get(`${device}/device`);
    if (dev) iface.pciid = dev.split('/').pop();
    if (files.has('speed')) iface.speed = Number(files.get('speed'));
    if (files.has('flags')) iface.promisc = (parseInt(files.get('flags') as string, 16) & 0x100) > 0;

    const parse = (lines: string[], isSecondary: boolean): void => {
      for (const line of lines) {
        const words = line.split(/\s+/);
        if (words[0] === 'inet') {
          let address: string;
          let prefix: string;
          let broadcast = '';
          if ((words[1] ?? '').includes('/')) {
            [address, prefix] = (words[1] as string).split('/') as [string, string];
            if (words.length > 3 && words[2] === 'brd') broadcast = words[3] as string;
          } else {
            address = words[1] as string;
            prefix = '32';
          }
          const entry = v4(address, prefix, broadcast);
          const label = words[words.length - 1] as string;
          if (label !== device) interfaces.set(label, {});
          const target = interfaces.get(label) as Iface;
          if (!isSecondary && !('ipv4' in target)) target.ipv4 = entry;
          else ((target.ipv4_secondaries ??= []) as V4[]).push({ ...entry });
          if (isSecondary) {
            const own = ((iface.ipv4_secondaries ??= []) as V4[]);
            if (label !== device) own.push({ ...entry });
          }
          if (defaultIpv4.address === address) {
            Object.assign(defaultIpv4, { broadcast, netmask: entry.netmask, network: entry.network, prefix, macaddress: mac ?? 'unknown', mtu: iface.mtu, type: iface.type ?? 'unknown', alias: label });
          }
          if (!address.startsWith('127.')) all4.push(address);
        } else if (words[0] === 'inet6') {
          let address: string;
          let prefix: string;
          let scope: string;
          if (words[2] === 'peer') {
            address = words[1] as string;
            prefix = ((words[3] ?? '').split('/')[1] ?? '') as string;
            scope = words[5] as string;
          } else {
            [address, prefix] = (words[1] as string).split('/') as [string, string];
            scope = words[3] as string;
          }
          ((iface.ipv6 ??= []) as unknown[]).push({ address, prefix, scope });
          if (defaultIpv6.address === address) {
            Object.assign(defaultIpv6, { prefix, scope, macaddress: mac ?? 'unknown', mtu: iface.mtu, type: iface.type ?? 'unknown' });
          }
          if (address !== '::1') all6.push(address);
        }
      }
    };
    parse(primary.get(device) ?? [], false);
    parse(secondary.get(device) ?? [], true);
  }

  const facts: Facts = {};
  const names: string[] = [];
  for (const [name, iface] of interfaces) {
    const key = name.replace(/:/g, '_');
    names.push(key);
    facts[key] = iface;
  }
  facts.interfaces = names;
  facts.default_ipv4 = defaultIpv4;
  facts.default_ipv6 = defaultIpv6;
  facts.all_ipv4_addresses = all4;
  facts.all_ipv6_addresses = all6;
  return facts;
}

/** The source address the kernel would pick: the first primary address whose subnet holds the gateway, else the first. */
function chooseSourceV4(lines: string[], gateway: string | undefined): string | undefined {
  const addrs = lines.filter((l) => l.startsWith('inet ')).map((l) => (l.split(/\s+/)[1] ?? '').split('/'));
  if (gateway) {
    for (const [addr = '', len = '32'] of addrs) {
      const e = v4(addr, len, '');
      if (e.network === v4(gateway, len, '').network) return addr;
    }
  }
  return addrs[0]?.[0];
}

/** The first global, usable IPv6 address of the device (what source selection prefers for an outside destination). */
function chooseSourceV6(lines: string[]): string | undefined {
  const cands = lines.filter((l) => l.startsWith('inet6 ') && /scope global/.test(l) && !/tentative|deprecated|dadfailed/.test(l));
  return cands[0]?.split(/\s+/)[1]?.split('/')[0];
}
