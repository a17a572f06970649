import { shellQuote } from '../connection/shell-quote.js';
import { DEVICES_SNIPPET } from './devices.js';
import { localFactsSnippet } from './local-facts.js';
import type { CollectorName } from './subset.js';

/**
 * The remote half of fact gathering: one `sh` script that prints, per concern, the raw text the parsers
 * need, each part behind a marker line. It only reads local files and runs local tools; every probe
 * tolerates a missing tool, and nothing in it sends a packet or asks a DNS server.
 */

/** Files whose presence (and content) the distribution parser reads, in Ansible's search order. */
export const DISTRIBUTION_FILES = [
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/altlinux-release',
  '/etc/oracle-release',
  '/etc/slackware-version',
  '/etc/centos-release',
  '/etc/redhat-release',
  '/etc/vmware-release',
  '/etc/openwrt_release',
  '/etc/system-release',
  '/etc/alpine-release',
  '/etc/arch-release',
  '/etc/SuSE-release',
  '/etc/gentoo-release',
  '/etc/lsb-release',
  '/etc/sourcemage-release',
  '/etc/coreos/update.conf',
  '/etc/debian_version',
  '/etc/fedora-release',
  '/etc/rocky-release',
  '/etc/almalinux-release',
];

/** Package manager binaries, as Ansible's pkg_mgr.py lists them (Linux ones). */
export const PKG_MGR_PATHS = [
  '/usr/bin/rpm-ostree',
  '/usr/bin/yum',
  '/usr/bin/dnf',
  '/usr/bin/apt-get',
  '/usr/bin/zypper',
  '/usr/sbin/urpmi',
  '/usr/bin/pacman',
  '/bin/opkg',
  '/usr/pkg/bin/pkgin',
  '/opt/local/bin/pkgin',
  '/opt/tools/bin/pkgin',
  '/opt/local/bin/port',
  '/usr/local/bin/brew',
  '/opt/homebrew/bin/brew',
  '/sbin/apk',
  '/usr/sbin/pkg',
  '/usr/sbin/swlist',
  '/usr/bin/emerge',
  '/usr/sbin/pkgadd',
  '/usr/bin/pkg',
  '/usr/bin/xbps-install',
  '/usr/local/sbin/pkg',
  '/usr/bin/swupd',
  '/usr/sbin/sorcery',
  '/usr/bin/installp',
  '/run/ostree-booted',
  '/usr/bin/rpm',
];

const SERVICE_MGR_PATHS = [
  '/run/systemd/system/',
  '/dev/.run/systemd/',
  '/dev/.systemd/',
  '/etc/init/',
  '/sbin/openrc',
  '/etc/init.d/',
];

const VIRTUAL_PATHS = ['/proc/vz', '/proc/lve', '/proc/bc', '/.dockerenv', '/.dockerinit', '/proc/xen', '/rhev/', '/dev/kvm'];

export const DMI_KEYS = [
  'bios_date',
  'bios_vendor',
  'bios_version',
  'board_asset_tag',
  'board_name',
  'board_serial',
  'board_vendor',
  'board_version',
  'chassis_asset_tag',
  'chassis_serial',
  'chassis_vendor',
  'chassis_version',
  'chassis_type',
  'product_name',
  'product_serial',
  'product_uuid',
  'product_version',
  'sys_vendor',
  'product_family',
];

const NET_FILES = [
  'address',
  'mtu',
  'operstate',
  'type',
  'flags',
  'speed',
  'bridge/bridge_id',
  'bridge/stp_state',
  'bonding/slaves',
  'bonding/mode',
  'bonding/miimon',
  'bonding/lacp_rate',
  'bonding/primary',
  'bonding/all_slaves_active',
  'bonding_slave/perm_hwaddr',
];

const SSH_KEY_FILES = ['/etc/ssh', '/etc/openssh', '/etc'].flatMap((dir) =>
  ['dsa', 'rsa', 'ecdsa', 'ed25519'].map((algo) => `${dir}/ssh_host_${algo}_key.pub`),
);

/** The marker that starts every section; a per-run nonce keeps file contents from forging one. */
export function sectionMarker(nonce: string): string {
  return `@@tsible-facts-${nonce}@@`;
}

/** Files each collector reads; all of them are dumped by one `grep` (one process, not one `cat` per file). */
const FILES: Partial<Record<CollectorName, string[]>> = {
  platform: ['/etc/hosts', '/var/lib/dbus/machine-id', '/etc/machine-id'],
  distribution: DISTRIBUTION_FILES,
  lsb: ['/etc/lsb-release'],
  selinux: ['/sys/fs/selinux/enforce', '/sys/fs/selinux/policyvers', '/etc/selinux/config'],
  fips: ['/proc/sys/crypto/fips_enabled'],
  cmdline: ['/proc/cmdline'],
  loadavg: ['/proc/loadavg'],
  ssh_pub_keys: SSH_KEY_FILES,
  virtual: ['/proc/1/cgroup', '/run/systemd/container', '/proc/xen/capabilities', '/proc/modules'],
  hardware: ['/proc/cpuinfo', '/proc/meminfo', '/proc/uptime', '/sys/hypervisor/type'],
  dns: ['/etc/resolv.conf'],
  iscsi: ['/etc/iscsi/initiatorname.iscsi'],
  nvme: ['/etc/nvme/hostnqn'],
};

/** Commands per collector; the shell helpers `s` (start a section) and `has` are in the prelude. */
const SNIPPETS: Partial<Record<CollectorName, string[]>> = {
  platform: [
    // `uname -snrvm` from the kernel's own files, read by the shell (no process); uname where they are not all there
    's uname; if IFS= read -r o < /proc/sys/kernel/ostype && IFS= read -r n < /proc/sys/kernel/hostname && IFS= read -r r < /proc/sys/kernel/osrelease && ' +
      'IFS= read -r v < /proc/sys/kernel/version && IFS= read -r m < /proc/sys/kernel/arch; then printf "%s %s %s %s %s\\n" "$o" "$n" "$r" "$v" "$m"; else uname -snrvm; fi 2>/dev/null',
    's long_bit; getconf LONG_BIT 2>/dev/null',
  ],
  distribution: ['[ -L /etc/products.d/baseproduct ] && { s baseproduct; readlink -f /etc/products.d/baseproduct; }'],
  lsb: ['has lsb_release && { s lsb_release; lsb_release -a 2>/dev/null; }'],
  apparmor: ['[ -e /sys/kernel/security/apparmor ] && s apparmor_present'],
  // `/` against pid 1's root with test's -ef (same device and inode), no stat process; stat only when pid 1 is not ours to look at
  chroot: ['s chroot; printf "%s\\n" "${debian_chroot:-}"; if [ -e /proc/1/root/. ]; then if [ / -ef /proc/1/root/. ]; then echo @same; else echo @differs; fi; else stat -c "%d:%i" / 2>/dev/null; s root_fstype; stat -f -c %T / 2>/dev/null; fi'],
  python: [
    // the interpreter Ansible's discovery would settle on: /usr/bin/python3 first, else python3 on PATH
    'py=; if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; elif has python3; then py=$(command -v python3); fi',
    '[ -n "$py" ] && { s python; "$py" -I -S -c "import sys; v=sys.version_info; print(v[0], v[1], v[2], v[3], v[4], sys.implementation.name); print(sys.executable)" 2>/dev/null; }',
  ],
  caps: ['has capsh && { s capsh; capsh --print 2>/dev/null && echo "@rc=0"; }'],
  pkg_mgr: [
    `s exists_pkg; for p in ${PKG_MGR_PATHS.join(' ')}; do [ -e "$p" ] && echo "$p"; done`,
    // Ansible asks rpm whether an RPM package owns apt-get (APT-RPM). When dpkg's apt package is installed, apt-get is
    // dpkg's and the answer is no: rpm, 40 ms of a target's CPU on every run, is asked only when it is not.
    '[ -e /usr/bin/rpm ] && [ -e /usr/bin/apt-get ] && ! [ -f /var/lib/dpkg/info/apt.list ] && { s apt_rpm; /usr/bin/rpm -q --whatprovides /usr/bin/apt-get >/dev/null 2>&1 && echo yes; }',
  ],
  service_mgr: [
    's proc1; read -r c1 < /proc/1/comm 2>/dev/null && echo "$c1" || { echo "@ps"; ps -p 1 -o comm 2>/dev/null | tail -n 1; }',
    '[ -L /sbin/init ] && { s sbin_init; readlink /sbin/init; }',
    `s exists_svc; for p in ${SERVICE_MGR_PATHS.join(' ')}; do [ -e "$p" ] && echo "$p"; done; has systemctl && echo @systemctl; has initctl && echo @initctl`,
  ],
  date_time: [
    's date; D=$(LC_ALL=C date "+%Y|%m|%d|%H|%M|%S|%s|%N|%w|%W|%z|%Z|%A"); echo "$D"',
    // a zone's DST name needs two more dates; UTC (the usual server zone) has none
    'case "$D" in *"|UTC|"*|*"|GMT|"*) ;; *) s tz_probe; LC_ALL=C date -d "${D%%|*}-01-01 12:00" "+%z %Z" 2>/dev/null; LC_ALL=C date -d "${D%%|*}-07-01 12:00" "+%z %Z" 2>/dev/null;; esac',
  ],
  user: [
    's user; printf "%s\\n" "${LOGNAME:-${USER:-${LNAME:-${USERNAME:-}}}}"; I=$(id 2>/dev/null); echo "$I"',
    's passwd; u=${LOGNAME:-${USER:-${LNAME:-${USERNAME:-}}}}; uid=${I#uid=}; uid=${uid%%\\(*}; [ -n "$u" ] || { u=${I#*\\(}; u=${u%%\\)*}; }; ' +
      'getent passwd "$u" 2>/dev/null || grep "^$u:" /etc/passwd 2>/dev/null || { echo @byuid; getent passwd "$uid" 2>/dev/null || grep "^[^:]*:[^:]*:$uid:" /etc/passwd 2>/dev/null; }',
  ],
  virtual: [
    `s exists_virt; for p in ${VIRTUAL_PATHS.join(' ')}; do [ -e "$p" ] && echo "$p"; done`,
    // the shell's own /proc/self/status, read by the shell (no grep)
    "s vxid; while read -r k v; do [ \"$k\" = VxID: ] && printf 'VxID:\\t%s\\n' \"$v\"; done < /proc/self/status 2>/dev/null",
    // NUL-separated, so not in the grep dump (a binary file there prints no lines)
    "s pid1_environ; tr '\\000' '\\n' < /proc/1/environ 2>/dev/null",
  ],
  hardware: [
    // nproc counts the CPUs the process may run on: the shell reads its own affinity list instead of starting nproc
    "s nproc; while read -r k v; do [ \"$k\" = Cpus_allowed_list: ] && echo \"@cpus $v\"; done < /proc/self/status 2>/dev/null",
    's mtab; while IFS= read -r l; do printf "%s\\n" "$l"; done < "$MTAB" 2>/dev/null',
    'has findmnt && { s findmnt; findmnt --list --noheadings --notruncate 2>/dev/null; }',
    // LVM as Ansible reads it: only as root and only if vgs exists
    'has vgs && [ "$(id -u)" = 0 ] && { L="--noheadings --nosuffix --units g --separator ,"; s vgs; vgs $L 2>/dev/null; has lvs && { s lvs; lvs $L 2>/dev/null; }; has pvs && { s pvs; pvs $L 2>/dev/null; }; }',
    'has lsblk && { s lsblk; lsblk --list --noheadings --paths --output NAME,UUID --exclude 2 2>/dev/null; }',
    // statvfs of every real mount in one stat process; a hung network mount is cut off by timeout
    's statfs; set --; while read -r d m t o r; do case "$d" in /*|\\\\*|*:/*) [ "$t" = none ] || { case "$m" in *\\\\*) m=$(printf "%b" "$m");; esac; set -- "$@" "$m"; };; esac; done < "$MTAB"; ' +
      '[ $# -gt 0 ] && { if has timeout; then timeout "$GT" stat -f -c "%S %s %b %a %c %d %n" -- "$@"; else stat -f -c "%S %s %b %a %c %d %n" -- "$@"; fi; } 2>/dev/null',
    ...DEVICES_SNIPPET,
  ],
  dns: [],
  network: [
    'has ip && {',
    // one `ip addr show`; the parser tells secondary addresses by their flag
    's ip_primary; ip addr show 2>/dev/null',
    's route4; ip -4 route show default 2>/dev/null',
    's route6; ip -6 route show default 2>/dev/null',
    `s sysnet; for d in /sys/class/net/*; do [ -d "$d" ] && echo "$d"; done; cd /sys/class/net 2>/dev/null && grep -s -H '' ${NET_FILES.map((f) => `*/${f}`).join(' ')}; cd /`,
    's netlinks; ls -ld /sys/class/net/*/device /sys/class/net/*/device/driver/module /sys/class/net/*/brif/* 2>/dev/null; for b in /sys/class/net/*/brif; do [ -d "$b" ] && echo "BRIF $b $(ls -U "$b" | tr \'\\n\' \' \')"; done',
    '}',
  ],
  fibre_channel_wwn: ['set -- /sys/class/fc_host/*/port_name; [ -e "$1" ] && { s fc_wwn; cat "$@" 2>/dev/null; }'],
};

/** DMI values are read by hardware and virtual alike; one loop of shell builtins serves both. */
const DMI_SNIPPET = `s dmi; [ -e /sys/devices/virtual/dmi/id/product_name ] && echo @sysfs && for k in ${DMI_KEYS.join(' ')}; do [ -r /sys/devices/virtual/dmi/id/$k ] && read -r v < /sys/devices/virtual/dmi/id/$k 2>/dev/null; [ -r /sys/devices/virtual/dmi/id/$k ] && printf "%s=%s\\n" "$k" "$v"; v=; done`;
/** The cpuinfo lines the virtual collector looks at come from the dumped file, so it needs it too. */
const VIRTUAL_EXTRA_FILES = ['/proc/cpuinfo'];

/** Builds the one script that gathers the given collectors' raw data. */
export function buildGatherScript(collectors: ReadonlySet<CollectorName>, nonce: string, gatherTimeoutSec = 10, factPath = '/etc/ansible/facts.d'): string {
  const lines = [
    `M='${sectionMarker(nonce)}'`,
    's() { printf "\\n%s %s\\n" "$M" "$1"; }',
    'has() { command -v "$1" >/dev/null 2>&1; }',
    `GT=${Math.max(1, Math.floor(gatherTimeoutSec))}`,
    'MTAB=/proc/mounts; [ -e /etc/mtab ] && MTAB=/etc/mtab',
  ];
  // the environment is read before the script touches PATH, so it is the login environment
  if (collectors.has('env')) lines.push('s env; env -0 2>/dev/null || cat /proc/$$/environ 2>/dev/null');
  lines.push('PATH="$PATH:/sbin:/usr/sbin:/usr/local/sbin"');
  const files = new Set<string>();
  for (const name of collectors) (FILES[name] ?? []).forEach((f) => files.add(f));
  if (collectors.has('virtual')) VIRTUAL_EXTRA_FILES.forEach((f) => files.add(f));
  if (files.size) {
    const list = [...files].join(' ');
    lines.push(`s files; for p in ${list}; do [ -f "$p" ] && echo "$p"; done; [ -e /proc/xen ] && echo /proc/xen`);
    lines.push(`s filedata; LC_ALL=C grep -s -H '' ${list}`);
  }
  if (collectors.has('hardware') || collectors.has('virtual')) lines.push(DMI_SNIPPET);
  for (const name of collectors) lines.push(...(SNIPPETS[name] ?? []));
  if (collectors.has('local')) lines.push(localFactsSnippet(shellQuote(factPath)));
  lines.push('s end', 'exit 0');
  return lines.join('\n');
}

/** Raw outputs by section name, and the dumped files (listed in `files`, their lines in `filedata` as `path:line`). */
export class Sections {
  private readonly parts = new Map<string, string>();
  private files: Map<string, string[]> | undefined;

  constructor(stdout: string, nonce: string) {
    const marker = sectionMarker(nonce);
    const chunks = `\n${stdout}`.split(`\n${marker} `);
    for (const chunk of chunks.slice(1)) {
      const nl = chunk.indexOf('\n');
      const name = nl < 0 ? chunk : chunk.slice(0, nl);
      const body = nl < 0 ? '' : chunk.slice(nl + 1);
      this.parts.set(name, this.parts.has(name) ? `${this.parts.get(name)}${body}` : body);
    }
  }

  /** the section's raw text, or undefined if the script never printed it (tool missing, not asked) */
  text(name: string): string | undefined {
    return this.parts.get(name);
  }

  /** a file's content, or undefined if it does not exist (or is not a regular file) */
  file(path: string): string | undefined {
    if (!this.files) {
      this.files = new Map();
      for (const p of this.lines('files')) this.files.set(p, []);
      for (const line of (this.text('filedata') ?? '').split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) this.files.get(line.slice(0, colon))?.push(line.slice(colon + 1));
      }
    }
    const lines = this.files.get(path);
    return lines === undefined ? undefined : lines.map((l) => `${l}\n`).join('');
  }

  /** like Ansible's get_file_content: stripped content, undefined when absent or unreadable-empty */
  fileStripped(path: string): string | undefined {
    const raw = this.file(path);
    if (raw === undefined) return undefined;
    return raw.trim();
  }

  /** every section, by name, in the order printed */
  entries(): IterableIterator<[string, string]> {
    return this.parts.entries();
  }

  lines(name: string): string[] {
    return (this.text(name) ?? '').split('\n').filter((l) => l !== '');
  }

  /** complete: the script reached its end marker (a cut-off run is an error, not partial facts) */
  complete(): boolean {
    return this.parts.has('end');
  }
}
