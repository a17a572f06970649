// Ansible templates delegate_to while it gathers a task's vars, before the task banner
// (VariableManager._get_delegated_vars, with fail_on_undefined=False): an undefined variable there is left for the
// task to report, any other template error (an unknown filter, a type error) ends the run with ERROR!.
import type { Play, Task } from '../playbook/types.js';
import { isTemplate } from '../template/index.js';
import { TemplateError, UndefinedVariableError } from '../template/values.js';
import type { LayeredVars } from '../vars/levels.js';
import { hostTaskVars, type RunContext } from './host-task.js';
import { taskLevels } from './task-runner.js';

/** Throw the run-ending error Ansible raises for this task's delegate_to on this host, if any. */
export function checkDelegateTo(run: RunContext, play: Play, task: Task, host: string, levels: LayeredVars): void {
  const delegateTo = task.keywords.delegateTo;
  // with a loop the name depends on the items, which the task itself templates
  if (delegateTo === undefined || task.loop !== undefined || !isTemplate(delegateTo)) return;
  try {
    run.templar.template(delegateTo, hostTaskVars(run, host, taskLevels(play, task, levels)));
  } catch (error) {
    if (!(error instanceof TemplateError) || error instanceof UndefinedVariableError) return;
    throw Object.assign(new Error(error.message), { userError: true });
  }
}
