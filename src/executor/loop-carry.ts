import type { Task } from '../playbook/types.js';
import { namespaceFacts } from '../vars/collect.js';
import type { Vars } from '../vars/types.js';
import { factsToStore, Unsafe } from '../vars/unsafe.js';
import { isIncludeVars } from './controller-actions.js';
import type { ModuleResult } from './module-contract.js';

const short = (action: string): string => action.replace(/^ansible\.(builtin|legacy)\./, '');

/**
 * What one loop item leaves for the next ones (TaskExecutor._execute updates the loop's task vars): the result
 * under the register name, and the facts it returned (set_fact/include_vars as plain vars; other modules' under
 * their names and in ansible_facts). `set_fact: x="{{ x|default([]) + [item] }}"` in a loop builds on itself.
 */
export function carriedByItem(task: Task, result: ModuleResult, vars: Vars): Vars {
  const carried: Vars = {};
  if (task.register) carried[task.register] = new Unsafe(result);
  const facts = result.ansible_facts;
  if (!facts || typeof facts !== 'object' || Array.isArray(facts) || short(task.action) === 'debug') return carried;
  if (short(task.action) === 'set_fact' || isIncludeVars(task.action)) return { ...carried, ...factsToStore(result, facts as Vars) };
  const before = vars.ansible_facts;
  const previous = before && typeof before === 'object' && !Array.isArray(before) ? (before as Vars) : {};
  return { ...carried, ...(facts as Vars), ansible_facts: { ...previous, ...namespaceFacts(facts as Vars) } };
}
