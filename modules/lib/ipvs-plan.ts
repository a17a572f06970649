// What the ipvsadm module wants, and the fewest -A/-E/-D/-a/-e/-d commands that take the table there.
import { type IpvsDest, type IpvsForwarding, type IpvsProtocol, type IpvsService, destOptions, normaliseNetmask, PROTOCOL_FLAG, serviceKey, serviceOptions, splitAddress } from './ipvs-model.js';

export interface IpvsRealServerArgs {
  address: string;
  port?: number;
  forwarding?: string;
  weight?: number;
  u_threshold?: number;
  l_threshold?: number;
  state?: 'present' | 'absent';
}

export interface IpvsServiceArgs {
  protocol?: IpvsProtocol;
  vip?: string | number;
  service_address?: string;
  port?: number;
  scheduler?: string;
  persistent?: number | boolean;
  netmask?: string | number;
  sched_flags?: string[];
  ops?: boolean;
  real_servers?: IpvsRealServerArgs[];
  purge?: boolean;
  state?: 'present' | 'absent';
}

export interface IpvsadmArgs extends Omit<IpvsServiceArgs, 'state'> {
  real_server?: string;
  real_port?: number;
  forwarding?: string;
  weight?: number;
  u_threshold?: number;
  l_threshold?: number;
  state?: 'present' | 'absent' | 'flushed';
  rules?: IpvsServiceArgs[];
  save?: boolean;
  save_file?: string;
  ipvsadm_path?: string;
}

const FORWARDING: Record<string, IpvsForwarding> = {
  dr: 'dr', gate: 'dr', gatewaying: 'dr', direct: 'dr', route: 'dr',
  tunnel: 'tunnel', ipip: 'tunnel',
  nat: 'nat', masq: 'nat', masquerading: 'nat',
};
export const FORWARDING_NAMES = Object.keys(FORWARDING);

/** A service the task declares; options and dests it does not declare are left alone. */
interface Wanted {
  service: IpvsService;
  state: 'present' | 'absent';
  /** real_server mode: the service's options are only enforced when the task gives one */
  enforceOptions: boolean;
  dests: { dest: IpvsDest; state: 'present' | 'absent' }[];
  purgeDests: boolean;
  /** removing a real server never creates its service */
  onlyIfPresent?: boolean;
}

export class IpvsArgsError extends Error {}

/** `10.0.0.1` + 80, `10.0.0.1:80`, `2001:db8::1` + 80 → the address ipvsadm -n prints. */
function joinAddress(host: string, port: number | undefined, what: string): string {
  if (/^\[.*\]:\d+$/.test(host) || /^[^:]+:\d+$/.test(host)) return host;
  if (port === undefined) throw new IpvsArgsError(`${what} ${host} needs a port (give port, or ${what} as ADDRESS:PORT)`);
  return host.includes(':') ? `[${host.replace(/^\[|\]$/g, '')}]:${port}` : `${host}:${port}`;
}

function forwardingOf(name: string | undefined): IpvsForwarding {
  if (name === undefined) return 'dr';
  const f = FORWARDING[name];
  if (!f) throw new IpvsArgsError(`value of forwarding must be one of: ${FORWARDING_NAMES.join(', ')}, got: ${name}`);
  return f;
}

function serviceOf(a: Omit<IpvsServiceArgs, 'state'>): IpvsService {
  const protocol = a.protocol ?? 'tcp';
  const vip = a.vip ?? a.service_address;
  if (vip === undefined || vip === '') throw new IpvsArgsError('missing required arguments: vip');
  let address: string;
  if (protocol === 'fwmark') {
    if (!/^\d+$/.test(String(vip))) throw new IpvsArgsError(`vip must be the firewall mark (an integer) when protocol is fwmark, got: ${vip}`);
    address = String(Number(vip));
  } else address = joinAddress(String(vip), a.port, 'vip');
  const persistent = a.persistent === true ? 300 : a.persistent === false || a.persistent === undefined || a.persistent === 0 ? null : a.persistent;
  const netmask = a.netmask === undefined ? null : normaliseNetmask(String(a.netmask));
  if (netmask !== null && persistent === null) throw new IpvsArgsError('netmask needs persistent (ipvsadm: -M is only valid with -p)');
  return { protocol, address, scheduler: a.scheduler ?? 'wlc', persistent, netmask, schedFlags: [...(a.sched_flags ?? [])].sort(), ops: a.ops ?? false, pe: null, dests: [] };
}

/** ipvsadm forces a DR/tunnel real server onto the service's port (a fwmark service: port 0 unless given). */
function destOf(service: IpvsService, r: { address: string; port?: number; forwarding?: string; weight?: number; u_threshold?: number; l_threshold?: number }): IpvsDest {
  const forwarding = forwardingOf(r.forwarding);
  const vport = splitAddress(service.address, service.protocol).port;
  const given = splitAddress(r.address, 'tcp');
  const host = given.port === null ? r.address : given.host;
  const port = forwarding !== 'nat' && vport !== null ? vport : (given.port ?? r.port ?? vport ?? 0);
  const weight = r.weight ?? 1;
  if (weight < 0 || weight > 65535) throw new IpvsArgsError(`weight must be 0..65535, got: ${weight}`);
  return { address: joinAddress(host, port, 'real server'), forwarding, weight, uThreshold: r.u_threshold ?? 0, lThreshold: r.l_threshold ?? 0 };
}

/** The task's arguments as the services it declares (flushed: none; see flush). */
export function wantedOf(args: IpvsadmArgs): { flush: boolean; purgeServices: boolean; wanted: Wanted[] } {
  if (args.state === 'flushed') return { flush: true, purgeServices: false, wanted: [] };
  if (args.rules !== undefined) {
    if (args.vip !== undefined || args.service_address !== undefined) throw new IpvsArgsError('parameters are mutually exclusive: rules|vip');
    const wanted = args.rules.map((r) => serviceWanted(r, r.state ?? 'present', r.purge ?? args.purge ?? false));
    return { flush: false, purgeServices: args.purge ?? false, wanted };
  }
  if (args.vip === undefined && args.service_address === undefined) throw new IpvsArgsError('one of the following is required: vip, rules');
  const state = args.state ?? 'present';
  if (args.real_server === undefined) return { flush: false, purgeServices: false, wanted: [serviceWanted(args, state, args.purge ?? false)] };
  if (args.real_servers !== undefined) throw new IpvsArgsError('parameters are mutually exclusive: real_server|real_servers');
  const service = serviceOf(args);
  const enforceOptions = ['scheduler', 'persistent', 'netmask', 'sched_flags', 'ops'].some((k) => (args as Record<string, unknown>)[k] !== undefined);
  const dest = destOf(service, { address: args.real_server, port: args.real_port, forwarding: args.forwarding, weight: args.weight, u_threshold: args.u_threshold, l_threshold: args.l_threshold });
  return { flush: false, purgeServices: false, wanted: [{ service, state: 'present', enforceOptions, dests: [{ dest, state }], purgeDests: false, onlyIfPresent: state === 'absent' }] };
}

function serviceWanted(a: Omit<IpvsServiceArgs, 'state'>, state: 'present' | 'absent', purgeDests: boolean): Wanted {
  const service = serviceOf(a);
  const dests = (a.real_servers ?? []).map((r) => ({ dest: destOf(service, r), state: r.state ?? 'present' }));
  return { service, state, enforceOptions: true, dests, purgeDests };
}

const sameOptions = (a: IpvsService, b: IpvsService) => serviceOptions(a).join(' ') === serviceOptions(b).join(' ');
const sameDest = (a: IpvsDest, b: IpvsDest) => destOptions(a).join(' ') === destOptions(b).join(' ');

export interface IpvsChange {
  /** argv after the ipvsadm binary, in order */
  commands: string[][];
  /** the table once they have run */
  after: IpvsService[];
}

/** Compare the live table with the task, issue only what differs, and predict the result. */
export function changesFor(current: IpvsService[], args: IpvsadmArgs): IpvsChange {
  const { flush, purgeServices, wanted } = wantedOf(args);
  const table = new Map(current.map((s) => [serviceKey(s), { ...s, dests: s.dests.map((d) => ({ ...d })) }]));
  const commands: string[][] = [];
  if (flush) return { commands: table.size > 0 ? [['-C']] : [], after: [] };
  const declared = new Set(wanted.map((w) => serviceKey(w.service)));
  if (purgeServices) {
    for (const [key, s] of table) {
      if (declared.has(key)) continue;
      commands.push(['-D', PROTOCOL_FLAG[s.protocol], s.address]);
      table.delete(key);
    }
  }
  for (const w of wanted) {
    const key = serviceKey(w.service);
    const selector = [PROTOCOL_FLAG[w.service.protocol], w.service.address];
    const have = table.get(key);
    if (w.state === 'absent') {
      if (have) {
        commands.push(['-D', ...selector]);
        table.delete(key);
      }
      continue;
    }
    let live: IpvsService;
    if (!have && w.onlyIfPresent) continue;
    if (!have) {
      live = { ...w.service, dests: [] };
      commands.push(['-A', ...selector, ...serviceOptions(live)]);
      table.set(key, live);
    } else {
      live = have;
      if (w.enforceOptions && !sameOptions(have, w.service)) {
        commands.push(['-E', ...selector, ...serviceOptions(w.service)]);
        Object.assign(live, { scheduler: w.service.scheduler, persistent: w.service.persistent, netmask: w.service.netmask, schedFlags: w.service.schedFlags, ops: w.service.ops });
      }
    }
    if (w.purgeDests) {
      const keep = new Set(w.dests.filter((d) => d.state === 'present').map((d) => d.dest.address));
      for (const d of [...live.dests]) {
        if (keep.has(d.address)) continue;
        commands.push(['-d', ...selector, '-r', d.address]);
        live.dests = live.dests.filter((x) => x !== d);
      }
    }
    for (const { dest, state } of w.dests) {
      const existing = live.dests.find((d) => d.address === dest.address);
      if (state === 'absent') {
        if (existing) {
          commands.push(['-d', ...selector, '-r', dest.address]);
          live.dests = live.dests.filter((d) => d !== existing);
        }
      } else if (!existing) {
        commands.push(['-a', ...selector, ...destOptions(dest)]);
        live.dests.push({ ...dest });
      } else if (!sameDest(existing, dest)) {
        commands.push(['-e', ...selector, ...destOptions(dest)]);
        Object.assign(existing, dest);
      }
    }
  }
  return { commands, after: [...table.values()] };
}
