/** Play attributes (Play.fattributes in Ansible 2.14). */
export const PLAY_KEYWORDS = new Set([
  'name', 'hosts', 'gather_facts', 'gather_subset', 'gather_timeout', 'fact_path', 'vars', 'vars_files', 'vars_prompt', 'roles',
  'pre_tasks', 'tasks', 'post_tasks', 'handlers', 'serial', 'max_fail_percentage', 'any_errors_fatal', 'strategy', 'order',
  'force_handlers', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'remote_user', 'connection', 'port',
  'environment', 'check_mode', 'diff', 'ignore_errors', 'ignore_unreachable', 'no_log', 'run_once', 'tags', 'throttle', 'timeout',
  'collections', 'module_defaults', 'debugger',
]);

/** Task attributes (Task.fattributes); anything else on a task is taken for an action. */
export const TASK_KEYWORDS = new Set([
  'name', 'when', 'loop', 'loop_control', 'register', 'notify', 'changed_when', 'failed_when', 'until', 'retries', 'delay',
  'ignore_errors', 'ignore_unreachable', 'delegate_to', 'delegate_facts', 'local_action', 'action', 'run_once', 'tags', 'vars',
  'environment', 'no_log', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'check_mode', 'diff', 'async',
  'poll', 'args', 'any_errors_fatal', 'throttle', 'timeout', 'connection', 'remote_user', 'port', 'module_defaults', 'collections',
  'debugger', 'listen',
]);
