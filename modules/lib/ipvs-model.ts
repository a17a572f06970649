// The IPVS table as `ipvsadm -S -n` and `ipvsadm -L -n [--thresholds]` print it (ipvsadm.c 1.26, print_service_entry).

export type IpvsProtocol = 'tcp' | 'udp' | 'sctp' | 'fwmark';
export type IpvsForwarding = 'dr' | 'tunnel' | 'nat';

export interface IpvsDest {
  /** `rip:port` (`[v6]:port`), as `-n` prints it */
  address: string;
  forwarding: IpvsForwarding;
  weight: number;
  uThreshold: number;
  lThreshold: number;
}

export interface IpvsService {
  protocol: IpvsProtocol;
  /** `vip:port` (`[v6]:port`), or the fwmark number */
  address: string;
  scheduler: string;
  /** seconds, null when not persistent */
  persistent: number | null;
  /** persistence netmask when not the host mask, else null */
  netmask: string | null;
  schedFlags: string[];
  ops: boolean;
  pe: string | null;
  dests: IpvsDest[];
}

export const PROTOCOL_FLAG: Record<IpvsProtocol, string> = { tcp: '-t', udp: '-u', sctp: '--sctp-service', fwmark: '-f' };
const FLAG_PROTOCOL: Record<string, IpvsProtocol> = { '-t': 'tcp', '--tcp-service': 'tcp', '-u': 'udp', '--udp-service': 'udp', '--sctp-service': 'sctp', '-f': 'fwmark', '--fwmark-service': 'fwmark' };
const LIST_PROTOCOL: Record<string, IpvsProtocol> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp', FWM: 'fwmark' };
export const FORWARD_FLAG: Record<IpvsForwarding, string> = { dr: '-g', tunnel: '-i', nat: '-m' };
const FLAG_FORWARD: Record<string, IpvsForwarding> = { '-g': 'dr', '--gatewaying': 'dr', '-i': 'tunnel', '--ipip': 'tunnel', '-m': 'nat', '--masquerading': 'nat' };
const LIST_FORWARD: Record<string, IpvsForwarding> = { Route: 'dr', Local: 'dr', Tunnel: 'tunnel', Masq: 'nat' };

/** The key ipvsadm itself uses to find a service: its protocol switch and address. */
export function serviceKey(s: { protocol: IpvsProtocol; address: string }): string {
  return `${PROTOCOL_FLAG[s.protocol]} ${s.address}`;
}

/** A host persistence mask (/32 or /128) is no mask at all: -S does not print it. */
export function normaliseNetmask(mask: string | null | undefined): string | null {
  if (mask === null || mask === undefined || mask === '' || mask === '255.255.255.255' || mask === '128') return null;
  return mask;
}

export class IpvsParseError extends Error {}

/** Parse `ipvsadm -S -n` (also what ipvsadm-save writes and -R reads): one rule per line. */
export function parseSave(text: string): IpvsService[] {
  const services = new Map<string, IpvsService>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/\s+/);
    const command = words[0];
    const protocol = FLAG_PROTOCOL[words[1] ?? ''];
    const address = words[2];
    if ((command !== '-A' && command !== '-a') || !protocol || address === undefined) throw new IpvsParseError(`line ${index + 1}: not an ipvsadm rule: ${line}`);
    const key = serviceKey({ protocol, address });
    if (command === '-A') {
      const service: IpvsService = { protocol, address, scheduler: 'wlc', persistent: null, netmask: null, schedFlags: [], ops: false, pe: null, dests: [] };
      for (let i = 3; i < words.length; i++) {
        const w = words[i];
        if (w === '-s' || w === '--scheduler') service.scheduler = words[++i] ?? 'wlc';
        else if (w === '-p' || w === '--persistent') {
          const next = words[i + 1];
          service.persistent = next !== undefined && /^\d+$/.test(next) ? Number(words[++i]) : 300;
        } else if (w === '-M' || w === '--netmask') service.netmask = normaliseNetmask(words[++i]);
        else if (w === '-b' || w === '--sched-flags') service.schedFlags = (words[++i] ?? '').split(',').filter(Boolean).sort();
        else if (w === 'ops' || w === '-o' || w === '--ops') service.ops = true;
        else if (w === 'pe' || w === '--pe') service.pe = words[++i] ?? null;
        else throw new IpvsParseError(`line ${index + 1}: unknown service option ${w}: ${line}`);
      }
      services.set(key, service);
      continue;
    }
    const service = services.get(key);
    if (!service) throw new IpvsParseError(`line ${index + 1}: real server before its service: ${line}`);
    const dest: IpvsDest = { address: '', forwarding: 'dr', weight: 1, uThreshold: 0, lThreshold: 0 };
    for (let i = 3; i < words.length; i++) {
      const w = words[i] ?? '';
      if (w === '-r' || w === '--real-server') dest.address = words[++i] ?? '';
      else if (FLAG_FORWARD[w]) dest.forwarding = FLAG_FORWARD[w];
      else if (w === '-w' || w === '--weight') dest.weight = Number(words[++i]);
      else if (w === '-x' || w === '--u-threshold') dest.uThreshold = Number(words[++i]);
      else if (w === '-y' || w === '--l-threshold') dest.lThreshold = Number(words[++i]);
      else throw new IpvsParseError(`line ${index + 1}: unknown real server option ${w}: ${line}`);
    }
    if (dest.address === '') throw new IpvsParseError(`line ${index + 1}: real server without -r: ${line}`);
    service.dests.push(dest);
  }
  return [...services.values()];
}

/** Parse `ipvsadm -L -n` (Forward/Weight columns) or `-L -n --thresholds` (Uthreshold/Lthreshold columns). */
export function parseList(text: string): IpvsService[] {
  const services: IpvsService[] = [];
  let thresholds = false;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('IP Virtual Server version') || line.trim() === '' ) continue;
    if (line.startsWith('Prot LocalAddress:Port')) {
      thresholds = line.includes('Uthreshold');
      continue;
    }
    if (/^\s+-> RemoteAddress:Port/.test(line)) continue;
    const destMatch = /^\s+->\s+(\S+)\s+(.*)$/.exec(line);
    if (destMatch) {
      const service = services[services.length - 1];
      if (!service) throw new IpvsParseError(`real server before its service: ${line}`);
      const cols = (destMatch[2] ?? '').trim().split(/\s+/);
      const dest: IpvsDest = { address: destMatch[1] ?? '', forwarding: 'dr', weight: 1, uThreshold: 0, lThreshold: 0 };
      if (thresholds) {
        dest.uThreshold = Number(cols[0]);
        dest.lThreshold = Number(cols[1]);
      } else {
        const forwarding = LIST_FORWARD[cols[0] ?? ''];
        if (!forwarding) throw new IpvsParseError(`unknown forwarding method ${cols[0]}: ${line}`);
        dest.forwarding = forwarding;
        dest.weight = Number(cols[1]);
      }
      service.dests.push(dest);
      continue;
    }
    const words = line.trim().split(/\s+/);
    const protocol = LIST_PROTOCOL[words[0] ?? ''];
    if (!protocol || words[1] === undefined) throw new IpvsParseError(`not an ipvsadm list line: ${line}`);
    const service: IpvsService = { protocol, address: words[1], scheduler: words[2] ?? 'wlc', persistent: null, netmask: null, schedFlags: [], ops: false, pe: null, dests: [] };
    for (let i = 3; i < words.length; i++) {
      const w = words[i] ?? '';
      if (w === 'persistent') service.persistent = Number(words[++i]);
      else if (w === 'mask') service.netmask = normaliseNetmask(words[++i]);
      else if (w === 'pe') service.pe = words[++i] ?? null;
      else if (w === 'ops') service.ops = true;
      else if (/^\(.*\)$/.test(w)) service.schedFlags = w.slice(1, -1).split(',').filter(Boolean).sort();
    }
    services.push(service);
  }
  return services;
}

/** -S does not carry thresholds (ipvsadm 1.26): take them from `-L -n --thresholds`. */
export function mergeThresholds(saved: IpvsService[], listed: IpvsService[]): IpvsService[] {
  const byKey = new Map(listed.map((s) => [serviceKey(s), s]));
  return saved.map((s) => {
    const other = byKey.get(serviceKey(s));
    return {
      ...s,
      dests: s.dests.map((d) => {
        const o = other?.dests.find((x) => x.address === d.address);
        return o && d.uThreshold === 0 && d.lThreshold === 0 ? { ...d, uThreshold: o.uThreshold, lThreshold: o.lThreshold } : { ...d };
      }),
    };
  });
}

/** The options of -A/-E after the service selector. */
export function serviceOptions(s: IpvsService): string[] {
  const out = ['-s', s.scheduler];
  if (s.persistent !== null) {
    out.push('-p', String(s.persistent));
    if (s.netmask !== null) out.push('-M', s.netmask);
  }
  if (s.schedFlags.length > 0) out.push('-b', s.schedFlags.join(','));
  if (s.ops) out.push('-o');
  return out;
}

/** The options of -a/-e after the service selector. */
export function destOptions(d: IpvsDest): string[] {
  const out = ['-r', d.address, FORWARD_FLAG[d.forwarding], '-w', String(d.weight)];
  if (d.uThreshold !== 0) out.push('-x', String(d.uThreshold));
  if (d.lThreshold !== 0) out.push('-y', String(d.lThreshold));
  return out;
}

/** The table in save format, sorted like ipvsadm-save prints it (thresholds only when asked: 1.26 never saves them). */
export function renderSave(services: IpvsService[], withThresholds = false): string {
  const lines: string[] = [];
  for (const s of [...services].sort((a, b) => compareKeys(serviceKey(a), serviceKey(b)))) {
    const selector = [PROTOCOL_FLAG[s.protocol], s.address];
    const opts = serviceOptions(s).map((w) => (w === '-o' ? 'ops' : w));
    lines.push(['-A', ...selector, ...opts, ...(s.pe ? ['pe', s.pe] : [])].join(' '));
    for (const d of [...s.dests].sort((a, b) => compareKeys(a.address, b.address))) {
      const opts2 = withThresholds ? destOptions(d) : destOptions({ ...d, uThreshold: 0, lThreshold: 0 });
      lines.push(['-a', ...selector, ...opts2].join(' '));
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The registered `services` value: the table in the module's own argument names. */
export function servicesResult(services: IpvsService[]): Record<string, unknown>[] {
  return services.map((s) => {
    const { host, port } = splitAddress(s.address, s.protocol);
    return {
      protocol: s.protocol,
      vip: host,
      port,
      scheduler: s.scheduler,
      persistent: s.persistent ?? 0,
      netmask: s.netmask,
      sched_flags: s.schedFlags,
      ops: s.ops,
      real_servers: s.dests.map((d) => {
        const rs = splitAddress(d.address, 'tcp');
        return { address: rs.host, port: rs.port, forwarding: d.forwarding, weight: d.weight, u_threshold: d.uThreshold, l_threshold: d.lThreshold };
      }),
    };
  });
}

/** `10.0.0.1:80` / `[2001:db8::1]:80` → host and port; a fwmark is all host. */
export function splitAddress(address: string, protocol: IpvsProtocol): { host: string; port: number | null } {
  if (protocol === 'fwmark') return { host: address, port: null };
  const m = /^\[(.*)\]:(\d+)$/.exec(address) ?? /^([^:]*):(\d+)$/.exec(address);
  return m ? { host: m[1] ?? '', port: Number(m[2]) } : { host: address, port: null };
}
