import type { Vars } from '../vars/types.js';
import type { Templar } from './templar.js';

/**
 * A task's name as its banner shows it: templated with the first host's vars, as the strategy does before it sends
 * the task-start callback (`templar.template(task.name, fail_on_undefined=False)`). A name that does not render (an
 * undefined variable, a loop's `item` the banner cannot know, a filter error) is shown as written; one that renders to
 * something other than a string is empty.
 */
export function templatedTaskName(name: string, vars: () => Vars, templar: Templar): string {
  if (!name.includes('{{') && !name.includes('{%')) return name;
  try {
    // to_text(..., nonstring='empty'): a name that renders to a number or a list is no name, and the action shows
    const value = templar.template(name, vars());
    return typeof value === 'string' ? value : '';
  } catch {
    return name;
  }
}
