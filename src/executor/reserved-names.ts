/**
 * Names a variable should not take: the attributes of plays, roles, blocks and tasks, and the globals of Ansible's
 * Jinja environment (vars/reserved.py _RESERVED_NAMES of ansible-core 2.14, and Templar.environment.globals). The
 * task queue manager warns about them before each play (batch) starts: `Found variable using reserved name: port`.
 */
const RESERVED_NAMES = new Set([
  'action', 'always', 'any_errors_fatal', 'args', 'async', 'async_val', 'become', 'become_exe', 'become_flags', 'become_method',
  'become_user', 'block', 'changed_when', 'check_mode', 'collections', 'connection', 'debugger', 'delay', 'delegate_facts',
  'delegate_to', 'diff', 'environment', 'fact_path', 'failed_when', 'force_handlers', 'gather_facts', 'gather_subset',
  'gather_timeout', 'handlers', 'hosts', 'ignore_errors', 'ignore_unreachable', 'local_action', 'loop', 'loop_control',
  'loop_with', 'max_fail_percentage', 'module_defaults', 'name', 'no_log', 'notify', 'order', 'poll', 'port', 'post_tasks',
  'pre_tasks', 'register', 'remote_user', 'rescue', 'retries', 'roles', 'run_once', 'serial', 'strategy', 'tags', 'tasks',
  'throttle', 'timeout', 'until', 'vars_files', 'vars_prompt', 'when', 'with_',
  // the Jinja globals
  'cycler', 'dict', 'joiner', 'lipsum', 'lookup', 'namespace', 'now', 'q', 'query', 'range', 'undef',
]);

/**
 * warn_if_reserved over the play-level variable names (`vars` itself is Ansible's own and not warned about). Ansible
 * walks a set, in an order that changes from run to run; these come sorted.
 */
export function reservedNameWarnings(names: Iterable<string>): string[] {
  return [...new Set(names)].filter((name) => RESERVED_NAMES.has(name)).sort().map((name) => `Found variable using reserved name: ${name}`);
}
