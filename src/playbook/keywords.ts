import { pyStr } from '../template/values.js';
import { playbookError } from './playbook-error.js';
import type { Keywords, Origin, Vars } from './types.js';

/** Play attributes (Play.fattributes in Ansible 2.14). */
export const PLAY_KEYWORDS = new Set([
  'name', 'hosts', 'gather_facts', 'gather_subset', 'gather_timeout', 'fact_path', 'vars', 'vars_files', 'vars_prompt', 'roles',
  'pre_tasks', 'tasks', 'post_tasks', 'handlers', 'serial', 'max_fail_percentage', 'any_errors_fatal', 'strategy', 'order',
  'force_handlers', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'remote_user', 'connection', 'port',
  'environment', 'check_mode', 'diff', 'ignore_errors', 'ignore_unreachable', 'no_log', 'run_once', 'tags', 'throttle', 'timeout',
  'collections', 'module_defaults', 'debugger',
]);

/** Block attributes; a block with tasks must not also carry an action. */
export const BLOCK_KEYWORDS = new Set([
  'block', 'rescue', 'always', 'name', 'when', 'tags', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'vars',
  'environment', 'ignore_errors', 'ignore_unreachable', 'any_errors_fatal', 'delegate_to', 'delegate_facts', 'run_once', 'notify',
  'no_log', 'check_mode', 'diff', 'connection', 'remote_user', 'port', 'module_defaults', 'throttle', 'timeout', 'collections', 'debugger',
]);

/** Task attributes (Task.fattributes); anything else on a task is taken for an action. */
export const TASK_KEYWORDS = new Set([
  'name', 'when', 'loop', 'loop_control', 'register', 'notify', 'changed_when', 'failed_when', 'until', 'retries', 'delay',
  'ignore_errors', 'ignore_unreachable', 'delegate_to', 'delegate_facts', 'local_action', 'action', 'run_once', 'tags', 'vars',
  'environment', 'no_log', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'check_mode', 'diff', 'async',
  'poll', 'args', 'any_errors_fatal', 'throttle', 'timeout', 'connection', 'remote_user', 'port', 'module_defaults', 'collections',
  'debugger', 'listen',
]);

/** Ansible's boolean spellings for keywords. */
export function asBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['yes', 'true', 'on', '1', 'y', 't'].includes(String(value).toLowerCase());
}

function optionalBool(raw: Vars, key: string): boolean | undefined {
  return raw[key] === undefined || raw[key] === null ? undefined : asBool(raw[key]);
}

function optionalString(raw: Vars, key: string): string | undefined {
  return raw[key] === undefined || raw[key] === null ? undefined : String(raw[key]);
}

/** `when`, `changed_when`, `until`...: a string, a bool or a list of them; each an expression. */
export function conditionList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === 'boolean' ? (item ? 'True' : 'False') : String(item)));
}

/** `tags: a,b` or a list. */
export function tagList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : String(value).split(',');
  return list.map((tag) => String(tag).trim()).filter(Boolean);
}

export function emptyKeywords(): Keywords {
  return { when: [], tags: [], vars: {}, environment: [], notify: [] };
}

/** Read the keywords of one play/block/task and inherit the parent's. */
/** `vars:` as a mapping, or (as Ansible also accepts) a list of mappings merged in order. */
export function varsOf(value: unknown, what: string, origin: Origin): Vars {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return Object.assign({}, ...value) as Vars;
  if (typeof value !== 'object' || Array.isArray(value)) throw playbookError(`Vars in a ${what} must be specified as a dictionary, or a list of dictionaries`, origin);
  return value as Vars;
}

export function inheritKeywords(raw: Vars, parent: Keywords, origin: Origin): Keywords {
  const ownVars = varsOf(raw.vars, 'Task', origin);
  const port = raw.port === undefined ? undefined : Number(raw.port);
  return {
    when: [...parent.when, ...conditionList(raw.when)],
    tags: [...new Set([...parent.tags, ...tagList(raw.tags)])],
    vars: { ...parent.vars, ...ownVars },
    // a handler's name as Python's str() gives it: a mapping written by mistake (`- role : handler`) reads `{'role': 'handler'}`
    notify: raw.notify === undefined || raw.notify === null ? parent.notify : Array.isArray(raw.notify) ? raw.notify.map(pyStr) : [pyStr(raw.notify)],
    environment: raw.environment === undefined || raw.environment === null ? parent.environment : [...parent.environment, raw.environment],
    become: optionalBool(raw, 'become') ?? parent.become,
    becomeUser: optionalString(raw, 'become_user') ?? parent.becomeUser,
    becomeMethod: optionalString(raw, 'become_method') ?? parent.becomeMethod,
    becomeFlags: optionalString(raw, 'become_flags') ?? parent.becomeFlags,
    connection: optionalString(raw, 'connection') ?? parent.connection,
    remoteUser: optionalString(raw, 'remote_user') ?? parent.remoteUser,
    port: port ?? parent.port,
    ignoreErrors: optionalBool(raw, 'ignore_errors') ?? parent.ignoreErrors,
    ignoreUnreachable: optionalBool(raw, 'ignore_unreachable') ?? parent.ignoreUnreachable,
    noLog: optionalBool(raw, 'no_log') ?? parent.noLog,
    checkMode: optionalBool(raw, 'check_mode') ?? parent.checkMode,
    diff: optionalBool(raw, 'diff') ?? parent.diff,
    delegateTo: optionalString(raw, 'delegate_to') ?? parent.delegateTo,
    delegateFacts: optionalBool(raw, 'delegate_facts') ?? parent.delegateFacts,
    runOnce: optionalBool(raw, 'run_once') ?? parent.runOnce,
    anyErrorsFatal: optionalBool(raw, 'any_errors_fatal') ?? parent.anyErrorsFatal,
  };
}
