import { groupNames, inventoryFileVars, inventoryHostnameShort } from '../inventory/host-magic.js';
import { groupHosts } from '../inventory/host-vars.js';
import type { Inventory } from '../inventory/types.js';

/** The inventory's magic vars for one host: inventory_hostname(_short), group_names, groups, inventory_dir/file. */
export function inventoryMagicVars(inv: Inventory, host: string): Record<string, unknown> {
  const groups: Record<string, string[]> = {};
  for (const name of inv.groups.keys()) groups[name] = groupHosts(inv, name);
  return {
    ...inventoryFileVars(inv, host),
    inventory_hostname: host,
    inventory_hostname_short: inventoryHostnameShort(host),
    group_names: groupNames(inv, host),
    groups,
  };
}
