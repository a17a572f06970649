import type { Vars } from './types.js';

/**
 * The variable sources a task can see, lowest precedence first (Ansible's 22 levels, docs
 * "Understanding variable precedence"; levels 3-10 come from the inventory as one merged set).
 */
export const LEVELS = [
  'roleDefaults', //  2 role defaults
  'inventory', //  3-10 inventory group vars, group_vars/, inventory host vars, host_vars/ (hostVars())
  'facts', // 11 host facts and cacheable set_fact
  'playVars', // 12 play vars
  'varsPrompt', // 13 play vars_prompt
  'varsFiles', // 14 play vars_files
  'roleVars', // 15 role vars
  'blockVars', // 16 block vars
  'taskVars', // 17 task vars
  'includeVars', // 18 include_vars
  'hostFacts', // 19 set_fact / register
  'roleParams', // 20 role params
  'includeParams', // 21 include params
  'extraVars', // 22 extra vars (-e): always win
] as const;

export type Level = (typeof LEVELS)[number];

/** The raw vars at each level for one host and one task; missing levels are empty. */
export type LayeredVars = Partial<Record<Level, Vars>>;
