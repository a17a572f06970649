import { describe, expect, it } from 'vitest';
import { capsFacts, chrootFacts, cmdlineFacts, dateTimeFacts, dnsFacts, envFacts, lsbFacts, pythonFacts, selinuxFacts, sshPubKeyFacts, userFacts } from '../../../src/facts/system.js';

describe('dnsFacts', () => {
  it('reads nameservers, search, domain and options like DnsFactCollector', () => {
    const text = '# generated\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nsearch example.com corp.example.com\ndomain example.com\noptions ndots:2 rotate\n; comment\n';
    expect(dnsFacts(text)).toEqual({
      dns: { nameservers: ['10.0.0.2', '10.0.0.3'], search: ['example.com', 'corp.example.com'], domain: 'example.com', options: { ndots: '2', rotate: true } },
    });
    expect(dnsFacts(undefined)).toEqual({ dns: {} });
  });
});

describe('dateTimeFacts', () => {
  it('keeps local fields and computes the iso8601 ones in UTC', () => {
    const facts = dateTimeFacts({
      date: '2026|07|01|14|05|09|1782907509|123456789|3|26|+0200|CEST|Wednesday\n',
      tzProbe: '+0100 CET\n+0200 CEST\n',
    });
    expect(facts.date_time).toEqual({
      year: '2026',
      month: '07',
      weekday: 'Wednesday',
      weekday_number: '3',
      weeknumber: '26',
      day: '01',
      hour: '14',
      minute: '05',
      second: '09',
      epoch: '1782907509',
      epoch_int: '1782907509',
      date: '2026-07-01',
      time: '14:05:09',
      iso8601_micro: '2026-07-01T12:05:09.123456Z',
      iso8601: '2026-07-01T12:05:09Z',
      iso8601_basic: '20260701T140509123456',
      iso8601_basic_short: '20260701T140509',
      tz: 'CEST',
      tz_dst: 'CEST',
      tz_offset: '+0200',
    });
  });
  it('uses the zone name as its DST name where there is no DST (UTC), and 0 micros without %N', () => {
    const dt = dateTimeFacts({ date: '2026|11|22|01|11|21|1795309881|N|0|46|+0000|UTC|Sunday' }).date_time as Record<string, string>;
    expect(dt.tz_dst).toBe('UTC');
    expect(dt.iso8601_micro).toBe('2026-11-22T01:11:21.000000Z');
  });
});

describe('userFacts', () => {
  it('prefers $LOGNAME/$USER like getpass.getuser() and reads the passwd entry', () => {
    expect(userFacts({ ids: 'deploy\nuid=1001(deploy) gid=1001(deploy) groups=1001(deploy),27(sudo)\n', passwd: 'deploy:x:1001:1001:Deploy User,,,:/home/deploy:/bin/bash\n' })).toEqual({
      user_id: 'deploy',
      user_uid: 1001,
      user_gid: 1001,
      user_gecos: 'Deploy User,,,',
      user_dir: '/home/deploy',
      user_shell: '/bin/bash',
      real_user_id: 1001,
      effective_user_id: 1001,
      real_group_id: 1001,
      effective_group_id: 1001,
    });
  });
  it('falls back to the uid entry when the login name has none', () => {
    const facts = userFacts({ ids: '\nuid=0(root) gid=0(root) groups=0(root)\n', passwd: '@byuid\nroot:x:0:0:root:/root:/bin/sh\n' });
    expect(facts).toMatchObject({ user_id: 'root', user_uid: 0, user_dir: '/root', user_shell: '/bin/sh' });
  });
});

describe('envFacts', () => {
  it('splits NUL-separated pairs, keeping newlines and = inside values', () => {
    expect(envFacts('HOME=/root\0MULTI=a\nb\0EQ=x=y\0').env).toEqual({ HOME: '/root', MULTI: 'a\nb', EQ: 'x=y' });
  });
});

describe('cmdlineFacts', () => {
  it('keeps the last value in cmdline and all of them in proc_cmdline', () => {
    expect(cmdlineFacts('BOOT_IMAGE=/vmlinuz root=UUID=abc ro console=tty0 console=ttyS0,115200 quiet\n')).toEqual({
      cmdline: { BOOT_IMAGE: '/vmlinuz', root: 'UUID=abc', ro: true, console: 'ttyS0,115200', quiet: true },
      proc_cmdline: { BOOT_IMAGE: '/vmlinuz', root: 'UUID=abc', ro: true, console: ['tty0', 'ttyS0,115200'], quiet: true },
    });
  });
});

describe('lsbFacts', () => {
  it('reads lsb_release -a, else /etc/lsb-release', () => {
    expect(lsbFacts('Distributor ID:\tDebian\nDescription:\tDebian GNU/Linux 12 (bookworm)\nRelease:\t12\nCodename:\tbookworm\n', undefined)).toEqual({
      lsb: { id: 'Debian', description: 'Debian GNU/Linux 12 (bookworm)', release: '12', codename: 'bookworm', major_release: '12' },
    });
    expect(lsbFacts(undefined, 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.3 LTS"\n')).toEqual({
      lsb: { id: 'Ubuntu', release: '22.04', codename: 'jammy', description: 'Ubuntu 22.04.3 LTS', major_release: '22' },
    });
    expect(lsbFacts(undefined, undefined)).toEqual({ lsb: {} });
  });
});

describe('small collectors', () => {
  it('capsFacts', () => {
    expect(capsFacts('Current: =ep cap_sys_resource-ep\nBounding set =cap_chown\n@rc=0\n')).toEqual({ system_capabilities_enforced: 'True', system_capabilities: ['ep cap_sys_resource-ep'] });
    expect(capsFacts('Current: =ep\n@rc=0\n')).toEqual({ system_capabilities_enforced: 'False', system_capabilities: [] });
    expect(capsFacts(undefined)).toEqual({ system_capabilities_enforced: 'N/A', system_capabilities: 'N/A' });
  });
  it('selinuxFacts', () => {
    expect(selinuxFacts(() => undefined)).toEqual({ selinux: { status: 'disabled' }, selinux_python_present: true });
    const files: Record<string, string> = { '/sys/fs/selinux/enforce': '1', '/sys/fs/selinux/policyvers': '33\n', '/etc/selinux/config': 'SELINUX=enforcing\nSELINUXTYPE=targeted\n' };
    expect(selinuxFacts((p) => files[p]).selinux).toEqual({ status: 'enabled', policyvers: 33, config_mode: 'enforcing', mode: 'enforcing', type: 'targeted' });
  });
  it('chrootFacts', () => {
    expect(chrootFacts('\n2049:2\n2049:2\n', undefined)).toEqual({ is_chroot: false });
    expect(chrootFacts('\n2049:2\n64768:2\n', undefined)).toEqual({ is_chroot: true });
    expect(chrootFacts('mychroot\n', undefined)).toEqual({ is_chroot: true });
    expect(chrootFacts('\n2049:256\n', 'btrfs\n')).toEqual({ is_chroot: false });
    expect(chrootFacts('\n2049:2\n', 'xfs\n')).toEqual({ is_chroot: true });
    // test -ef's verdict, as the script prints it when pid 1's root can be looked at
    expect(chrootFacts('\n@same\n', undefined)).toEqual({ is_chroot: false });
    expect(chrootFacts('\n@differs\n', undefined)).toEqual({ is_chroot: true });
  });
  it('pythonFacts only when the target has python3', () => {
    expect(pythonFacts(undefined)).toEqual({});
    expect(pythonFacts('3 11 2 final 0 cpython\n/usr/bin/python3\n')).toEqual({
      python: { version: { major: 3, minor: 11, micro: 2, releaselevel: 'final', serial: 0 }, version_info: [3, 11, 2, 'final', 0], executable: '/usr/bin/python3', has_sslcontext: true, type: 'cpython' },
      python_version: '3.11.2',
    });
  });
  it('sshPubKeyFacts', () => {
    const files: Record<string, string> = { '/etc/ssh/ssh_host_ed25519_key.pub': 'ssh-ed25519 AAAAC3Nza root@h\n', '/etc/ssh/ssh_host_rsa_key.pub': 'ssh-rsa AAAAB3Nza root@h\n' };
    expect(sshPubKeyFacts((p) => files[p])).toEqual({
      ssh_host_key_rsa_public: 'AAAAB3Nza',
      ssh_host_key_rsa_public_keytype: 'ssh-rsa',
      ssh_host_key_ed25519_public: 'AAAAC3Nza',
      ssh_host_key_ed25519_public_keytype: 'ssh-ed25519',
    });
  });
});
