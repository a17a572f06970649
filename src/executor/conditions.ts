import { truthy, UndefinedVariableError } from '../template/values.js';
import type { Vars } from '../vars/types.js';
import type { Templar } from './templar.js';

/**
 * A condition that could not be evaluated (Conditional.evaluate_conditional's AnsibleError). A failed `when` names
 * the task's place in its file; `until`, `changed_when` and `failed_when` do not (their Conditional has no source).
 */
export class ConditionalError extends Error {}

/** `when`/`changed_when`/`failed_when`/`until`: every condition true (ANDed), with Jinja's truthiness, as Ansible's Conditional. */
export function allTrue(conditions: string[], vars: Vars, templar: Templar): boolean {
  for (const condition of conditions) {
    if (condition.trim() === '') continue;
    let value: unknown;
    try {
      value = templar.evaluate(condition, vars);
    } catch (error) {
      throw conditionalError(condition, error, vars, templar);
    }
    if (!truthy(value)) return false;
  }
  return true;
}

/** Conditional._check_conditional's words: an undefined name, or the error of the `{% if %}` template it renders. */
function conditionalError(condition: string, error: unknown, vars: Vars, templar: Templar): ConditionalError {
  let why = (error as Error).message;
  if (error instanceof UndefinedVariableError) why = `error while evaluating conditional (${condition}): ${error.ansibleText}`;
  else {
    // Ansible renders `{% if <condition> %} True {% else %} False {% endif %}`: its syntax errors quote that template
    try {
      templar.template(`{% if ${condition} %} True {% else %} False {% endif %}`, vars);
    } catch (rendered) {
      why = (rendered as Error).message;
    }
  }
  return new ConditionalError(`The conditional check '${condition}' failed. The error was: ${why}`);
}
