import { groupHosts, hostVars } from './host-vars.js';
import type { Inventory } from './types.js';

// cli/inventory.py INTERNAL_VARS: never shown, even when an inventory sets them
const INTERNAL_VARS = new Set([
  'ansible_diff_mode', 'ansible_config_file', 'ansible_facts', 'ansible_forks', 'ansible_inventory_sources',
  'ansible_limit', 'ansible_playbook_python', 'ansible_run_tags', 'ansible_skip_tags', 'ansible_verbosity',
  'ansible_version', 'inventory_dir', 'inventory_file', 'inventory_hostname', 'inventory_hostname_short',
  'groups', 'group_names', 'omit', 'playbook_dir',
]);

interface ListedGroup {
  hosts?: string[];
  children?: string[];
}

/** The shape `ansible-inventory --list` prints: one entry per non-empty group, plus `_meta.hostvars`. */
export type InventoryListJson = Record<string, ListedGroup> & {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
};

/**
 * What `ansible-inventory --list` shows for an inventory (without --export): direct hosts and children
 * per group (none for `all`), empty groups left out, and each host's merged inventory vars.
 */
export function inventoryListJson(inv: Inventory): InventoryListJson {
  const groups: Record<string, ListedGroup> = {};
  const seen = new Set<string>();
  const format = (name: string): void => {
    const group = inv.groups.get(name);
    if (!group) return;
    const entry: ListedGroup = {};
    if (name !== 'all' && group.hosts.length > 0) entry.hosts = [...group.hosts];
    if (group.children.length > 0) entry.children = [...group.children];
    if (entry.hosts || entry.children) groups[name] = entry;
    for (const child of group.children) {
      if (seen.has(child)) continue;
      format(child);
      seen.add(child);
    }
  };
  format('all');
  const hostvars: Record<string, Record<string, unknown>> = {};
  for (const host of groupHosts(inv, 'all')) {
    const vars = Object.fromEntries(Object.entries(hostVars(inv, host)).filter(([k]) => !INTERNAL_VARS.has(k)));
    if (Object.keys(vars).length > 0) hostvars[host] = vars;
  }
  return { ...groups, _meta: { hostvars } } as InventoryListJson;
}
