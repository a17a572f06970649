import { fnmatchToRegExp } from '../inventory/fnmatch.js';

/** The Linux fact collectors of Ansible 2.14 (module_utils/facts/default_collectors.py), in its order. */
export const COLLECTORS = [
  'platform',
  'distribution',
  'lsb',
  'selinux',
  'apparmor',
  'chroot',
  'fips',
  'python',
  'caps',
  'pkg_mgr',
  'service_mgr',
  'cmdline',
  'date_time',
  'env',
  'loadavg',
  'ssh_pub_keys',
  'user',
  'virtual',
  'hardware',
  'dns',
  'fibre_channel_wwn',
  'network',
  'iscsi',
  'nvme',
  'local',
  'facter',
  'ohai',
] as const;

export type CollectorName = (typeof COLLECTORS)[number];

/** Fact ids a collector also answers to in gather_subset (its `_fact_ids`). */
const FACT_IDS: Partial<Record<CollectorName, string[]>> = {
  platform: ['system', 'kernel', 'kernel_version', 'machine', 'python_version', 'architecture', 'machine_id'],
  distribution: ['distribution_version', 'distribution_release', 'distribution_major_version', 'os_family'],
  chroot: ['is_chroot'],
  caps: ['system_capabilities', 'system_capabilities_enforced'],
  ssh_pub_keys: ['ssh_host_pub_keys', 'ssh_host_key_dsa_public', 'ssh_host_key_rsa_public', 'ssh_host_key_ecdsa_public', 'ssh_host_key_ed25519_public'],
  user: ['user_id', 'user_uid', 'user_gid', 'user_gecos', 'user_dir', 'user_shell', 'real_user_id', 'effective_user_id', 'effective_group_ids'],
  virtual: ['virtualization_type', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host'],
  hardware: ['processor', 'processor_cores', 'processor_count', 'mounts', 'devices'],
  network: ['interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses'],
};

/** Collectors whose facts others read (`required_facts`), pulled in even when not asked for. */
const REQUIRES: Partial<Record<CollectorName, CollectorName[]>> = {
  pkg_mgr: ['distribution'],
  service_mgr: ['platform', 'distribution'],
  hardware: ['platform'],
  network: ['distribution', 'platform'],
};

/** setup's minimal_gather_subset: gathered even for `!all`. */
export const MINIMAL_SUBSET: ReadonlySet<string> = new Set([
  'apparmor',
  'caps',
  'cmdline',
  'date_time',
  'distribution',
  'dns',
  'env',
  'fips',
  'local',
  'lsb',
  'pkg_mgr',
  'platform',
  'python',
  'selinux',
  'service_mgr',
  'ssh_pub_keys',
  'user',
]);

/** Every name gather_subset accepts: collector names and their fact ids. */
const ID_TO_COLLECTORS = new Map<string, CollectorName[]>();
for (const name of COLLECTORS) {
  for (const id of [name, ...(FACT_IDS[name] ?? [])]) ID_TO_COLLECTORS.set(id, [...(ID_TO_COLLECTORS.get(id) ?? []), name]);
}
const VALID_SUBSETS: ReadonlySet<string> = new Set(ID_TO_COLLECTORS.keys());

export class GatherSubsetError extends Error {}

/**
 * The subset names gather_subset selects, exactly as collector.get_collector_names computes them:
 * start from `min`, add, then remove exclusions, but never remove what was named explicitly.
 */
export function subsetNames(gatherSubset: readonly string[]): Set<string> {
  const spec = gatherSubset.length ? gatherSubset : ['all'];
  const add = new Set<string>();
  const exclude = new Set<string>();
  const explicit = new Set<string>();
  for (const item of ['min', ...spec]) {
    if (item === 'min') MINIMAL_SUBSET.forEach((s) => add.add(s));
    else if (item === 'all') VALID_SUBSETS.forEach((s) => add.add(s));
    else if (item.startsWith('!')) {
      const name = item.slice(1);
      if (name === 'min') MINIMAL_SUBSET.forEach((s) => exclude.add(s));
      else if (name === 'all') VALID_SUBSETS.forEach((s) => MINIMAL_SUBSET.has(s) || exclude.add(s));
      else {
        // '!hardware' also drops the fact ids it answers to ('devices', 'mounts'...)
        for (const id of FACT_IDS[name as CollectorName] ?? []) exclude.add(id);
        exclude.add(name);
      }
    } else {
      if (!VALID_SUBSETS.has(item)) {
        throw new GatherSubsetError(`Bad subset '${item}' given to Ansible. gather_subset options allowed: all, ${[...VALID_SUBSETS].sort().join(', ')}`);
      }
      explicit.add(item);
      add.add(item);
    }
  }
  if (add.size === 0) VALID_SUBSETS.forEach((s) => add.add(s));
  for (const name of exclude) if (!explicit.has(name)) add.delete(name);
  return add;
}

/** The collectors to run for a gather_subset, with their dependencies, in Ansible's collector order. */
export function selectCollectors(gatherSubset: readonly string[]): Set<CollectorName> {
  const chosen = new Set<CollectorName>();
  for (const name of subsetNames(gatherSubset)) for (const c of ID_TO_COLLECTORS.get(name) ?? []) chosen.add(c);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of [...chosen]) {
      for (const dep of REQUIRES[c] ?? []) {
        if (!chosen.has(dep)) {
          chosen.add(dep);
          grew = true;
        }
      }
    }
  }
  return new Set(COLLECTORS.filter((c) => chosen.has(c)));
}

/** Applies setup's `filter`: fnmatch patterns, each also tried with `ansible_` in front. */
export function applyFilter(facts: Record<string, unknown>, filter: readonly string[]): Record<string, unknown> {
  if (filter.length === 0 || (filter.length === 1 && filter[0] === '*')) return facts;
  const out: Record<string, unknown> = {};
  for (const pattern of filter) {
    const direct = fnmatchToRegExp(pattern);
    const prefixed = pattern && !/^(ansible_|facter|ohai)/.test(pattern) ? fnmatchToRegExp(`ansible_${pattern}`) : undefined;
    for (const [key, value] of Object.entries(facts)) {
      if (!pattern || direct.test(key) || prefixed?.test(key)) out[key] = value;
    }
  }
  return out;
}
