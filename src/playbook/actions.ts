import { findModule } from '../../modules/index.js';
import { checkModuleArgs } from '../executor/module-args.js';
import { parseKv } from '../parsing/split-args.js';
import { TASK_KEYWORDS } from './keywords.js';
import { playbookError } from './playbook-error.js';
import type { Origin, Vars } from './types.js';

/** Actions the engine carries out itself rather than a module: includes, imports, meta. */
const ENGINE_ACTIONS = ['include_tasks', 'import_tasks', 'include_role', 'import_role', 'include', 'meta', 'import_playbook'];

/** The short name of an engine action written with or without its collection (`ansible.builtin.meta` -> `meta`). */
export function engineAction(action: string): string | undefined {
  const short = action.replace(/^ansible\.(builtin|legacy)\./, '');
  return ENGINE_ACTIONS.includes(short) ? short : undefined;
}

/**
 * mod_args.py's RAW_PARAM_MODULES, the modules the error for extra params names (Ansible prints the set in its hash
 * order, which changes from run to run; this is its sorted order).
 */
const RAW_PARAM_MODULES = ['command', 'win_command', 'ansible.windows.win_command', 'shell', 'win_shell', 'ansible.windows.win_shell', 'raw', 'script', 'include', 'include_vars', 'include_tasks', 'include_role', 'import_tasks', 'import_role', 'add_host', 'group_by', 'set_fact', 'meta']
  .flatMap((name) => (name.includes('.') ? [name] : [name, `ansible.builtin.${name}`, `ansible.legacy.${name}`]))
  .sort();

/** Engine actions whose argument is free-form text (a file name, a meta verb). */
const FREE_FORM_ENGINE = new Set(['include_tasks', 'import_tasks', 'include', 'meta', 'include_role', 'import_role']);

function isMapping(value: unknown): value is Vars {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Find the action among a task's keys and its arguments in every form Ansible accepts (mod_args.py). */
export function parseAction(raw: Vars, origin: Origin): { action: string; args: Vars; delegateTo?: string } {
  let action: string | undefined;
  let value: unknown;
  let delegateTo: string | undefined;
  const candidates = Object.keys(raw).filter((key) => !TASK_KEYWORDS.has(key) && !key.startsWith('with_'));
  if (raw.action !== undefined || raw.local_action !== undefined) {
    if (candidates.length > 0) throw playbookError(`conflicting action statements: ${[raw.action !== undefined ? 'action' : 'local_action', ...candidates].join(', ')}`, origin);
    const spec = raw.action ?? raw.local_action;
    if (raw.local_action !== undefined) delegateTo = 'localhost';
    if (typeof spec === 'string') {
      const [name, ...rest] = spec.trim().split(/\s+/);
      action = name;
      value = rest.join(' ');
    } else if (isMapping(spec) && typeof spec.module === 'string') {
      const { module, ...args } = spec;
      action = module;
      value = args;
    } else throw playbookError('the action must be a module name and its arguments', origin);
  } else {
    if (candidates.length > 1) throw playbookError(`conflicting action statements: ${candidates.join(', ')}`, origin);
    action = candidates[0];
    value = action === undefined ? undefined : raw[action];
  }
  if (action === undefined) throw playbookError('no module/action detected in task.', origin);
  const engine = engineAction(action);
  const module = engine ? undefined : findModule(action);
  if (!engine && !module) {
    throw playbookError(`couldn't resolve module/action '${action}'. This often indicates a misspelling, missing collection, or incorrect module path.`, origin);
  }
  const freeForm = engine ? FREE_FORM_ENGINE.has(engine) : (module?.freeForm ?? false);
  let args: Vars;
  if (typeof value === 'string') {
    // only command-like modules keep unknown k=v in their free-form text (mod_args: check_raw); others split k=v
    args = value.trim() === '' ? {} : parseKv(value, !engine && freeForm);
    if (!engine && !freeForm && '_raw_params' in args) {
      throw playbookError(`this task '${action}' has extra params, which is only allowed in the following modules: ${RAW_PARAM_MODULES.join(', ')}`, origin);
    }
  } else if (value === null || value === undefined) args = {};
  else if (isMapping(value)) args = { ...value };
  else throw playbookError(`The value of the ${action} task must be a string or a dict, got ${Array.isArray(value) ? 'a list' : typeof value}`, origin);
  if (raw.args !== undefined) {
    if (!isMapping(raw.args)) throw playbookError("'args' must be a dictionary", origin);
    args = { ...args, ...raw.args };
  }
  // command-like modules take their command as `cmd:` too (mod_args.py)
  if (!engine && freeForm && 'cmd' in args) {
    if (typeof args._raw_params === 'string' && args._raw_params !== '') {
      throw playbookError("The 'cmd' argument cannot be used when other raw parameters are specified. Please put everything in one or the other place.", origin);
    }
    const { cmd, ...rest } = args;
    args = { ...rest, _raw_params: cmd };
  }
  // literal arguments are checked now, before any host is contacted; templated ones per host once rendered
  if (module && !JSON.stringify(args).includes('{{') && !JSON.stringify(args).includes('{%')) {
    const checked = checkModuleArgs(module, args);
    // the task is named as the banner would name it; the position and the offending line follow
    if (!checked.ok) throw playbookError(`${typeof raw.name === 'string' ? `task '${raw.name}' (${action})` : `task ${action}`}: ${checked.msg}`, origin);
  }
  return delegateTo !== undefined ? { action, args, delegateTo } : { action, args };
}
