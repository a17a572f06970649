import { groupHosts } from '../inventory/host-vars.js';
import type { Inventory } from '../inventory/types.js';

/** The inventory's magic vars for one host: inventory_hostname(_short), group_names, groups. */
export function inventoryMagicVars(inv: Inventory, host: string): Record<string, unknown> {
  const groups: Record<string, string[]> = {};
  for (const name of inv.groups.keys()) groups[name] = groupHosts(inv, name);
  const direct = inv.hosts.get(host)?.groups ?? [];
  const groupNames = [...new Set(Object.entries(groups).filter(([name, members]) => name !== 'all' && name !== 'ungrouped' && members.includes(host)).map(([name]) => name))].sort();
  void direct;
  return {
    inventory_hostname: host,
    inventory_hostname_short: host.split('.')[0],
    group_names: groupNames,
    groups,
  };
}
