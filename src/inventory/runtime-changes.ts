import { combineVars } from '../vars/combine.js';
import { InventoryData } from './inventory-data.js';
import type { Inventory } from './types.js';

/** What add_host asks for: a host (created under `all` if new), its groups and vars. */
export interface NewHost {
  hostName: string;
  groups: string[];
  hostVars: Record<string, unknown>;
}

/** InventoryManager.add_dynamic_host: true when the inventory changed. */
export function addDynamicHost(inv: Inventory, info: NewHost): boolean {
  const data = new InventoryData(() => {}, inv);
  let changed = false;
  if (!inv.hosts.has(info.hostName)) {
    data.addHost(info.hostName, 'all');
    changed = true;
  }
  const host = inv.hosts.get(info.hostName)!;
  const combined = combineVars(host.vars, info.hostVars, 'replace');
  if (JSON.stringify(combined) !== JSON.stringify(host.vars)) {
    host.vars = combined;
    changed = true;
  }
  for (const group of info.groups) {
    if (!inv.groups.has(group)) {
      data.addGroup(group);
      changed = true;
    }
    if (data.addChild(group, info.hostName)) changed = true;
  }
  if (changed) data.reconcile();
  return changed;
}

/** InventoryManager.add_dynamic_group (group_by): the group (and its parents) exist, the host is in it. */
export function addDynamicGroup(inv: Inventory, hostName: string, group: string, parents: string[]): boolean {
  const data = new InventoryData(() => {}, inv);
  let changed = false;
  if (!inv.hosts.has(hostName)) throw new Error(`${hostName} cannot be matched in inventory`);
  data.addGroup(group);
  for (const parent of parents) {
    if (!inv.groups.has(parent)) {
      data.addGroup(parent);
      changed = true;
    }
  }
  for (const parent of parents) if (data.addChild(parent, group)) changed = true;
  if (data.addChild(group, hostName)) changed = true;
  if (changed) data.reconcile();
  return changed;
}
