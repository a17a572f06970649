import type { Facts } from './distribution.js';

const MEM_ORIGINAL = new Set(['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree']);
const MEM_ALL = new Set([...MEM_ORIGINAL, 'Buffers', 'Cached', 'SwapCached']);

/** memtotal_mb, memfree_mb, swaptotal_mb, swapfree_mb and memory_mb, from /proc/meminfo (kB // 1024, as Ansible rounds). */
export function memoryFacts(meminfo: string | undefined): Facts {
  if (meminfo === undefined) return {};
  const facts: Facts = {};
  const s: Record<string, number | undefined> = {};
  for (const line of meminfo.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    const mb = Math.floor(parseInt(line.slice(colon + 1).trim().split(' ')[0] ?? '', 10) / 1024);
    if (MEM_ORIGINAL.has(key)) facts[`${key.toLowerCase()}_mb`] = mb;
    if (MEM_ALL.has(key)) s[key.toLowerCase()] = mb;
  }
  const sub = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a - b);
  const nocacheFree = s.cached === undefined || s.memfree === undefined || s.buffers === undefined ? undefined : s.cached + s.memfree + s.buffers;
  const n = (v: number | undefined): number | null => v ?? null;
  facts.memory_mb = {
    real: { total: n(s.memtotal), used: n(sub(s.memtotal, s.memfree)), free: n(s.memfree) },
    nocache: { free: n(nocacheFree), used: n(sub(s.memtotal, nocacheFree)) },
    swap: { total: n(s.swaptotal), free: n(s.swapfree), used: n(sub(s.swaptotal, s.swapfree)), cached: n(s.swapcached) },
  };
  return facts;
}

export interface CpuInput {
  cpuinfo: string | undefined;
  architecture: string;
  /** /proc/xen exists or /sys/hypervisor/type says xen */
  xen: boolean;
  nproc?: string | undefined;
}

/** processor list and processor_count/cores/threads_per_core/vcpus/nproc, replaying LinuxHardware.get_cpu_facts (quirks included). */
export function cpuFacts(input: CpuInput): Facts {
  if (input.cpuinfo === undefined) return {};
  const facts: Facts = { processor: [] };
  const processor = facts.processor as string[];
  let i = 0;
  let vendorIds = 0;
  let modelNames = 0;
  let processors = 0;
  let physid = '0';
  let coreid = '0';
  const sockets = new Map<string, number>();
  const cores = new Map<string, number>();
  let xenParavirt = false;
  for (const line of input.cpuinfo.split('\n')) {
    const colon = line.indexOf(':');
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    const val = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (input.xen && key === 'flags' && !val.includes('vme')) xenParavirt = true;
    if (['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'].includes(key)) {
      processor.push(val);
      if (key === 'vendor_id') vendorIds++;
      if (key === 'model name') modelNames++;
      if (key === 'processor') processors++;
      i++;
    } else if (key === 'physical id') {
      physid = val;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = val;
      // Ansible checks `coreid not in sockets` here (sic); kept so counts match
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') {
      sockets.set(physid, parseInt(val, 10));
    } else if (key === 'siblings') {
      cores.set(coreid, parseInt(val, 10));
    } else if (key === '# processors') {
      facts.processor_cores = parseInt(val, 10);
    } else if (key === 'ncpus active') {
      i = parseInt(val, 10);
    }
  }
  if (vendorIds > 0 && vendorIds === modelNames) i = vendorIds;
  if (/^(armv|aarch|ppc)/.test(input.architecture)) i = processors;
  if (input.architecture === 's390x') return facts;
  if (xenParavirt) {
    Object.assign(facts, { processor_count: i, processor_cores: i, processor_threads_per_core: 1, processor_vcpus: i });
    return facts;
  }
  facts.processor_count = sockets.size ? sockets.size : i;
  const firstSocket = [...sockets.values()][0];
  const coresPerSocket = firstSocket ? firstSocket : 1;
  facts.processor_cores = coresPerSocket;
  const firstCore = [...cores.values()][0];
  facts.processor_threads_per_core = Math.floor((firstCore ?? 1) / coresPerSocket);
  facts.processor_vcpus = (facts.processor_threads_per_core as number) * (facts.processor_count as number) * coresPerSocket;
  const nproc = countNproc(input.nproc);
  facts.processor_nproc = Number.isNaN(nproc) ? processors : nproc;
  return facts;
}

export interface MountsInput {
  mtab: string;
  /** `findmnt --list --noheadings --notruncate`, to mark bind mounts */
  findmnt?: string | undefined;
  /** `lsblk --list --noheadings --paths --output NAME,UUID` */
  lsblk?: string | undefined;
  /** `stat -f -c '%S %s %b %a %c %d %n'` for each mount point */
  statfs?: string | undefined;
}

const unescapeOctal = (s: string): string => s.replace(/\\[0-7]{3}/g, (m) => String.fromCharCode(parseInt(m.slice(1), 8)));

/** mounts [{mount, device, fstype, options, size_*, block_*, inode_*, uuid}], as LinuxHardware.get_mount_facts lists them. */
export function mountFacts(input: MountsInput): Facts {
  const bind = new Set<string>();
  for (const line of (input.findmnt ?? '').split('\n')) {
    const fields = line.split(/\s+/);
    if (fields.length >= 2 && /^.*\]/.test(fields[1] as string)) bind.add(fields[0] as string);
  }
  const uuids = new Map<string, string>();
  for (const line of (input.lsblk ?? '').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue;
    const uuid = fields.pop() as string;
    const dev = fields.join(' ');
    if (!uuids.has(dev)) uuids.set(dev, uuid);
  }
  const sizes = new Map<string, Facts>();
  for (const line of (input.statfs ?? '').split('\n')) {
    const m = /^(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [frsize, bsize, blocks, bavail, files, ffree] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    sizes.set(m[7] as string, {
      size_total: frsize * blocks,
      size_available: frsize * bavail,
      block_size: bsize,
      block_total: blocks,
      block_available: bavail,
      block_used: blocks - bavail,
      inode_total: files,
      inode_available: ffree,
      inode_used: files - ffree,
    });
  }
  const mounts: Facts[] = [];
  for (const line of input.mtab.split('\n')) {
    const fields = line.split(/\s+/).filter(Boolean);
    if (fields.length < 4) continue;
    const [device, mount, fstype, options] = fields.slice(0, 4).map(unescapeOctal) as [string, string, string, string];
    if ((!device.startsWith('/') && !device.startsWith('\\') && !device.includes(':/')) || fstype === 'none') continue;
    const info: Facts = { mount, device, fstype, options };
    if (bind.has(mount) && !/.*bind.*"/.test(options)) info.options = `${options},bind`;
    Object.assign(info, sizes.get(mount) ?? {});
    info.uuid = uuids.get(device) || 'N/A';
    mounts.push(info);
  }
  // a mount point mounted twice is listed once, as Ansible's dict keyed by mount point does
  const byMount = new Map<string, Facts>();
  for (const m of mounts) byMount.set(m.mount as string, m);
  return { mounts: [...byMount.values()] };
}

const FORM_FACTOR = ['Unknown', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'Laptop', 'Notebook', 'Hand Held', 'Docking Station', 'All In One', 'Sub Notebook', 'Space-saving', 'Lunch Box', 'Main Server Chassis', 'Expansion Chassis', 'Sub Chassis', 'Bus Expansion Chassis', 'Peripheral Chassis', 'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system', 'CompactPCI', 'AdvancedTCA', 'Blade', 'Blade Enclosure', 'Tablet', 'Convertible', 'Detachable', 'IoT Gateway', 'Embedded PC', 'Mini PC', 'Stick PC'];
const DMI_FACTS: [string, string][] = [
  ['bios_date', 'bios_date'],
  ['bios_vendor', 'bios_vendor'],
  ['bios_version', 'bios_version'],
  ['board_asset_tag', 'board_asset_tag'],
  ['board_name', 'board_name'],
  ['board_serial', 'board_serial'],
  ['board_vendor', 'board_vendor'],
  ['board_version', 'board_version'],
  ['chassis_asset_tag', 'chassis_asset_tag'],
  ['chassis_serial', 'chassis_serial'],
  ['chassis_vendor', 'chassis_vendor'],
  ['chassis_version', 'chassis_version'],
  ['form_factor', 'chassis_type'],
  ['product_name', 'product_name'],
  ['product_serial', 'product_serial'],
  ['product_uuid', 'product_uuid'],
  ['product_version', 'product_version'],
  ['system_vendor', 'sys_vendor'],
];

/** Parses the `dmi` section (`key=value` from /sys/devices/virtual/dmi/id) into a map. */
export function parseDmi(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (text ?? '').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  return out;
}

/** bios_*, board_*, chassis_*, form_factor, product_*, system_vendor; 'NA' where unreadable (no dmidecode fallback). */
export function dmiFacts(dmi: Map<string, string>): Facts {
  const facts: Facts = {};
  for (const [key, file] of DMI_FACTS) {
    const value = dmi.get(file);
    if (value === undefined) facts[key] = 'NA';
    else if (key === 'form_factor') facts[key] = FORM_FACTOR[parseInt(value, 10)] ?? `unknown (${value})`;
    else facts[key] = value;
  }
  return facts;
}

/** uptime_seconds from /proc/uptime. */
export function uptimeFacts(uptime: string | undefined): Facts {
  const first = uptime?.trim().split(' ')[0];
  return first ? { uptime_seconds: Math.trunc(parseFloat(first)) } : {};
}

/** lvm {vgs, lvs, pvs} from `vgs/lvs/pvs --noheadings --nosuffix --units g --separator ,`; 'N/A' when not root or no LVM tools. */
export function lvmFacts(vgs: string | undefined, lvs: string | undefined, pvs: string | undefined): Facts {
  if (vgs === undefined) return { lvm: 'N/A' };
  const rows = (text: string | undefined): string[][] => (text ?? '').split('\n').filter((l) => l.trim()).map((l) => l.trim().split(','));
  const vg: Record<string, unknown> = {};
  for (const r of rows(vgs)) vg[r[0] as string] = { size_g: r[r.length - 2], free_g: r[r.length - 1], num_lvs: r[2], num_pvs: r[1] };
  const lv: Record<string, unknown> = {};
  for (const r of rows(lvs)) lv[r[0] as string] = { size_g: r[3], vg: r[1] };
  const pv: Record<string, unknown> = {};
  for (const r of rows(pvs)) pv[r[0] as string] = { size_g: r[4], free_g: r[5], vg: r[1] };
  return { lvm: { lvs: lv, vgs: vg, pvs: pv } };
}

/** `nproc`'s number, or the CPUs in the affinity list the script read (`@cpus 0-3,8`); NaN when neither came. */
export function countNproc(raw: string | undefined): number {
  const text = (raw ?? '').trim();
  if (!text.startsWith('@cpus ')) return parseInt(text, 10);
  let count = 0;
  for (const range of text.slice(6).split(',')) {
    const [from, to = from] = range.split('-').map(Number) as [number, number?];
    if (Number.isNaN(from) || Number.isNaN(to)) return NaN;
    count += to - from + 1;
  }
  return count;
}
