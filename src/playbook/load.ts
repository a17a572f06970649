import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findModule, MODULES } from '../../modules/index.js';
import { checkModuleArgs } from '../executor/module-args.js';
import { ParseError } from '../parsing/parse-error.js';
import { parseKv } from '../parsing/split-args.js';
import { loadYamlWithPositions, type PositionOf } from '../parsing/yaml-positions.js';
import { isTemplate } from '../template/render.js';
import { PLAY_KEYWORDS, TASK_KEYWORDS } from './keywords.js';
import { playbookError, yamlSyntaxError } from './playbook-error.js';
import type { Origin, Play, Task } from './types.js';

type Raw = Record<string, unknown>;

function isMapping(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asBool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  return ['yes', 'true', 'on', '1', 'y', 't'].includes(String(value).toLowerCase());
}

/** Read a playbook: plays and their tasks, every action resolved and its literal arguments checked, before any host is contacted. */
export function loadPlaybook(file: string, warn: (m: string) => void): Play[] {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ParseError(`the playbook: ${file} could not be found`, { file: path });
  }
  let loaded;
  try {
    loaded = loadYamlWithPositions(text, path, warn);
  } catch (error) {
    throw error instanceof ParseError ? yamlSyntaxError(error, text) : error;
  }
  const { data, positionOf } = loaded;
  const fileOrigin: Origin = { file: path, line: 1, column: 1 };
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw playbookError('A playbook must be a list of plays, got a ' + (isMapping(data) ? 'dict' : typeof data) + ' instead', fileOrigin);
  return data.map((raw, index) => loadPlay(raw, positionOf(raw) ?? { ...fileOrigin, line: index + 1 }, positionOf));
}

function loadPlay(raw: unknown, origin: Origin, positionOf: PositionOf): Play {
  if (!isMapping(raw)) throw playbookError('A playbook must be a list of plays, got a list element that is not a dict', origin);
  if ('import_playbook' in raw) throw playbookError('import_playbook is not supported yet by tsible', origin);
  for (const key of Object.keys(raw)) {
    if (!PLAY_KEYWORDS.has(key)) throw playbookError(`'${key}' is not a valid attribute for a Play`, origin);
  }
  if (raw.hosts === undefined || raw.hosts === null || raw.hosts === '') throw playbookError("the field 'hosts' is required but was not set", origin);
  for (const unsupported of ['roles', 'pre_tasks', 'post_tasks', 'handlers', 'vars_files', 'vars_prompt']) {
    if (raw[unsupported] !== undefined) throw playbookError(`'${unsupported}' is not supported yet by tsible (it comes with the playbook engine)`, origin);
  }
  const hosts = Array.isArray(raw.hosts) ? raw.hosts.map(String) : String(raw.hosts).split(',').map((s) => s.trim()).filter(Boolean);
  const tasks = raw.tasks ?? [];
  if (!Array.isArray(tasks)) throw playbookError('A malformed block was encountered while loading tasks: tasks must be a list', origin);
  if (raw.vars !== undefined && raw.vars !== null && !isMapping(raw.vars)) throw playbookError("Vars in a Play must be specified as a dictionary", origin);
  return {
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    hosts,
    gatherFacts: asBool(raw.gather_facts, true),
    connection: raw.connection === undefined ? undefined : String(raw.connection),
    remoteUser: raw.remote_user === undefined ? undefined : String(raw.remote_user),
    become: raw.become === undefined ? undefined : asBool(raw.become, false),
    becomeUser: raw.become_user === undefined ? undefined : String(raw.become_user),
    vars: (raw.vars as Raw | undefined) ?? {},
    tasks: tasks.map((task: unknown) => loadTask(task, positionOf(task) ?? origin)),
    origin,
  };
}

/** Find the action among a task's keys, parse its arguments (k=v or a mapping, plus `args:`), check them. */
function loadTask(raw: unknown, origin: Origin): Task {
  if (!isMapping(raw)) throw playbookError('A malformed block was encountered while loading tasks: a task must be a dict', origin);
  for (const unsupported of ['block', 'include_tasks', 'import_tasks', 'include_role', 'import_role', 'loop', 'when', 'notify']) {
    if (raw[unsupported] !== undefined) throw playbookError(`'${unsupported}' is not supported yet by tsible (it comes with the playbook engine)`, origin);
  }
  const actions = Object.keys(raw).filter((key) => !TASK_KEYWORDS.has(key) && !key.startsWith('with_'));
  if (actions.length > 1) throw playbookError(`conflicting action statements: ${actions.join(', ')}`, origin);
  const action = actions[0];
  if (action === undefined) throw playbookError('no module/action detected in task.', origin);
  const module = findModule(action);
  if (!module) {
    throw playbookError(`couldn't resolve module/action '${action}'. This often indicates a misspelling, missing collection, or incorrect module path.`, origin);
  }
  const value = raw[action];
  let args: Raw;
  if (typeof value === 'string') {
    args = parseKv(value, module.freeForm);
    if (!module.freeForm && '_raw_params' in args) {
      const freeForm = [...MODULES.values()].filter((m) => m.freeForm).flatMap((m) => [m.name, ...m.aliases]);
      throw playbookError(`this task '${action}' has extra params, which is only allowed in the following modules: ${freeForm.join(', ')}`, origin);
    }
  } else if (value === null || value === undefined) args = {};
  else if (isMapping(value)) args = { ...value };
  else throw playbookError(`The value of the ${action} task must be a string or a dict, got ${Array.isArray(value) ? 'a list' : typeof value}`, origin);
  if (raw.args !== undefined) {
    if (!isMapping(raw.args)) throw playbookError("'args' must be a dictionary", origin);
    args = { ...args, ...raw.args };
  }
  // Arguments without templates can be checked now; templated ones are checked per host once rendered.
  if (!JSON.stringify(args).includes('{{') && !Object.values(args).some((v) => typeof v === 'string' && isTemplate(v))) {
    const checked = checkModuleArgs(module, args);
    if (!checked.ok) throw playbookError(checked.msg, origin);
  }
  const environment = raw.environment;
  if (environment !== undefined && !isMapping(environment)) throw playbookError('environment must be a dictionary', origin);
  return {
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    action,
    args,
    register: raw.register === undefined ? undefined : String(raw.register),
    ignoreErrors: asBool(raw.ignore_errors, false),
    become: raw.become === undefined ? undefined : asBool(raw.become, false),
    becomeUser: raw.become_user === undefined ? undefined : String(raw.become_user),
    environment: environment as Record<string, string> | undefined,
    origin,
  };
}
