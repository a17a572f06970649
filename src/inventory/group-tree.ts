import type { Inventory } from './types.js';

/** Each group's direct parents, in inventory order; built once and passed around so lookups stay linear. */
export type ParentIndex = Map<string, string[]>;

/** Indexes `children` the other way round (Ansible keeps `parent_groups` on each group). */
export function parentIndex(inv: Inventory): ParentIndex {
  const index: ParentIndex = new Map();
  for (const group of inv.groups.values()) {
    for (const child of group.children) {
      const parents = index.get(child);
      if (parents) parents.push(group.name);
      else index.set(child, [group.name]);
    }
  }
  return index;
}

/** Every group above `name` (not including it); used for loop checks and a host's full group list. */
export function groupAncestors(inv: Inventory, name: string, index: ParentIndex = parentIndex(inv)): Set<string> {
  const seen = new Set<string>();
  const todo = [...(index.get(name) ?? [])];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...(index.get(next) ?? []));
  }
  return seen;
}

/**
 * Ansible's group depth: the longest path from a root (`all` is 0, its children 1...).
 * Child groups sort after parents when vars are merged, so child values win.
 */
export function groupDepths(inv: Inventory, index: ParentIndex = parentIndex(inv)): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (name: string, stack: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (stack.has(name)) return 0; // loops are rejected when built; never recurse forever
    stack.add(name);
    const parents = index.get(name) ?? [];
    const d = parents.length === 0 ? 0 : Math.max(...parents.map((p) => visit(p, stack) + 1));
    stack.delete(name);
    depth.set(name, d);
    return d;
  };
  for (const name of inv.groups.keys()) visit(name, new Set());
  return depth;
}

/** A group and all groups below it, level by level in inventory order (Ansible's get_descendants ordering). */
export function groupAndDescendants(inv: Inventory, name: string): string[] {
  const ordered = [name];
  const seen = new Set(ordered);
  let level = [name];
  while (level.length > 0) {
    const nextLevel: string[] = [];
    for (const g of level) {
      for (const child of inv.groups.get(g)?.children ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        ordered.push(child);
        nextLevel.push(child);
      }
    }
    level = nextLevel;
  }
  return ordered;
}

/** The groups a host is in, directly or through parents, without `all`. */
export function hostGroupClosure(inv: Inventory, direct: string[], index: ParentIndex = parentIndex(inv)): Set<string> {
  const all = new Set<string>();
  for (const g of direct) {
    all.add(g);
    for (const a of groupAncestors(inv, g, index)) all.add(a);
  }
  all.delete('all');
  return all;
}
