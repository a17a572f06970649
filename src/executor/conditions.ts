import { truthy } from '../template/values.js';
import type { Vars } from '../vars/types.js';
import type { Templar } from './templar.js';

/** `when`/`changed_when`/`failed_when`/`until`: every condition true (ANDed); bare booleans allowed. */
export function allTrue(conditions: string[], vars: Vars, templar: Templar): boolean {
  for (const condition of conditions) {
    const text = condition.trim();
    if (text === '' ) continue;
    // a condition written with {{ }} still works (Ansible warns); evaluate what is inside
    const bare = /^\{\{(.*)\}\}$/s.exec(text)?.[1] ?? text;
    const value = templar.evaluate(bare, vars);
    const result = typeof value === 'string' ? !['', 'false', 'False', '0', 'no', 'none', 'None'].includes(value.trim()) : truthy(value);
    if (!result) return false;
  }
  return true;
}
