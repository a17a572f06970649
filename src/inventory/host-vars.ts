import { groupAndDescendants, groupDepths, hostGroupClosure, parentIndex } from './group-tree.js';
import { implicitLocalhost } from './implicit-localhost.js';
import type { Host, Inventory } from './types.js';
import type { VarsDir } from './vars-dir.js';

type Vars = Record<string, unknown>;

/** A host's groups (with parents, without `all`) in merge order: depth, then ansible_group_priority, then name. */
export function sortedHostGroups(inv: Inventory, host: Host): string[] {
  const index = parentIndex(inv);
  const depths = groupDepths(inv, index);
  const priority = (g: string): number => inv.groups.get(g)?.priority ?? 1;
  return [...hostGroupClosure(inv, host.groups, index)].sort(
    (a, b) =>
      (depths.get(a) ?? 0) - (depths.get(b) ?? 0) || priority(a) - priority(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/**
 * A host's inventory variables, merged in Ansible's precedence order (levels 3-10): `all` vars, other groups
 * by depth/priority/name, group_vars/all, group_vars/*, host vars, host_vars/ (inventory dirs, then `playbookDirs`).
 * Magic variables (inventory_hostname, group_names, groups...) are not included.
 */
export function hostVars(inv: Inventory, host: string, playbookDirs: VarsDir[] = []): Vars {
  const entry = inv.hosts.get(host) ?? implicitLocalhost(inv, host);
  if (!entry) throw new Error(`hostVars: ${host} is not in the inventory (tsible bug: please report it)`);
  const groups = sortedHostGroups(inv, entry);
  const inventoryDirs = inv.varsDirs ?? [];
  let vars: Vars = { ...inv.groups.get('all')?.vars };
  for (const g of groups) vars = { ...vars, ...inv.groups.get(g)?.vars };
  for (const dirs of [inventoryDirs, playbookDirs]) {
    for (const dir of dirs) vars = { ...vars, ...dir.groupVars('all') };
  }
  for (const dirs of [inventoryDirs, playbookDirs]) {
    for (const dir of dirs) for (const g of groups) vars = { ...vars, ...dir.groupVars(g) };
  }
  vars = { ...vars, ...entry.vars };
  for (const dir of [...inventoryDirs, ...playbookDirs]) vars = { ...vars, ...dir.hostVars(entry.name) };
  return vars;
}

/** All hosts of a group and of the groups below it, in inventory order, each once (`groups['web']`). */
export function groupHosts(inv: Inventory, group: string): string[] {
  if (!inv.groups.has(group)) return [];
  const seen = new Set<string>();
  for (const g of groupAndDescendants(inv, group)) {
    for (const h of inv.groups.get(g)?.hosts ?? []) {
      if (group === 'all' && inv.hosts.get(h)?.implicit) continue;
      seen.add(h);
    }
  }
  return [...seen];
}
