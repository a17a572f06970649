import type { Facts } from './distribution.js';

export interface PlatformInput {
  /** `uname -snrvm`: name, nodename, release, version (may hold spaces), machine */
  uname: string;
  /** `getconf LONG_BIT` */
  longBit?: string | undefined;
  /** /etc/hosts, to answer getfqdn() without asking DNS */
  hosts?: string | undefined;
  machineId?: string | undefined;
}

/** Splits `uname -snrvm`; the kernel version is everything between release and machine. */
export function parseUname(text: string): { system: string; nodename: string; kernel: string; kernelVersion: string; machine: string } {
  const t = text.trim().split(/\s+/);
  if (t.length < 5) return { system: t[0] ?? '', nodename: t[1] ?? '', kernel: t[2] ?? '', kernelVersion: '', machine: t[3] ?? '' };
  return { system: t[0] as string, nodename: t[1] as string, kernel: t[2] as string, kernelVersion: t.slice(3, -1).join(' '), machine: t[t.length - 1] as string };
}

/** Host entries of /etc/hosts: address, canonical name, aliases. */
function hostsEntries(text: string): { address: string; names: string[] }[] {
  const out: { address: string; names: string[] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [address, ...names] = line.split(/\s+/);
    if (address && names.length) out.push({ address, names });
  }
  return out;
}

/**
 * Python's socket.getfqdn() for the host's own name, answered from /etc/hosts only:
 * name -> address (first line naming it), address -> first line with that address, then the first
 * of its names with a dot, else its canonical name. Without an /etc/hosts entry, the name itself.
 */
export function fqdnFromHosts(nodename: string, hosts: string | undefined): string {
  const entries = hostsEntries(hosts ?? '');
  const byName = entries.find((e) => e.names.includes(nodename));
  if (!byName) return nodename;
  const byAddr = entries.find((e) => e.address === byName.address) ?? byName;
  return byAddr.names.find((n) => n.includes('.')) ?? (byAddr.names[0] as string);
}

/** system, kernel, kernel_version, machine, architecture, userspace_*, hostname, nodename, fqdn, domain, machine_id. */
export function platformFacts(input: PlatformInput): Facts {
  const { system, nodename, kernel, kernelVersion, machine } = parseUname(input.uname);
  const facts: Facts = { system, kernel, kernel_version: kernelVersion, machine };
  const fqdn = fqdnFromHosts(nodename, input.hosts);
  facts.fqdn = fqdn;
  facts.hostname = nodename.split('.')[0];
  facts.nodename = nodename;
  facts.domain = fqdn.split('.').slice(1).join('.');
  const bits = (input.longBit ?? '').trim() || (/64|s390x/.test(machine) ? '64' : '32');
  facts.userspace_bits = bits;
  if (machine === 'x86_64') {
    facts.architecture = machine;
    if (bits === '64') facts.userspace_architecture = 'x86_64';
    else if (bits === '32') facts.userspace_architecture = 'i386';
  } else if (/i([3456]86|86pc)/.test(machine)) {
    facts.architecture = 'i386';
    if (bits === '64') facts.userspace_architecture = 'x86_64';
    else if (bits === '32') facts.userspace_architecture = 'i386';
  } else {
    facts.architecture = machine;
  }
  const machineId = input.machineId?.split('\n')[0]?.trim();
  if (machineId) facts.machine_id = machineId;
  return facts;
}
