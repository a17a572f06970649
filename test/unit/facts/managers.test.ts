import { describe, expect, it } from 'vitest';
import { pkgMgrFacts, serviceMgrFacts } from '../../../src/facts/managers.js';

const pkg = (exists: string[], distribution: string, major: string, osFamily: string, aptIsRpm = false): unknown =>
  pkgMgrFacts({ exists: new Set(exists), distribution, distributionMajorVersion: major, osFamily, aptIsRpm }).pkg_mgr;

describe('pkgMgrFacts', () => {
  it('follows the distribution family default, not whatever else is installed', () => {
    expect(pkg(['/usr/bin/apt-get'], 'Debian', '12', 'Debian')).toBe('apt');
    expect(pkg(['/usr/bin/apt-get', '/usr/bin/dnf'], 'Ubuntu', '22', 'Debian')).toBe('apt');
    expect(pkg(['/usr/bin/apt-get', '/usr/bin/rpm'], 'Debian', '12', 'Debian')).toBe('apt');
    expect(pkg(['/usr/bin/yum'], 'CentOS', '7', 'RedHat')).toBe('yum');
    expect(pkg(['/usr/bin/yum', '/usr/bin/dnf'], 'Rocky', '9', 'RedHat')).toBe('dnf');
    expect(pkg(['/usr/bin/dnf'], 'Fedora', '39', 'RedHat')).toBe('dnf');
    expect(pkg(['/usr/bin/yum', '/usr/bin/dnf', '/run/ostree-booted'], 'Fedora', '39', 'RedHat')).toBe('atomic_container');
    expect(pkg(['/usr/bin/zypper'], 'openSUSE Leap', '15', 'Suse')).toBe('zypper');
    expect(pkg(['/sbin/apk'], 'Alpine', '3', 'Alpine')).toBe('apk');
    expect(pkg(['/usr/bin/pacman'], 'Archlinux', 'NA', 'Archlinux')).toBe('pacman');
    expect(pkg([], 'Acme', '1', 'Acme')).toBe('unknown');
    expect(pkg(['/usr/bin/apt-get', '/usr/bin/rpm'], 'Altlinux', '10', 'Altlinux', true)).toBe('apt_rpm');
  });
});

const svc = (proc1: string | undefined, exists: string[], sbinInit?: string): unknown =>
  serviceMgrFacts({ proc1, sbinInit, exists: new Set(exists), system: 'Linux', distribution: 'Debian' }).service_mgr;

describe('serviceMgrFacts', () => {
  it('takes the name of PID 1 when it is a real init', () => {
    expect(svc('systemd\n', [])).toBe('systemd');
    expect(svc('openrc-init', [])).toBe('openrc');
    expect(svc('runit-init', [])).toBe('runit');
    expect(svc('process_api', ['/etc/init.d/', '@systemctl'], '/lib/systemd/systemd')).toBe('process_api');
  });
  it('does not trust `init` or a shell as PID 1, and probes instead', () => {
    expect(svc('init', ['@systemctl', '/run/systemd/system/'])).toBe('systemd');
    expect(svc('sh', ['/sbin/openrc', '/etc/init.d/'])).toBe('openrc');
    expect(svc('bash', ['/etc/init.d/'])).toBe('sysvinit');
    expect(svc('init', ['@initctl', '/etc/init/', '/etc/init.d/'])).toBe('upstart');
    expect(svc('init', ['@systemctl', '/etc/init.d/'], '/lib/systemd/systemd')).toBe('systemd');
    expect(svc('init', ['/etc/init.d/'], '/lib/systemd/systemd')).toBe('sysvinit');
    expect(svc('dumb-init', [])).toBe('dumb-init');
    expect(svc('sh', [])).toBe('service');
  });
  it('reads /sbin/init when PID 1 cannot be read', () => {
    expect(svc(undefined, ['@systemctl'], '/lib/systemd/systemd')).toBe('systemd');
    expect(svc(undefined, [], '/sbin/init')).toBe('service');
  });
});
