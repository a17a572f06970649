import type { Facts } from './distribution.js';

/** The script lines for block devices: listings, links and sysfs values, a handful of processes for all devices. */
export const DEVICES_SNIPPET = [
  // directory listings by the shell's own globbing, in `ls -1 DIR...` shape (a `dir:` header, then the names)
  's blockdirs; for d in /sys/block/*/; do [ -d "$d" ] || continue; echo; echo "$d:"; for f in "$d"*; do { [ -e "$f" ] || [ -L "$f" ]; } && echo "${f##*/}"; done; done',
  "s blockdata; cd /sys/block 2>/dev/null && grep -s -H '' */device/vendor */device/model */device/sas_address */device/sas_device_handle */device/serial */removable */queue/discard_granularity */queue/rotational */queue/scheduler */size */queue/logical_block_size */queue/hw_sector_size */*/start */*/size dm-*/dm/name; cd /",
  's blockrel; for f in /sys/block/*/holders/* /sys/block/*/*/holders/* /sys/block/*/slaves/*; do { [ -e "$f" ] || [ -L "$f" ]; } && echo "$f"; done',
  // every link directory in one `ls -l` (/dev/null makes it print a `dir:` header before each); /sys/block/ last
  's disklinks; ls -l /dev/null /dev/disk/by-id /dev/disk/by-uuid /dev/disk/by-label /sys/block/ 2>/dev/null',
  'has lspci && { s lspci; lspci -D 2>/dev/null; }',
];

export interface DevicesInput {
  /** `ls -1 /sys/block/*\/`: `/sys/block/vda/:` headers, then entries */
  dirs: string;
  /** `grep -H ''` of sysfs values, relative to /sys/block (`vda/size:209715200`) */
  data: string;
  /** holders/* and slaves/* paths */
  rel: string;
  /** `ls -l` of /dev/disk/by-{id,uuid,label}, and of /sys/block/ (where each device sits, for the PCI address) */
  diskLinks: string;
  /** `ls -l /sys/block/` on its own, as scripts before the one `ls -l` printed it */
  blockLinks?: string | undefined;
  lspci?: string | undefined;
}

const SIZE_RANGES: [string, number][] = [
  ['Y', 2 ** 80],
  ['Z', 2 ** 70],
  ['E', 2 ** 60],
  ['P', 2 ** 50],
  ['T', 2 ** 40],
  ['G', 2 ** 30],
  ['M', 2 ** 20],
  ['K', 2 ** 10],
  ['B', 1],
];

/** Ansible's bytes_to_human: `20.00 GB`, `512.00 KB`, `0.00 Bytes`. */
export function bytesToHuman(size: number): string {
  let [suffix, limit] = SIZE_RANGES[SIZE_RANGES.length - 1] as [string, number];
  for (const [s, l] of SIZE_RANGES) {
    if (size >= l) {
      [suffix, limit] = [s, l];
      break;
    }
  }
  return `${(size / limit).toFixed(2)} ${limit !== 1 ? `${suffix}B` : 'Bytes'}`;
}

/** `ls -l` lines of link directories -> {dir: {link name: target basename}}. */
function parseLs(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let dir = '';
  for (const line of text.split('\n')) {
    const header = /^(\/\S+):$/.exec(line);
    if (header) {
      dir = header[1] as string;
      continue;
    }
    const m = /\s(\S+) -> (\S+)$/.exec(line);
    if (!m) continue;
    if (!out.has(dir)) out.set(dir, new Map());
    out.get(dir)?.set(m[1] as string, m[2] as string);
  }
  return out;
}

/** devices and device_links, as LinuxHardware.get_device_facts builds them (sysfs serials; no sg_inq). */
export function deviceFacts(input: DevicesInput): Facts {
  const dirs = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of input.dirs.split('\n')) {
    const header = /^\/sys\/block\/([^/]+)\/:$/.exec(line);
    if (header) dirs.set(header[1] as string, (current = []));
    else if (line.trim() && current) current.push(line.trim());
  }
  const values = new Map<string, string>();
  for (const line of input.data.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(colon + 1).trim() !== '') values.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const get = (path: string): string | null => values.get(path) ?? null;

  const ls = parseLs(input.diskLinks);
  const linkMap = (dir: string): Record<string, string[]> => {
    const byTarget: Record<string, string[]> = {};
    for (const [entry, target] of ls.get(dir) ?? []) (byTarget[target.split('/').pop() as string] ??= []).push(entry);
    for (const k of Object.keys(byTarget)) byTarget[k]?.sort();
    return byTarget;
  };
  const masters: Record<string, string[]> = {};
  const holders = new Map<string, string[]>();
  for (const path of input.rel.split('\n').filter(Boolean)) {
    const parts = path.split('/');
    const slave = /^\/sys\/block\/([^/]+)\/slaves\/([^/]+)$/.exec(path);
    if (slave) (masters[slave[2] as string] ??= []).push(slave[1] as string);
    else if (parts.includes('holders')) {
      const owner = parts.slice(0, parts.indexOf('holders')).join('/');
      holders.set(owner, [...(holders.get(owner) ?? []), parts[parts.length - 1] as string]);
    }
  }
  for (const k of Object.keys(masters)) masters[k]?.sort();
  const links = { ids: linkMap('/dev/disk/by-id'), uuids: linkMap('/dev/disk/by-uuid'), labels: linkMap('/dev/disk/by-label'), masters };
  const wwn = new Map<string, string>();
  for (const [entry, target] of ls.get('/dev/disk/by-id') ?? []) if (entry.startsWith('wwn-')) wwn.set(target.split('/').pop() as string, entry.slice(4));
  const uuidOf = new Map<string, string>();
  for (const [entry, target] of ls.get('/dev/disk/by-uuid') ?? []) if (!uuidOf.has(target.split('/').pop() as string)) uuidOf.set(target.split('/').pop() as string, entry);
  const sysLinks = ls.get('/sys/block/') ?? parseLs(`/sys/block:\n${input.blockLinks ?? ''}`).get('/sys/block') ?? new Map<string, string>();
  const linksOf = (name: string): Record<string, string[]> => Object.fromEntries(Object.entries(links).map(([type, map]) => [type, map[name] ?? []]));
  const holdersOf = (sysdir: string): string[] => (holders.get(sysdir) ?? []).filter((h) => h.startsWith('dm-')).map((h) => get(`${h}/dm/name`) ?? h);

  const devices: Record<string, unknown> = {};
  for (const [disk, entries] of dirs) {
    const d: Record<string, unknown> = { virtual: 1, links: linksOf(disk) };
    for (const key of ['vendor', 'model', 'sas_address', 'sas_device_handle']) d[key] = get(`${disk}/device/${key}`);
    const serial = get(`${disk}/device/serial`);
    if (serial) d.serial = serial;
    d.removable = get(`${disk}/removable`);
    d.support_discard = get(`${disk}/queue/discard_granularity`);
    if (wwn.has(disk)) d.wwn = wwn.get(disk);
    const partitions: Record<string, unknown> = {};
    const partRe = new RegExp(`(${disk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[p]?\\d+)`);
    for (const folder of entries) {
      const m = partRe.exec(folder);
      if (!m) continue;
      const part = m[1] as string;
      const sectors = get(`${disk}/${part}/size`) ?? 0;
      partitions[part] = {
        links: linksOf(part),
        start: get(`${disk}/${part}/start`) ?? 0,
        sectors,
        sectorsize: get(`${disk}/${part}/queue/logical_block_size`) ?? get(`${disk}/${part}/queue/hw_sector_size`) ?? 512,
        size: bytesToHuman(Number(sectors) * 512),
        uuid: uuidOf.get(part) ?? null,
        holders: holdersOf(`/sys/block/${disk}/${part}`),
      };
    }
    d.partitions = partitions;
    d.rotational = get(`${disk}/queue/rotational`);
    const scheduler = get(`${disk}/queue/scheduler`);
    d.scheduler_mode = scheduler !== null ? (/^.*?(\[(.*)\])/.exec(scheduler)?.[2] ?? '') : '';
    d.sectors = get(`${disk}/size`) || 0;
    d.sectorsize = get(`${disk}/queue/logical_block_size`) ?? get(`${disk}/queue/hw_sector_size`) ?? 512;
    d.size = bytesToHuman(Number(d.sectors) * 512);
    d.host = '';
    const pci = /.+\/([a-f0-9]{4}:[a-f0-9]{2}:[0|1][a-f0-9]\.[0-7])\//.exec(`/sys/block/${sysLinks.get(disk) ?? disk}`);
    if (pci && input.lspci) {
      const line = input.lspci.split('\n').find((l) => l.startsWith(`${pci[1] as string} `));
      if (line) d.host = line.slice((pci[1] as string).length + 1);
    }
    d.holders = holdersOf(`/sys/block/${disk}`);
    devices[disk] = d;
  }
  return { devices, device_links: links };
}
