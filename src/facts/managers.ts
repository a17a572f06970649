import type { Facts } from './distribution.js';

/** Linux package managers in pkg_mgr.py's PKG_MGRS order (the last one present wins before the family rules). */
const PKG_MGRS: [string, string][] = [
  ['/usr/bin/rpm-ostree', 'atomic_container'],
  ['/usr/bin/yum', 'yum'],
  ['/usr/bin/dnf', 'dnf'],
  ['/usr/bin/apt-get', 'apt'],
  ['/usr/bin/zypper', 'zypper'],
  ['/usr/sbin/urpmi', 'urpmi'],
  ['/usr/bin/pacman', 'pacman'],
  ['/bin/opkg', 'opkg'],
  ['/usr/pkg/bin/pkgin', 'pkgin'],
  ['/opt/local/bin/pkgin', 'pkgin'],
  ['/opt/tools/bin/pkgin', 'pkgin'],
  ['/opt/local/bin/port', 'macports'],
  ['/usr/local/bin/brew', 'homebrew'],
  ['/opt/homebrew/bin/brew', 'homebrew'],
  ['/sbin/apk', 'apk'],
  ['/usr/sbin/pkg', 'pkgng'],
  ['/usr/sbin/swlist', 'swdepot'],
  ['/usr/bin/emerge', 'portage'],
  ['/usr/sbin/pkgadd', 'svr4pkg'],
  ['/usr/bin/pkg', 'pkg5'],
  ['/usr/bin/xbps-install', 'xbps'],
  ['/usr/local/sbin/pkg', 'pkgng'],
  ['/usr/bin/swupd', 'swupd'],
  ['/usr/sbin/sorcery', 'sorcery'],
  ['/usr/bin/installp', 'installp'],
];

export interface PkgMgrInput {
  /** paths that exist among the probed ones */
  exists: ReadonlySet<string>;
  distribution: string;
  distributionMajorVersion: string;
  osFamily: string;
  /** `rpm -q --whatprovides /usr/bin/apt-get` succeeded */
  aptIsRpm: boolean;
}

/** pkg_mgr, decided as PkgMgrFactCollector does: last binary present, then the distribution family's default. */
export function pkgMgrFacts(input: PkgMgrInput): Facts {
  const has = (name: string): boolean => PKG_MGRS.some(([path, n]) => n === name && input.exists.has(path));
  let name = 'unknown';
  for (const [path, n] of PKG_MGRS) {
    if (input.osFamily === 'Altlinux' && path === '/usr/bin/pkg') continue;
    if (input.exists.has(path)) name = n;
  }
  if (input.osFamily === 'RedHat') {
    const major = parseInt(input.distributionMajorVersion, 10);
    const numeric = /^\s*[+-]?\d+\s*$/.test(input.distributionMajorVersion);
    if (input.exists.has('/run/ostree-booted')) name = 'atomic_container';
    else if (input.distribution === 'Fedora') {
      if (!numeric) name = 'dnf';
      else if (major < 23) name = has('yum') ? 'yum' : name;
      else name = has('dnf') ? 'dnf' : name;
    } else if (input.distribution === 'Amazon') {
      if (!numeric) name = 'dnf';
      else if (major < 2022) name = has('yum') ? 'yum' : name;
      else name = has('dnf') ? 'dnf' : name;
    } else {
      name = numeric && major < 8 ? 'yum' : 'dnf';
    }
  } else if (input.osFamily === 'Debian' && name !== 'apt') {
    name = 'apt';
  } else if (input.osFamily === 'Altlinux' && name === 'apt') {
    name = 'apt_rpm';
  }
  if (name === 'apt' && input.exists.has('/usr/bin/rpm')) name = input.aptIsRpm ? 'apt_rpm' : 'apt';
  return { pkg_mgr: name };
}

const PROC1_MAP: Record<string, string> = { procd: 'openwrt_init', 'runit-init': 'runit', svscan: 'svc', 'openrc-init': 'openrc' };

export interface ServiceMgrInput {
  /** /proc/1/comm, or the last line of `ps -p 1 -o comm` (undefined: neither worked) */
  proc1?: string | undefined;
  /** readlink /sbin/init, when it is a symlink */
  sbinInit?: string | undefined;
  /** probed paths that exist, plus `@systemctl` / `@initctl` when those tools are on PATH */
  exists: ReadonlySet<string>;
  system: string;
  distribution: string;
}

/**
 * service_mgr as ServiceMgrFactCollector decides: PID 1's name wins unless it is `init` or ends in `sh`
 * (a shell in a container); then systemd canaries, upstart, openrc, /sbin/init -> systemd, sysvinit; else `service`.
 */
export function serviceMgrFacts(input: ServiceMgrInput): Facts {
  let proc1 = input.proc1;
  if (proc1 !== undefined && (proc1.trim() === '' || proc1 === 'COMMAND' || /^ *[0-9]+ /.test(proc1))) proc1 = undefined;
  if (proc1 === undefined && input.sbinInit !== undefined) proc1 = input.sbinInit;
  if (proc1 !== undefined) proc1 = (proc1.split('/').pop() ?? '').trim();
  if (proc1 !== undefined && (proc1 === 'init' || proc1.endsWith('sh'))) proc1 = undefined;
  let name: string | undefined;
  const has = (p: string): boolean => input.exists.has(p);
  if (proc1 !== undefined) name = PROC1_MAP[proc1] ?? proc1;
  else if (input.distribution === 'OpenWrt') name = 'openwrt_init';
  else if (input.system === 'Linux') {
    const systemctl = has('@systemctl');
    if (systemctl && (has('/run/systemd/system/') || has('/dev/.run/systemd/') || has('/dev/.systemd/'))) name = 'systemd';
    else if (has('@initctl') && has('/etc/init/')) name = 'upstart';
    else if (has('/sbin/openrc')) name = 'openrc';
    else if (systemctl && input.sbinInit !== undefined && input.sbinInit.split('/').pop() === 'systemd') name = 'systemd';
    else if (has('/etc/init.d/')) name = 'sysvinit';
  }
  return { service_mgr: name || 'service' };
}
