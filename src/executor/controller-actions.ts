import { combineVars } from '../vars/combine.js';
import type { Vars } from '../vars/types.js';
import type { RunContext } from './host-task.js';

const short = (action: string): string => action.replace(/^ansible\.(builtin|legacy)\./, '');

/** Actions Ansible runs once per task whatever the play's hosts (BYPASS_HOST_LOOP): add_host, pause. */
export function bypassesHostLoop(action: string): boolean {
  return ['add_host', 'pause'].includes(short(action));
}

export function isIncludeVars(action: string): boolean {
  return short(action) === 'include_vars';
}

/** VariableManager.set_host_variable: include_vars results stay with the host for the rest of the run (level 18). */
export function keepIncludedVars(run: RunContext, host: string, vars: Vars): void {
  if (!run.includedVars) run.includedVars = new Map();
  let kept = run.includedVars.get(host) ?? {};
  for (const [key, value] of Object.entries(vars)) kept = combineVars(kept, { [key]: value }, run.hashBehaviour ?? 'replace');
  run.includedVars.set(host, kept);
}
