import { combineVars, type HashBehaviour } from './combine.js';
import { LEVELS, type LayeredVars } from './levels.js';
import type { Vars } from './types.js';

/**
 * Facts as modules return them (`ansible_hostname`, `module_setup`) are visible under those names
 * (inject_facts_as_vars, on by default), and under `ansible_facts` without the prefix (namespace_facts).
 */
function factsAsVars(facts: Vars | undefined): Vars | undefined {
  if (!facts) return undefined;
  return { ...facts, ansible_facts: namespaceFacts(facts) };
}

/** Facts as `ansible_facts` holds them: the `ansible_` prefix dropped (namespace_facts). */
export function namespaceFacts(facts: Vars): Vars {
  const namespaced: Vars = {};
  for (const [key, value] of Object.entries(facts)) namespaced[key.startsWith('ansible_') && key !== 'ansible_local' ? key.slice('ansible_'.length) : key] = value;
  return namespaced;
}

/**
 * Merge the levels in precedence order (VariableManager.get_vars), then the magic vars on top.
 * Values stay raw: templating happens lazily when a value is used (lazyVars()).
 */
export function collectVars(levels: LayeredVars, magic: Vars, hashBehaviour: HashBehaviour = 'replace'): Vars {
  let vars: Vars = {};
  for (const level of LEVELS) vars = combineVars(vars, level === 'facts' ? factsAsVars(levels.facts) : levels[level], hashBehaviour);
  return { ...vars, ...magic };
}
