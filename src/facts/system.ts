import type { Facts } from './distribution.js';

/** dns {nameservers, domain, search, sortlist, options} from /etc/resolv.conf, as DnsFactCollector reads it. */
export function dnsFacts(resolvConf: string | undefined): Facts {
  const dns: Record<string, unknown> = {};
  for (const line of (resolvConf ?? '').split('\n')) {
    if (line.startsWith('#') || line.startsWith(';') || line.trim() === '') continue;
    const tokens = line.trim().split(/\s+/);
    const [head, ...rest] = tokens;
    if (head === 'nameserver') ((dns.nameservers ??= []) as string[]).push(...rest);
    else if (head === 'domain' && rest.length) dns.domain = rest[0];
    else if (head === 'search') dns.search = rest;
    else if (head === 'sortlist') dns.sortlist = rest;
    else if (head === 'options') {
      const opts: Record<string, string | boolean> = {};
      for (const opt of rest) {
        const colon = opt.indexOf(':');
        opts[colon < 0 ? opt : opt.slice(0, colon)] = colon < 0 || opt.slice(colon + 1) === '' ? true : opt.slice(colon + 1);
      }
      dns.options = opts;
    }
  }
  return { dns };
}

export interface DateInput {
  /** `date "+%Y|%m|%d|%H|%M|%S|%s|%N|%w|%W|%z|%Z|%A"` in the C locale */
  date: string;
  /** `+%z %Z` for 1 January and 1 July of this year (to find the zone's DST name) */
  tzProbe?: string | undefined;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** date_time {...} as DateTimeFactCollector builds it: local fields from the host, the iso8601 ones in UTC. */
export function dateTimeFacts(input: DateInput): Facts {
  const [Y = '', m = '', d = '', H = '', M = '', S = '', epoch = '', nanos = '', w = '', W = '', z = '', Z = '', A = ''] = input.date.trim().split('|');
  const micro = /^\d{9}$/.test(nanos) ? nanos.slice(0, 6) : '000000';
  const utc = new Date(Number(epoch) * 1000);
  const utcDate = `${utc.getUTCFullYear()}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
  const utcTime = `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}`;
  let tzDst = Z;
  const probes = (input.tzProbe ?? '').trim().split('\n').map((l) => l.trim().split(' ') as [string, string]).filter((p) => p.length === 2);
  if (probes.length === 2) {
    const [jan, jul] = probes as [[string, string], [string, string]];
    // tzname[1]: the zone's daylight-saving name, which is the one with the larger UTC offset
    tzDst = jan[1] === jul[1] ? jan[1] : Number(jan[0]) > Number(jul[0]) ? jan[1] : jul[1];
  }
  return {
    date_time: {
      year: Y,
      month: m,
      weekday: A,
      weekday_number: w,
      weeknumber: W,
      day: d,
      hour: H,
      minute: M,
      second: S,
      epoch,
      epoch_int: String(parseInt(epoch, 10)),
      date: `${Y}-${m}-${d}`,
      time: `${H}:${M}:${S}`,
      iso8601_micro: `${utcDate}T${utcTime}.${micro}Z`,
      iso8601: `${utcDate}T${utcTime}Z`,
      iso8601_basic: `${Y}${m}${d}T${H}${M}${S}${micro}`,
      iso8601_basic_short: `${Y}${m}${d}T${H}${M}${S}`,
      tz: Z,
      tz_dst: tzDst,
      tz_offset: z,
    },
  };
}

export interface UserInput {
  /** the `user` section: login name from the environment, then `id` (`uid=0(root) gid=0(root) [euid=..] groups=..`) */
  ids: string;
  /** the `passwd` section: the entry for the login name, else `@byuid` and the entry for the uid */
  passwd: string;
}

/** user_id, user_uid/gid/gecos/dir/shell, real/effective ids, as UserFactCollector reads them (getpass.getuser() honours $LOGNAME/$USER). */
export function userFacts(input: UserInput): Facts {
  const [envName = '', id = ''] = input.ids.split('\n');
  const field = (key: string): { num: number; name?: string } | undefined => {
    const m = new RegExp(`(?:^|\\s)${key}=(\\d+)(?:\\(([^)]*)\\))?`).exec(id);
    return m ? { num: Number(m[1]), ...(m[2] !== undefined ? { name: m[2] } : {}) } : undefined;
  };
  const uid = field('uid');
  const euid = field('euid') ?? uid;
  const gid = field('gid');
  const userId = envName || uid?.name || '';
  const passwd = input.passwd.replace('@byuid\n', '');
  const entry = (passwd.split('\n').find((l) => l.split(':').length >= 7) ?? '').split(':');
  const facts: Facts = { user_id: userId };
  if (entry.length >= 7) {
    facts.user_uid = Number(entry[2]);
    facts.user_gid = Number(entry[3]);
    facts.user_gecos = entry[4];
    facts.user_dir = entry[5];
    facts.user_shell = entry[6];
  }
  facts.real_user_id = uid?.num ?? null;
  facts.effective_user_id = euid?.num ?? null;
  facts.real_group_id = gid?.num ?? null;
  // Ansible fills effective_group_id from os.getgid() (the real gid); kept as it does
  facts.effective_group_id = gid?.num ?? null;
  return facts;
}

/** env {...} from `env -0` (NUL-separated) or /proc/$$/environ. */
export function envFacts(raw: string | undefined): Facts {
  const env: Record<string, string> = {};
  for (const item of (raw ?? '').split('\0')) {
    const eq = item.indexOf('=');
    if (eq > 0) env[item.slice(0, eq).replace(/^\n/, '')] = item.slice(eq + 1);
  }
  return { env };
}

/** shlex.split(data, posix=False): whitespace-split, quotes kept, a quoted run stays one token. */
function shlexNonPosix(data: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let inToken = false;
  for (const c of data) {
    if (quote) {
      cur += c;
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      cur += c;
      quote = c;
      inToken = true;
    } else if (/\s/.test(c)) {
      if (inToken) out.push(cur);
      cur = '';
      inToken = false;
    } else {
      cur += c;
      inToken = true;
    }
  }
  if (quote) throw new Error('No closing quotation');
  if (inToken) out.push(cur);
  return out;
}

/** cmdline (last value wins) and proc_cmdline (repeated keys become lists) from /proc/cmdline. */
export function cmdlineFacts(cmdline: string | undefined): Facts {
  const data = cmdline?.trim();
  if (!data) return {};
  const simple: Record<string, unknown> = {};
  const full: Record<string, unknown> = {};
  let pieces: string[] = [];
  try {
    pieces = shlexNonPosix(data);
  } catch {
    pieces = [];
  }
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) {
      simple[piece] = true;
      full[piece] = true;
      continue;
    }
    const [key, value] = [piece.slice(0, eq), piece.slice(eq + 1)];
    simple[key] = value;
    if (key in full) full[key] = Array.isArray(full[key]) ? [...(full[key] as unknown[]), value] : [full[key], value];
    else full[key] = value;
  }
  return { cmdline: simple, proc_cmdline: full };
}

/** loadavg {1m, 5m, 15m} from /proc/loadavg. */
export function loadavgFacts(loadavg: string | undefined): Facts {
  const [a, b, c] = (loadavg ?? '').trim().split(/\s+/).map(Number);
  if (a === undefined || b === undefined || c === undefined || [a, b, c].some(Number.isNaN)) return {};
  return { loadavg: { '1m': a, '5m': b, '15m': c } };
}

/** ssh_host_key_<algo>_public and _keytype, first key directory that has each algorithm (Ansible's early return kept). */
export function sshPubKeyFacts(file: (path: string) => string | undefined): Facts {
  const facts: Facts = {};
  for (const dir of ['/etc/ssh', '/etc/openssh', '/etc']) {
    for (const algo of ['dsa', 'rsa', 'ecdsa', 'ed25519']) {
      const name = `ssh_host_key_${algo}_public`;
      if (name in facts) return facts;
      const data = file(`${dir}/ssh_host_${algo}_key.pub`)?.trim();
      if (data === undefined) continue;
      const [keytype, key] = data.split(/\s+/);
      facts[name] = key;
      facts[`${name}_keytype`] = keytype;
    }
  }
  return facts;
}

/** system_capabilities(_enforced) from `capsh --print` (N/A when capsh is missing). */
export function capsFacts(capsh: string | undefined): Facts {
  if (capsh === undefined || !capsh.includes('@rc=0')) return { system_capabilities_enforced: 'N/A', system_capabilities: 'N/A' };
  let enforced = 'NA';
  let caps: string[] = [];
  for (const line of capsh.split('\n')) {
    if (!line.startsWith('Current:')) continue;
    if ((line.split(':')[1] ?? '').trim() === '=ep') enforced = 'False';
    else {
      enforced = 'True';
      caps = (line.split('=')[1] ?? '').split(',').map((s) => s.trim());
    }
  }
  return { system_capabilities_enforced: enforced, system_capabilities: caps };
}

const STRIP_LSB = /^['"\\]+|['"\\]+$/g;

/** lsb {id, release, major_release, codename, description} from `lsb_release -a`, else /etc/lsb-release. */
export function lsbFacts(lsbRelease: string | undefined, lsbFile: string | undefined): Facts {
  const lsb: Record<string, string> = {};
  for (const line of (lsbRelease ?? '').split('\n')) {
    if (!line || !line.includes(':')) continue;
    const value = line.slice(line.indexOf(':') + 1).trim();
    if (line.includes('LSB Version:')) lsb.release = value;
    else if (line.includes('Distributor ID:')) lsb.id = value;
    else if (line.includes('Description:')) lsb.description = value;
    else if (line.includes('Release:')) lsb.release = value;
    else if (line.includes('Codename:')) lsb.codename = value;
  }
  if (Object.keys(lsb).length === 0 && lsbFile !== undefined) {
    for (const line of lsbFile.split('\n')) {
      if (!line.includes('=')) continue;
      const value = line.slice(line.indexOf('=') + 1).trim();
      if (line.includes('DISTRIB_ID')) lsb.id = value;
      else if (line.includes('DISTRIB_RELEASE')) lsb.release = value;
      else if (line.includes('DISTRIB_DESCRIPTION')) lsb.description = value;
      else if (line.includes('DISTRIB_CODENAME')) lsb.codename = value;
    }
  }
  if (lsb.release !== undefined) lsb.major_release = lsb.release.split('.')[0] as string;
  for (const k of Object.keys(lsb)) if (lsb[k]) lsb[k] = (lsb[k] as string).replace(STRIP_LSB, '');
  return { lsb };
}

/** selinux {status, mode, config_mode, type, policyvers} read from selinuxfs and /etc/selinux/config (no python bindings needed). */
export function selinuxFacts(file: (path: string) => string | undefined): Facts {
  const enforce = file('/sys/fs/selinux/enforce')?.trim();
  if (enforce === undefined) return { selinux: { status: 'disabled' }, selinux_python_present: true };
  const config = file('/etc/selinux/config') ?? '';
  const setting = (key: string): string | undefined => new RegExp(`^\\s*${key}\\s*=\\s*(\\S+)`, 'm').exec(config)?.[1];
  const modeName = (v: string | undefined): string => (v === '1' || v === 'enforcing' ? 'enforcing' : v === '0' || v === 'permissive' ? 'permissive' : v === 'disabled' ? 'disabled' : 'unknown');
  const policyvers = file('/sys/fs/selinux/policyvers')?.trim();
  return {
    selinux: {
      status: 'enabled',
      policyvers: policyvers ? Number(policyvers) : 'unknown',
      config_mode: modeName(setting('SELINUX')),
      mode: modeName(enforce),
      type: setting('SELINUXTYPE') ?? 'unknown',
    },
    selinux_python_present: true,
  };
}

/** is_chroot: `/` differs from PID 1's root (device or inode), else the root inode is not the filesystem's first. */
export function chrootFacts(chroot: string | undefined, rootFsType: string | undefined): Facts {
  const [debianChroot = '', ...stats] = (chroot ?? '').split('\n').filter((l, i) => i === 0 || l !== '');
  if (debianChroot) return { is_chroot: true };
  const [mine, pid1] = stats;
  // the script's verdict from test -ef (or, as captured from older scripts, the two `dev:inode` lines)
  if (mine === '@same' || mine === '@differs') return { is_chroot: mine === '@differs' };
  if (mine && pid1) return { is_chroot: mine !== pid1 };
  const fsRootIno = rootFsType?.includes('btrfs') ? 256 : rootFsType?.includes('xfs') ? 128 : 2;
  const ino = Number((mine ?? '').split(':')[1]);
  return { is_chroot: Number.isNaN(ino) ? null : ino !== fsRootIno };
}

/** python {version, version_info, executable, has_sslcontext, type} and python_version, from the target's python3 (only if it has one). */
export function pythonFacts(section: string | undefined): Facts {
  const [versionLine, executable] = (section ?? '').trim().split('\n');
  const parts = versionLine?.trim().split(' ');
  if (!parts || parts.length < 6) return {};
  const [major, minor, micro, releaselevel, serial, impl] = parts as [string, string, string, string, string, string];
  return {
    python: {
      version: { major: Number(major), minor: Number(minor), micro: Number(micro), releaselevel, serial: Number(serial) },
      version_info: [Number(major), Number(minor), Number(micro), releaselevel, Number(serial)],
      executable: executable?.trim() ?? null,
      has_sslcontext: true,
      type: impl,
    },
    python_version: `${major}.${minor}.${micro}`,
  };
}

/** iscsi_iqn from /etc/iscsi/initiatorname.iscsi. */
export function iscsiFacts(text: string | undefined): Facts {
  let iqn = '';
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';') || line === '') continue;
    if (line.startsWith('InitiatorName=')) iqn = line.slice('InitiatorName='.length);
  }
  return { iscsi_iqn: iqn };
}

/** hostnqn from /etc/nvme/hostnqn. */
export function nvmeFacts(text: string | undefined): Facts {
  let nqn = '';
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';') || line === '') continue;
    if (line.startsWith('nqn.')) nqn = line;
  }
  return { hostnqn: nqn };
}

/** fibre_channel_wwn from /sys/class/fc_host/*\/port_name (0x prefix dropped). */
export function fcWwnFacts(text: string | undefined): Facts {
  return { fibre_channel_wwn: (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.replace(/^0x/, '')) };
}
