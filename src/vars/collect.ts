import { combineVars, type HashBehaviour } from './combine.js';
import { LEVELS, type LayeredVars } from './levels.js';
import type { Vars } from './types.js';

/** Facts are also visible as top-level `ansible_*` names (inject_facts_as_vars, on by default). */
function factsAsVars(facts: Vars | undefined): Vars | undefined {
  if (!facts) return undefined;
  const out: Vars = { ansible_facts: facts };
  for (const [key, value] of Object.entries(facts)) out[key.startsWith('ansible_') ? key : `ansible_${key}`] = value;
  return out;
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
