import { createHash, randomBytes } from 'node:crypto';
import { groupNames, inventoryFileVars, inventoryHostnameShort } from '../inventory/host-magic.js';
import { groupHosts } from '../inventory/host-vars.js';
import { CONTROLLER_PYTHON } from '../inventory/implicit-localhost.js';
import type { Inventory } from '../inventory/types.js';
import { TEMPLATE_FREE, templateFree } from './lazy-vars.js';
import type { Vars } from './types.js';

/** Ansible's per-run omit token: an arg whose value equals it is dropped before the module runs. */
export const OMIT_TOKEN = `__omit_place_holder__${createHash('sha1').update(randomBytes(64)).digest('hex')}`;

/** tsible speaks Ansible 2.14's language; playbooks that test ansible_version see that. */
export const ANSIBLE_VERSION = { full: '2.14.18', major: 2, minor: 14, revision: 18, string: '2.14.18' };

const groupsCache = new WeakMap<Inventory, Record<string, string[]>>();

/** `groups`: every group with all its hosts; computed once per inventory, not per host and task. */
export function groupsVar(inv: Inventory): Record<string, string[]> {
  let groups = groupsCache.get(inv);
  if (!groups) {
    groups = templateFree({} as Record<string, string[]>);
    for (const name of inv.groups.keys()) groups[name] = groupHosts(inv, name);
    groupsCache.set(inv, groups);
  }
  return groups;
}

/** The inventory changed during the run (add_host, group_by): `groups` must be computed again. */
export function forgetGroupsVar(inv: Inventory): void {
  groupsCache.delete(inv);
}

/** The inventory's magic vars for one host: inventory_hostname(_short), group_names, groups, inventory_dir/file. */
export function inventoryMagicVars(inv: Inventory, host: string): Vars {
  return {
    ...inventoryFileVars(inv, host),
    inventory_hostname: host,
    inventory_hostname_short: inventoryHostnameShort(host),
    group_names: groupNames(inv, host),
    groups: groupsVar(inv),
  };
}

/** What the run and the play say about themselves (load_options_vars + the play's magic vars). */
export interface RunMagic {
  checkMode: boolean;
  diffMode: boolean;
  forks: number;
  verbosity: number;
  inventorySources: string[];
  limit?: string | undefined;
  runTags?: string[];
  skipTags?: string[];
  playbookDir?: string | undefined;
  configFile?: string | undefined;
  playName?: string | undefined;
  playHostsAll?: string[];
  playHosts?: string[];
  playBatch?: string[];
}

export function runMagicVars(run: RunMagic): Vars {
  const vars: Vars = {
    ansible_check_mode: run.checkMode,
    ansible_diff_mode: run.diffMode,
    ansible_forks: run.forks,
    ansible_verbosity: run.verbosity,
    ansible_inventory_sources: run.inventorySources,
    ansible_run_tags: run.runTags ?? ['all'],
    ansible_skip_tags: run.skipTags ?? [],
    ansible_version: ANSIBLE_VERSION,
    ansible_playbook_python: CONTROLLER_PYTHON,
    omit: OMIT_TOKEN,
  };
  if (run.limit !== undefined) vars.ansible_limit = run.limit;
  if (run.playbookDir !== undefined) vars.playbook_dir = run.playbookDir;
  if (run.configFile !== undefined) vars.ansible_config_file = run.configFile;
  if (run.playName !== undefined) vars.ansible_play_name = run.playName;
  if (run.playHostsAll) vars.ansible_play_hosts_all = run.playHostsAll;
  if (run.playHosts) vars.ansible_play_hosts = run.playHosts;
  if (run.playBatch) {
    vars.ansible_play_batch = run.playBatch;
    vars.play_hosts = run.playBatch;
  }
  return vars;
}

const namesCache = new WeakMap<object, { names: ReadonlySet<string>; target: Vars }>();

/** The host names as a set and as the proxy's (never written) key object: once per inventory, not per host and task. */
function hostNames(hosts: ReadonlyMap<string, unknown> | Iterable<string>): { names: ReadonlySet<string>; target: Vars } {
  const cached = namesCache.get(hosts);
  // add_host grows the inventory during a run: a cached set of another size is out of date
  if (cached && hosts instanceof Map && cached.names.size === hosts.size) return cached;
  const names = new Set(hosts instanceof Map ? hosts.keys() : (hosts as Iterable<string>));
  const made = { names, target: Object.fromEntries([...names].map((n) => [n, undefined])) as Vars };
  if (hosts instanceof Map) namesCache.set(hosts, made);
  return made;
}

/**
 * `hostvars`: every inventory host's vars, built only for the hosts a template actually looks at. `alsoKnown`: names
 * it answers for without listing them (the implicit localhost: HostVars finds it through inventory.get_host).
 */
export function hostvarsView(hosts: ReadonlyMap<string, unknown> | Iterable<string>, varsOf: (host: string) => Vars, alsoKnown: (name: string) => boolean = () => false): Vars {
  const { names, target } = hostNames(hosts);
  const cache = new Map<string, Vars>();
  return new Proxy(target, {
    get(_target, key) {
      if (key === TEMPLATE_FREE) return true;
      if (typeof key !== 'string' || !(names.has(key) || alsoKnown(key))) return undefined;
      let vars = cache.get(key);
      if (!vars) {
        vars = varsOf(key);
        cache.set(key, vars);
      }
      return vars;
    },
    has(_target, key) {
      return typeof key === 'string' && (names.has(key) || alsoKnown(key));
    },
    set() {
      throw new TypeError('hostvars is read-only');
    },
  });
}
