import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { hostGroupClosure } from './group-tree.js';
import { implicitLocalhost } from './implicit-localhost.js';
import { addressPatterns } from './parse-address.js';
import type { Inventory } from './types.js';

/**
 * `group_names` as Ansible computes it (Host.get_magic_vars): every group the host is in, directly or through
 * a parent, sorted, without `all` but WITH `ungrouped` (a host in no group gets ['ungrouped']).
 */
export function groupNames(inv: Inventory, host: string): string[] {
  const entry = inv.hosts.get(host) ?? implicitLocalhost(inv, host);
  if (!entry) return [];
  return [...hostGroupClosure(inv, entry.groups)].sort();
}

/** `inventory_hostname_short`: up to the first dot, except that IP addresses are kept whole. */
export function inventoryHostnameShort(name: string): string {
  if (addressPatterns.ipv4.test(name) || addressPatterns.ipv6.test(name)) return name;
  return name.split('.')[0] ?? name;
}

/**
 * `inventory_file` and `inventory_dir`, which Ansible stores as host vars of inventory hosts: the source the
 * host was first seen in, and its directory (the text "None" for a `-i a,b,` host list, as Ansible prints it).
 */
export function inventoryFileVars(inv: Inventory, host: string): Record<string, unknown> {
  const source = inv.hosts.get(host)?.source;
  if (source === undefined) return {};
  let dir = 'None';
  if (existsSync(source)) dir = statSync(source).isDirectory() ? source : path.dirname(source);
  return { inventory_file: source, inventory_dir: dir };
}
