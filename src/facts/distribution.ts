import { parseKeyValueFile, parseLsbReleaseOutput } from './os-release.js';

/** What the distribution parser reads: file contents by path (undefined = absent) and uname. */
export interface DistributionInput {
  file(path: string): string | undefined;
  /** `lsb_release -a` output, when the tool exists */
  lsbRelease?: string | undefined;
  unameRelease: string;
  unameVersion: string;
  /** realpath of /etc/products.d/baseproduct when it is a symlink (SLES for SAP) */
  baseproduct?: string | undefined;
}

export type Facts = Record<string, unknown>;

/** Ansible's OS_FAMILY_MAP (system/distribution.py), distribution name -> os_family. */
const OS_FAMILY_MAP: Record<string, string[]> = {
  RedHat: ['RedHat', 'RHEL', 'Fedora', 'CentOS', 'Scientific', 'SLC', 'Ascendos', 'CloudLinux', 'PSBM', 'OracleLinux', 'OVS', 'OEL', 'Amazon', 'Virtuozzo', 'XenServer', 'Alibaba', 'EulerOS', 'openEuler', 'AlmaLinux', 'Rocky', 'TencentOS', 'EuroLinux', 'Kylin Linux Advanced Server'],
  Debian: ['Debian', 'Ubuntu', 'Raspbian', 'Neon', 'KDE neon', 'Linux Mint', 'SteamOS', 'Devuan', 'Kali', 'Cumulus Linux', 'Pop!_OS', 'Parrot', 'Pardus GNU/Linux', 'Uos', 'Deepin', 'OSMC'],
  Suse: ['SuSE', 'SLES', 'SLED', 'openSUSE', 'openSUSE Tumbleweed', 'SLES_SAP', 'SUSE_LINUX', 'openSUSE Leap'],
  Archlinux: ['Archlinux', 'Antergos', 'Manjaro'],
  Mandrake: ['Mandrake', 'Mandriva'],
  Solaris: ['Solaris', 'Nexenta', 'OmniOS', 'OpenIndiana', 'SmartOS'],
  Slackware: ['Slackware'],
  Altlinux: ['Altlinux'],
  SGML: ['SGML'],
  Gentoo: ['Gentoo', 'Funtoo'],
  Alpine: ['Alpine'],
  AIX: ['AIX'],
  'HP-UX': ['HPUX'],
  Darwin: ['MacOSX'],
  FreeBSD: ['FreeBSD', 'TrueOS'],
  ClearLinux: ['Clear Linux OS', 'Clear Linux Mix'],
  DragonFly: ['DragonflyBSD', 'DragonFlyBSD', 'Gentoo/DragonflyBSD', 'Gentoo/DragonFlyBSD'],
  NetBSD: ['NetBSD'],
};
const OS_FAMILY = new Map(Object.entries(OS_FAMILY_MAP).flatMap(([family, names]) => names.map((n) => [n, family] as const)));
const OS_FAMILY_LOWER = new Map([...OS_FAMILY].map(([name, family]) => [name.toLowerCase(), family.toLowerCase()]));

/** Ansible's OS_FAMILY_LOWER: a lower-case distribution name (os-release ID) -> its lower-case os_family. */
export function osFamilyLower(distribution: string): string | undefined {
  return OS_FAMILY_LOWER.get(distribution);
}

/** Ansible's OSDIST_LIST: which file to try, under which name, in this order. */
const OSDIST_LIST: { path: string; name: string; allowEmpty?: boolean }[] = [
  { path: '/etc/altlinux-release', name: 'Altlinux' },
  { path: '/etc/oracle-release', name: 'OracleLinux' },
  { path: '/etc/slackware-version', name: 'Slackware' },
  { path: '/etc/centos-release', name: 'CentOS' },
  { path: '/etc/redhat-release', name: 'RedHat' },
  { path: '/etc/vmware-release', name: 'VMwareESX', allowEmpty: true },
  { path: '/etc/openwrt_release', name: 'OpenWrt' },
  { path: '/etc/os-release', name: 'Amazon' },
  { path: '/etc/system-release', name: 'Amazon' },
  { path: '/etc/alpine-release', name: 'Alpine' },
  { path: '/etc/arch-release', name: 'Archlinux', allowEmpty: true },
  { path: '/etc/os-release', name: 'Archlinux' },
  { path: '/etc/os-release', name: 'SUSE' },
  { path: '/etc/SuSE-release', name: 'SUSE' },
  { path: '/etc/gentoo-release', name: 'Gentoo' },
  { path: '/etc/os-release', name: 'Debian' },
  { path: '/etc/lsb-release', name: 'Debian' },
  { path: '/etc/lsb-release', name: 'Mandriva' },
  { path: '/etc/sourcemage-release', name: 'SMGL' },
  { path: '/usr/lib/os-release', name: 'ClearLinux' },
  { path: '/etc/coreos/update.conf', name: 'Coreos' },
  { path: '/etc/os-release', name: 'Flatcar' },
  { path: '/etc/os-release', name: 'NA' },
];

const SEARCH_STRING: Record<string, string> = { OracleLinux: 'Oracle Linux', RedHat: 'Red Hat', Altlinux: 'ALT', SMGL: 'Source Mage GNU/Linux' };
const OS_RELEASE_ALIAS: Record<string, string> = { Archlinux: 'Arch Linux' };

/** distro's release-file candidates (`/etc/<id>[-_](release|version)`, minus its ignore list), sorted as it sorts them. */
const RELEASE_FILES = [
  '/etc/SuSE-release',
  '/etc/almalinux-release',
  '/etc/alpine-release',
  '/etc/altlinux-release',
  '/etc/arch-release',
  '/etc/centos-release',
  '/etc/fedora-release',
  '/etc/gentoo-release',
  '/etc/openwrt_release',
  '/etc/oracle-release',
  '/etc/redhat-release',
  '/etc/rocky-release',
  '/etc/slackware-version',
  '/etc/sourcemage-release',
  '/etc/vmware-release',
];

const REVERSED_RELEASE = /^(?:[^)]*\)(.*)\()? *(?:STL )?([\d.+\-a-z]*\d) *(?:esaeler *)?(.+)/;
const reverse = (s: string): string => [...s].reverse().join('');

/** `CentOS Linux release 7.9.2009 (Core)` -> name, version_id, codename, as the distro library reads it. */
export function parseReleaseLine(line: string): { name?: string; version_id?: string; codename?: string } {
  const m = REVERSED_RELEASE.exec(reverse(line.trim()));
  if (m) {
    const out: { name?: string; version_id?: string; codename?: string } = { name: reverse(m[3] ?? '') };
    if (m[2]) out.version_id = reverse(m[2]);
    if (m[1]) out.codename = reverse(m[1]);
    return out;
  }
  return line.trim() ? { name: line.trim() } : {};
}

/** The `distro` library's view: id, version (best or first) and codename, as sys_info.py asks for them. */
function guessDistribution(input: DistributionInput): Facts {
  const osRelText = input.file('/etc/os-release') ?? input.file('/usr/lib/os-release');
  const os = osRelText !== undefined ? parseKeyValueFile(osRelText) : {};
  if (os.version !== undefined && os.codename === undefined) {
    const m = /\((\D+)\)|,\s*(\D+)/.exec(os.version);
    if (m) os.codename = (m[1] ?? m[2]) as string;
  }
  if (os.version_codename !== undefined) os.codename = os.version_codename;
  else if (os.ubuntu_codename !== undefined) os.codename = os.ubuntu_codename;
  const lsb = input.lsbRelease !== undefined ? parseLsbReleaseOutput(input.lsbRelease) : {};
  let rel: { id?: string; name?: string; version_id?: string; codename?: string } = {};
  for (const path of RELEASE_FILES) {
    const text = input.file(path);
    if (text === undefined) continue;
    const info = parseReleaseLine(text.split('\n')[0] ?? '');
    if (info.name === undefined) continue;
    const base = /(\w+)[-_](release|version)$/.exec(path.slice(5));
    rel = { ...info, id: base?.[1] ?? '' };
    if ((info.name ?? '').toLowerCase().includes('cloudlinux')) rel.id = 'cloudlinux';
    break;
  }
  const norm = (id: string, table: Record<string, string>): string => table[id] ?? id;
  let id = norm((os.id ?? '').toLowerCase().replace(/ /g, '_'), { ol: 'oracle', 'opensuse-leap': 'opensuse' });
  if (!id) id = norm((lsb.distributor_id ?? '').toLowerCase().replace(/ /g, ''), { enterpriseenterpriseas: 'oracle', enterpriseenterpriseserver: 'oracle', redhatenterpriseworkstation: 'rhel', redhatenterpriseserver: 'rhel', redhatenterprisecomputenode: 'rhel' });
  if (!id) id = norm((rel.id ?? '').toLowerCase().replace(/ /g, '_'), { redhat: 'rhel' });
  if (!id) id = 'linux';

  const versions = [
    os.version_id ?? '',
    lsb.release ?? '',
    rel.version_id ?? '',
    parseReleaseLine(os.pretty_name ?? '').version_id ?? '',
    parseReleaseLine(lsb.description ?? '').version_id ?? '',
    // distro ignores `uname -rs` on Linux, so a kernel version never wins as the "best" version
  ];
  if (id === 'debian' || (os.id_like ?? '').split(/\s+/).includes('debian')) {
    versions.push((input.file('/etc/debian_version') ?? '').trim());
  }
  const dots = (v: string): number => v.split('.').length - 1;
  const firstVersion = versions.find((v) => v !== '') ?? '';
  let bestVersion = '';
  for (const v of versions) if (dots(v) > dots(bestVersion) || bestVersion === '') bestVersion = v;
  let version = firstVersion;
  if (id === 'centos') version = bestVersion.split('.').slice(0, 2).join('.');
  if (id === 'debian') version = bestVersion;

  let codename: string | undefined = os.version_codename ?? os.ubuntu_codename;
  if (codename === undefined && id === 'ubuntu') codename = lsb.codename;
  if (codename === undefined) {
    codename = os.codename !== undefined ? os.codename : lsb.codename || rel.codename || '';
    if (codename === '') codename = undefined;
  }

  let name = id.charAt(0).toUpperCase() + id.slice(1).toLowerCase();
  if (name === 'Amzn') name = 'Amazon';
  else if (name === 'Rhel') name = 'Redhat';
  const guess: Facts = {
    distribution: name || 'NA',
    distribution_version: version || 'NA',
    distribution_release: codename === undefined ? 'NA' : codename,
  };
  guess.distribution_major_version = (guess.distribution_version as string).split('.')[0] || 'NA';
  return guess;
}

type Parser = (name: string, data: string, path: string, facts: Facts, input: DistributionInput) => [boolean, Facts];

const PARSERS: Record<string, Parser> = {
  Slackware(name, data) {
    if (!data.includes('Slackware')) return [false, {}];
    const f: Facts = { distribution: name };
    const v = /\w+[.]\w+\+?/.exec(data);
    if (v) f.distribution_version = v[0];
    return [true, f];
  },
  Amazon(_name, data, path) {
    if (!data.includes('Amazon')) return [false, {}];
    const f: Facts = { distribution: 'Amazon' };
    if (path === '/etc/os-release') {
      const v = /VERSION_ID="(.*)"/.exec(data);
      if (v) {
        const parts = (v[1] as string).split('.');
        f.distribution_version = v[1];
        f.distribution_major_version = parts[0];
        f.distribution_minor_version = parts.length > 1 ? parts[1] : 'NA';
      }
    } else {
      f.distribution_version = data.split(/\s+/).find((n) => /^\d+$/.test(n)) ?? 'NA';
    }
    return [true, f];
  },
  OpenWrt(name, data) {
    if (!data.includes('OpenWrt')) return [false, {}];
    const f: Facts = { distribution: name };
    const v = /DISTRIB_RELEASE="(.*)"/.exec(data);
    if (v) f.distribution_version = v[1];
    const r = /DISTRIB_CODENAME="(.*)"/.exec(data);
    if (r) f.distribution_release = r[1];
    return [true, f];
  },
  Alpine(_name, data) {
    return [true, { distribution: 'Alpine', distribution_version: data }];
  },
  SUSE(_name, data, path, facts, input) {
    if (!data.toLowerCase().includes('suse')) return [false, {}];
    const f: Facts = {};
    const lower = data.toLowerCase();
    if (path === '/etc/os-release') {
      for (const line of data.split('\n')) {
        const d = /^NAME=(.*)/.exec(line);
        if (d) f.distribution = stripChars(d[1] as string, '"');
        const v = /^VERSION_ID="?([0-9]+\.?[0-9]*)"?/.exec(line);
        if (v) {
          f.distribution_version = v[1];
          f.distribution_major_version = (v[1] as string).split('.')[0];
        }
        if (lower.includes('open')) {
          const r = /^VERSION_ID="?[0-9]+\.?([0-9]*)"?/.exec(line);
          if (r) f.distribution_release = r[1];
        } else if (lower.includes('enterprise') && line.includes('VERSION_ID')) {
          const r = /^VERSION_ID="?[0-9]+\.?([0-9]*)"?/.exec(line);
          f.distribution_release = r?.[1] ? r[1] : '0';
        }
      }
    } else if (path === '/etc/SuSE-release') {
      const lines = data.split('\n');
      if (lower.includes('open')) {
        f.distribution = (lines[0] ?? '').split(/\s+/)[0];
        for (const line of lines) {
          const r = /CODENAME *= *([^\n]+)/.exec(line);
          if (r) f.distribution_release = (r[1] as string).trim();
        }
      } else if (lower.includes('enterprise')) {
        if (data.includes('Server')) f.distribution = 'SLES';
        else if (data.includes('Desktop')) f.distribution = 'SLED';
        for (const line of lines) {
          const r = /PATCHLEVEL = ([0-9]+)/.exec(line);
          if (r) {
            f.distribution_release = r[1];
            f.distribution_version = `${String(facts.distribution_version)}.${r[1] as string}`;
          }
        }
      }
    }
    if (input.baseproduct?.endsWith('SLES_SAP.prod')) f.distribution = 'SLES_SAP';
    return [true, f];
  },
  Debian(_name, data, path, _facts, input) {
    const f: Facts = {};
    if (data.includes('Debian') || data.includes('Raspbian')) {
      f.distribution = 'Debian';
      const r = /PRETTY_NAME=[^(]+ \(?([^)]+?)\)/.exec(data);
      if (r) f.distribution_release = r[1];
      for (const line of (input.file('/etc/debian_version') ?? '').split('\n')) {
        const m = /(\d+)\.(\d+)/.exec(line.trim());
        if (m) f.distribution_minor_version = m[2];
      }
    } else if (data.includes('Ubuntu')) {
      f.distribution = 'Ubuntu';
    } else if (data.includes('SteamOS')) {
      f.distribution = 'SteamOS';
    } else if ((path === '/etc/lsb-release' || path === '/etc/os-release') && (data.includes('Kali') || data.includes('Parrot'))) {
      f.distribution = data.includes('Kali') ? 'Kali' : 'Parrot';
      const r = /DISTRIB_RELEASE=(.*)/.exec(data);
      if (r) f.distribution_release = r[1];
    } else if (data.includes('Devuan')) {
      f.distribution = 'Devuan';
      const r = /PRETTY_NAME="?[^("]+ \(?([^) "]+)\)?/.exec(data);
      if (r) f.distribution_release = r[1];
      const v = /VERSION_ID="(.*)"/.exec(data);
      if (v) f.distribution_version = f.distribution_major_version = v[1];
    } else if (data.includes('Cumulus')) {
      f.distribution = 'Cumulus Linux';
      const v = /VERSION_ID=(.*)/.exec(data);
      if (v) {
        f.distribution_version = v[1];
        f.distribution_major_version = (v[1] as string).split('.')[0];
      }
      const r = /VERSION="(.*)"/.exec(data);
      if (r) f.distribution_release = r[1];
    } else if (data.includes('Mint')) {
      f.distribution = 'Linux Mint';
      const v = /VERSION_ID="(.*)"/.exec(data);
      if (v) {
        f.distribution_version = v[1];
        f.distribution_major_version = (v[1] as string).split('.')[0];
      }
    } else if (/UOS|Uos|uos/.test(data) || /Deepin|deepin/.test(data)) {
      f.distribution = /UOS|Uos|uos/.test(data) ? 'Uos' : 'Deepin';
      const r = /VERSION_CODENAME="?([^"]+)"?/.exec(data);
      if (r) f.distribution_release = r[1];
      const v = /VERSION_ID="(.*)"/.exec(data);
      if (v) {
        f.distribution_version = v[1];
        f.distribution_major_version = (v[1] as string).split('.')[0];
      }
    } else {
      return [false, f];
    }
    return [true, f];
  },
  Mandriva(name, data) {
    if (!data.includes('Mandriva')) return [false, {}];
    const f: Facts = { distribution: name };
    const v = /DISTRIB_RELEASE="(.*)"/.exec(data);
    if (v) f.distribution_version = v[1];
    const r = /DISTRIB_CODENAME="(.*)"/.exec(data);
    if (r) f.distribution_release = r[1];
    return [true, f];
  },
  NA(name, data, _path, facts) {
    const f: Facts = {};
    for (const line of data.split('\n')) {
      const d = /^NAME=(.*)/.exec(line);
      if (d && name === 'NA') f.distribution = stripChars(d[1] as string, '"');
      const v = /^VERSION=(.*)/.exec(line);
      if (v && facts.distribution_version === 'NA') f.distribution_version = stripChars(v[1] as string, '"');
    }
    return [true, f];
  },
  Coreos(_name, data, _path, facts) {
    if (String(facts.distribution).toLowerCase() !== 'coreos' || !data) return [false, {}];
    const r = /^GROUP=(.*)/m.exec(data);
    return [true, r ? { distribution_release: stripChars(r[1] as string, '"') } : {}];
  },
  Flatcar(_name, data, _path, facts) {
    if (String(facts.distribution).toLowerCase() !== 'flatcar' || !data) return [false, {}];
    const v = /VERSION=(.*)/.exec(data);
    if (!v) return [true, {}];
    const version = stripChars(v[1] as string, '"');
    return [true, { distribution_major_version: version.split('.')[0], distribution_version: version }];
  },
  ClearLinux(name, data) {
    if (!name.toLowerCase().includes('clearlinux')) return [false, {}];
    const f: Facts = {};
    const pname = /NAME="(.*)"/.exec(data);
    if (pname) {
      if (!(pname[1] as string).includes('Clear Linux')) return [false, {}];
      f.distribution = pname[1];
    }
    const v = /VERSION_ID=(.*)/.exec(data);
    if (v) f.distribution_major_version = f.distribution_version = v[1];
    const r = /ID=(.*)/.exec(data);
    if (r) f.distribution_release = r[1];
    return [true, f];
  },
  CentOS(_name, data) {
    if (data.includes('CentOS Stream')) return [true, { distribution_release: 'Stream' }];
    if (data.includes('TencentOS Server')) return [true, { distribution: 'TencentOS' }];
    return [false, {}];
  },
};

/** Python's str.strip(chars). */
function stripChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a] as string)) a++;
  while (b > a && chars.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** distribution, distribution_version/major/minor/release, file_* and os_family, as Ansible's Distribution computes them on Linux. */
export function distributionFacts(input: DistributionInput): Facts {
  const facts: Facts = { distribution: 'Linux', distribution_release: input.unameRelease, distribution_version: input.unameVersion };
  const dist: Facts = guessDistribution(input);
  for (const { path, name, allowEmpty } of OSDIST_LIST) {
    const raw = input.file(path);
    if (raw === undefined || (!allowEmpty && raw.length === 0)) continue;
    if (allowEmpty) {
      Object.assign(dist, { distribution: name, distribution_file_path: path, distribution_file_variety: name });
      break;
    }
    const data = stripChars(raw.trim(), `'"\\`);
    let parsed = false;
    let found: Facts = {};
    if (SEARCH_STRING[name] !== undefined) {
      parsed = true;
      found = data.includes(SEARCH_STRING[name]) ? { distribution: name, distribution_file_search_string: SEARCH_STRING[name] } : { distribution: data.split(/\s+/)[0] };
    } else if (OS_RELEASE_ALIAS[name] !== undefined) {
      parsed = data.includes(OS_RELEASE_ALIAS[name]);
      if (parsed) found = { distribution: name };
    } else if (PARSERS[name]) {
      [parsed, found] = PARSERS[name](name, data, path, dist, input);
    }
    if (parsed) {
      Object.assign(dist, { distribution: name, distribution_file_path: path, distribution_file_variety: name, distribution_file_parsed: true }, found);
      break;
    }
  }
  Object.assign(facts, dist);
  facts.os_family = OS_FAMILY.get(String(facts.distribution)) ?? facts.distribution;
  return facts;
}
