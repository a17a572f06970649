import { truthy } from '../template/values.js';
import type { Vars } from '../vars/types.js';
import type { Templar } from './templar.js';

/** `when`/`changed_when`/`failed_when`/`until`: every condition true (ANDed), with Jinja's truthiness, as Ansible's Conditional. */
export function allTrue(conditions: string[], vars: Vars, templar: Templar): boolean {
  for (const condition of conditions) {
    if (condition.trim() === '') continue;
    if (!truthy(templar.evaluate(condition, vars))) return false;
  }
  return true;
}
