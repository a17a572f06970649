// Facts of this machine, side by side: Debian's ansible-core (`ansible localhost -m setup -c local`) and
// tsible's gatherFacts through the local connection. Identity facts must be equal; the rest must have
// the same keys and value types. Both wall times are printed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../src/connection/local.js';
import { gatherFacts } from '../../src/facts/gather.js';
import { ansibleAvailable } from './cli.js';

const run = promisify(execFile);


type Facts = Record<string, unknown>;

/** Keys gathered by Ansible that tsible does not gather (none, on Linux). */
const NOT_GATHERED = new Set<string>([]);

/** Facts that must be equal value for value. */
const EQUAL = [
  'ansible_hostname',
  'ansible_nodename',
  'ansible_fqdn',
  'ansible_domain',
  'ansible_os_family',
  'ansible_distribution',
  'ansible_distribution_version',
  'ansible_distribution_major_version',
  'ansible_distribution_minor_version',
  'ansible_distribution_release',
  'ansible_distribution_file_path',
  'ansible_distribution_file_variety',
  'ansible_kernel',
  'ansible_kernel_version',
  'ansible_architecture',
  'ansible_machine',
  'ansible_system',
  'ansible_userspace_bits',
  'ansible_machine_id',
  'ansible_pkg_mgr',
  'ansible_service_mgr',
  'ansible_user_id',
  'ansible_user_uid',
  'ansible_user_gid',
  'ansible_user_dir',
  'ansible_user_shell',
  'ansible_user_gecos',
  'ansible_real_user_id',
  'ansible_effective_user_id',
  'ansible_lsb',
  'ansible_selinux',
  'ansible_apparmor',
  'ansible_fips',
  'ansible_is_chroot',
  'ansible_default_ipv4',
  'ansible_default_ipv6',
  'ansible_memtotal_mb',
  'ansible_swaptotal_mb',
  'ansible_processor',
  'ansible_processor_count',
  'ansible_processor_cores',
  'ansible_processor_threads_per_core',
  'ansible_processor_vcpus',
  'ansible_processor_nproc',
  'ansible_virtualization_type',
  'ansible_virtualization_role',
  'ansible_system_capabilities',
  'ansible_cmdline',
  'ansible_local',
  'ansible_lvm',
  'ansible_devices',
  'ansible_device_links',
  'gather_subset',
  'module_setup',
];

/** A value's shape: types all the way down (lists by their first element). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort());
  if (typeof value === 'number') return 'number';
  return value === null ? 'null' : typeof value;
}

const asSet = (v: unknown): Set<unknown> => new Set(v as unknown[]);

/** JSON with object keys sorted: Ansible's key order is its collectors', not a contract. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Facts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

describe.skipIf(!ansibleAvailable())('facts on localhost, tsible vs ansible', () => {
  let ansible: Facts;
  let tsible: Facts;
  let ansibleMs = 0;
  let tsibleMs = 0;

  beforeAll(async () => {
    const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false' };
    let t0 = performance.now();
    const out = await run('ansible', ['localhost', '-m', 'setup', '-c', 'local'], { env, maxBuffer: 64 * 1024 * 1024 });
    ansibleMs = performance.now() - t0;
    ansible = (JSON.parse(out.stdout.slice(out.stdout.indexOf('=>') + 2)) as { ansible_facts: Facts }).ansible_facts;
    t0 = performance.now();
    tsible = await gatherFacts(new LocalConnection('localhost'), {});
    tsibleMs = performance.now() - t0;
    console.log(`facts on localhost: ansible -m setup ${ansibleMs.toFixed(0)} ms (whole CLI), tsible gatherFacts ${tsibleMs.toFixed(0)} ms`);
  }, 120_000);

  it('gathers the same keys', () => {
    const missing = Object.keys(ansible).filter((k) => !(k in tsible) && !NOT_GATHERED.has(k));
    const extra = Object.keys(tsible).filter((k) => !(k in ansible));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('agrees on identity, platform, users, managers, CPU and memory size', () => {
    const differ = EQUAL.filter((k) => k in ansible && canonical(tsible[k]) !== canonical(ansible[k]));
    expect(differ.map((k) => ({ [k]: { ansible: ansible[k], tsible: tsible[k] } }))).toEqual([]);
  });

  it('agrees on interfaces, addresses, mounts, DNS and time zone as sets', () => {
    expect(asSet(tsible.ansible_interfaces)).toEqual(asSet(ansible.ansible_interfaces));
    expect(asSet(tsible.ansible_all_ipv4_addresses)).toEqual(asSet(ansible.ansible_all_ipv4_addresses));
    expect(asSet(tsible.ansible_all_ipv6_addresses)).toEqual(asSet(ansible.ansible_all_ipv6_addresses));
    const mountPoints = (f: Facts): Set<unknown> => new Set((f.ansible_mounts as { mount: string }[]).map((m) => m.mount));
    expect(mountPoints(tsible)).toEqual(mountPoints(ansible));
    expect((tsible.ansible_dns as Facts).nameservers).toEqual((ansible.ansible_dns as Facts).nameservers);
    const tz = (f: Facts): unknown => (f.ansible_date_time as Facts).tz;
    expect(tz(tsible)).toEqual(tz(ansible));
    for (const iface of ansible.ansible_interfaces as string[]) {
      const key = `ansible_${iface}`;
      expect({ [key]: tsible[key] }).toEqual({ [key]: ansible[key] });
    }
  });

  it('sees the same environment variable names', () => {
    // `_` and PWD belong to the process that asked, not to the host; ANSIBLE_* were set for the ansible run only
    const names = (f: Facts): string[] => Object.keys(f.ansible_env as Facts).filter((k) => !['_', 'PWD', 'OLDPWD', 'SHLVL'].includes(k) && !k.startsWith('ANSIBLE_')).sort();
    expect(names(tsible)).toEqual(names(ansible));
  });

  it('gives every other fact the same shape', () => {
    const skip = new Set([...NOT_GATHERED, 'ansible_env', 'ansible_cmdline', 'ansible_proc_cmdline']);
    const differ = Object.keys(ansible).filter((k) => !skip.has(k) && k in tsible && JSON.stringify(shape(tsible[k])) !== JSON.stringify(shape(ansible[k])));
    expect(differ.map((k) => ({ [k]: { ansible: shape(ansible[k]), tsible: shape(tsible[k]) } }))).toEqual([]);
  });

  it('is faster than ansible', () => {
    expect(tsibleMs).toBeLessThan(ansibleMs);
  });
});
