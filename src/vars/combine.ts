import type { Vars } from './types.js';

function isDict(value: unknown): value is Vars {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Ansible's merge_hash: dicts merge recursively, anything else (lists too) is replaced by the newer value. */
export function mergeHash(older: Vars, newer: Vars): Vars {
  const out: Vars = { ...older };
  for (const [key, value] of Object.entries(newer)) {
    const before = out[key];
    out[key] = isDict(before) && isDict(value) ? mergeHash(before, value) : value;
  }
  return out;
}

/** combine_vars: `replace` (the default) lets a higher level replace a whole top-level value; `merge` merges dicts. */
export function combineVars(older: Vars, newer: Vars | undefined, hashBehaviour: HashBehaviour): Vars {
  if (!newer) return older;
  return hashBehaviour === 'merge' ? mergeHash(older, newer) : { ...older, ...newer };
}

export type HashBehaviour = 'replace' | 'merge';
