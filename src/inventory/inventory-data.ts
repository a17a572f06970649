import { groupAncestors, parentIndex } from './group-tree.js';
import type { Group, Host, Inventory, Warn } from './types.js';

/** Names Ansible treats as the controller itself (constants.LOCALHOST). */
export const LOCALHOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

// C.INVALID_VARIABLE_NAMES: a leading digit/non-word char, or any non-word char
const INVALID_GROUP_CHARS = /^[\p{Nd}]|[^\p{L}\p{N}_]/u;

/** An inventory rule was broken (unknown group, loop...); inventory plugins report it as a parse failure. */
export class InventoryError extends Error {
  override name = 'InventoryError';
}

/** Python's int() on a priority value, as Group.set_priority does it. */
function priorityValue(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[-+]?[0-9](?:_?[0-9])*\s*$/.test(value)) return Number(value.trim().replace(/_/g, ''));
  if (typeof value === 'string') throw new InventoryError(`invalid literal for int() with base 10: '${value}'`);
  throw new InventoryError(`int() argument must be a string, a bytes-like object or a real number, not '${value === null ? 'NoneType' : typeof value}'`);
}

/**
 * The mutable inventory that parsers fill, with the rules of Ansible's InventoryData:
 * `all`/`ungrouped` always exist, hosts/groups are created once, loops are refused.
 */
export class InventoryData {
  readonly inventory: Inventory;
  /** the source being parsed; new hosts remember it (inventory_file) */
  currentSource: string | undefined;
  private localhost: string | undefined;

  /** @param existing an inventory to change in place (add_host, group_by at run time) rather than a new one */
  constructor(private readonly warn: Warn, existing?: Inventory) {
    this.inventory = existing ?? { hosts: new Map(), groups: new Map(), sources: [] };
    if (existing) return;
    this.addGroup('all');
    this.addGroup('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  /** Warns (never renames: TRANSFORM_INVALID_GROUP_CHARS=never) about names that are not valid variable names. */
  checkGroupName(name: string): void {
    if (INVALID_GROUP_CHARS.test(name)) {
      this.warn('Invalid characters were found in group names but not replaced, use -vvvv to see details');
    }
  }

  addGroup(name: string): string {
    if (!name) throw new InventoryError(`Invalid empty/false group name provided: ${name}`);
    if (!this.inventory.groups.has(name)) {
      this.checkGroupName(name);
      this.inventory.groups.set(name, { name, vars: {}, children: [], hosts: [] });
    }
    return name;
  }

  addHost(name: string, group?: string, port?: number): string {
    if (!name) throw new InventoryError(`Invalid empty host name provided: ${name}`);
    if (group !== undefined && !this.inventory.groups.has(group)) {
      throw new InventoryError(`Could not find group ${group} in inventory`);
    }
    let host = this.inventory.hosts.get(name);
    if (!host) {
      // the port only counts where the host is first seen
      host = { name, vars: port !== undefined ? { ansible_port: port } : {}, groups: [] };
      if (this.currentSource !== undefined) host.source = this.currentSource;
      this.inventory.hosts.set(name, host);
      if (LOCALHOST_NAMES.includes(name)) {
        if (this.localhost === undefined) this.localhost = name;
        else this.warn(`A duplicate localhost-like entry was found (${name}). First found localhost was ${this.localhost}`);
      }
    }
    if (group !== undefined) this.addHostToGroup(this.group(group), host);
    return name;
  }

  /** Adds a child group or a member host to `parent`. */
  addChild(parent: string, child: string): boolean {
    const group = this.inventory.groups.get(parent);
    if (!group) throw new InventoryError(`${parent} is not a known group`);
    if (this.inventory.groups.has(child)) return this.addChildGroup(group, child);
    const host = this.inventory.hosts.get(child);
    if (!host) throw new InventoryError(`${child} is not a known host nor group`);
    return this.addHostToGroup(group, host);
  }

  setVariable(entity: string, key: string, value: unknown): void {
    const group = this.inventory.groups.get(entity);
    if (group) {
      if (key === 'ansible_group_priority') group.priority = priorityValue(value);
      else group.vars[key] = value;
      return;
    }
    const host = this.inventory.hosts.get(entity);
    if (!host) throw new InventoryError(`Could not identify group or host named ${entity}`);
    host.vars[key] = value;
  }

  /** Ansible's reconcile_inventory: parentless groups go under `all`, group-less hosts into `ungrouped`. */
  reconcile(): void {
    const { groups, hosts } = this.inventory;
    const parents = parentIndex(this.inventory);
    for (const name of groups.keys()) {
      // a group only gains `all` as a parent here, so the index stays valid for the other groups
      if (name !== 'all' && (parents.get(name) ?? []).length === 0) this.addChild('all', name);
    }
    const ungrouped = this.group('ungrouped');
    for (const host of hosts.values()) {
      const others = host.groups.filter((g) => g !== 'all' && g !== 'ungrouped');
      if (host.groups.includes('ungrouped') && others.length > 0) {
        ungrouped.hosts = ungrouped.hosts.filter((h) => h !== host.name);
        host.groups = host.groups.filter((g) => g !== 'ungrouped');
      } else if (!host.implicit && others.length === 0 && !host.groups.includes('ungrouped')) {
        this.addHostToGroup(ungrouped, host);
      }
    }
    for (const name of groups.keys()) {
      if (hosts.has(name)) this.warn(`Found both group and host with same name: ${name}`);
    }
  }

  private group(name: string): Group {
    const group = this.inventory.groups.get(name);
    if (!group) throw new InventoryError(`${name} is not a known group`);
    return group;
  }

  private addHostToGroup(group: Group, host: Host): boolean {
    if (group.hosts.includes(host.name)) return false;
    group.hosts.push(host.name);
    if (!host.groups.includes(group.name)) host.groups.push(group.name);
    return true;
  }

  private addChildGroup(parent: Group, child: string): boolean {
    if (parent.name === child) throw new InventoryError("can't add group to itself");
    if (parent.children.includes(child)) return false;
    if (groupAncestors(this.inventory, parent.name).has(child)) {
      throw new InventoryError(`Adding group '${child}' as child to '${parent.name}' creates a recursive dependency loop.`);
    }
    parent.children.push(child);
    return true;
  }
}
