import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { asBool, emptyKeywords, inheritKeywords, PLAY_KEYWORDS, varsOf } from './keywords.js';
import { loadYamlFile, originOf, type LoadContext } from './load-context.js';
import { blockInHandlers, flattenTasks, loadRole } from './load-role.js';
import { loadItems } from './load-tasks.js';
import { fileNotFound, playbookError } from './playbook-error.js';
import { loadVarsPrompt } from './vars-prompt.js';
import type { Item, Origin, Play, RoleContext, Task, Vars } from './types.js';

function isMapping(value: unknown): value is Vars {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface PlaybookOptions {
  rolesPath?: string[];
  warn: (message: string) => void;
  /** -vv lines while loading (LoadContext.note) */
  note?: ((message: string) => void) | undefined;
}

/** Read a playbook and everything it imports, every action resolved and its literal arguments checked, before any host is contacted. */
export function loadPlaybook(file: string, warnOrOptions: ((m: string) => void) | PlaybookOptions): Play[] {
  const options = typeof warnOrOptions === 'function' ? { warn: warnOrOptions } : warnOrOptions;
  return loadPlaybookFile(resolve(file), options, []);
}

function loadPlaybookFile(path: string, options: PlaybookOptions, importing: string[], from?: Origin): Play[] {
  if (!existsSync(path)) throw fileNotFound(path);
  const { data, positionOf } = loadYamlFile(path, options.warn, from);
  const fileOrigin: Origin = { file: path, line: 1, column: 1 };
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw playbookError(`A playbook must be a list of plays, got a ${isMapping(data) ? 'dict' : typeof data} instead`, fileOrigin);
  const ctx: LoadContext = { file: path, basedir: dirname(path), playbookDir: dirname(path), rolesPath: options.rolesPath ?? [], positionOf, warn: options.warn, note: options.note, importing };
  return data.flatMap((raw, index) => {
    const origin = originOf(ctx, raw, { ...fileOrigin, line: index + 1 });
    if (isMapping(raw) && raw.import_playbook !== undefined) {
      const target = String(raw.import_playbook);
      const file = isAbsolute(target) ? target : join(dirname(path), target);
      if (importing.includes(file)) throw playbookError(`recursive import_playbook of ${file}`, origin);
      return loadPlaybookFile(file, options, [...importing, path], origin);
    }
    return [loadPlay(raw, ctx, origin)];
  });
}

function serialOf(value: unknown): Array<number | string> {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : String(v)));
}

function loadPlay(raw: unknown, ctx: LoadContext, origin: Origin): Play {
  if (!isMapping(raw)) throw playbookError('A playbook must be a list of plays, got a list element that is not a dict', origin);
  for (const key of Object.keys(raw)) {
    if (!PLAY_KEYWORDS.has(key)) throw playbookError(`'${key}' is not a valid attribute for a Play`, origin);
  }
  if (raw.hosts === undefined || raw.hosts === null || raw.hosts === '') throw playbookError("the field 'hosts' is required but was not set", origin);
  const hosts = Array.isArray(raw.hosts) ? raw.hosts.map(String) : String(raw.hosts).split(',').map((s) => s.trim()).filter(Boolean);
  // play-level `when` does not exist; everything else a play sets is inherited by its tasks
  const keywords = inheritKeywords({ ...raw, when: undefined, vars: undefined }, emptyKeywords(), origin);
  const playVars = varsOf(raw.vars, 'Play', origin);
  const handlers: Task[] = [];
  const roleItems: Item[] = [];
  const imported: Task[] = [];
  const playCtx: LoadContext = { ...ctx, seenRoles: new Set<string>(), loadedRoles: [], importedHandlers: imported };
  const roleSpecs: unknown[] = Array.isArray(raw.roles) ? raw.roles : raw.roles === undefined || raw.roles === null ? [] : [raw.roles];
  for (const [index, spec] of roleSpecs.entries()) {
    const role = loadRole(spec, playCtx, keywords, ctx.positionOf(spec, { list: raw.roles, index }) ?? origin);
    roleItems.push(...role.items);
    handlers.push(...role.handlers);
  }
  const pre = loadItems(raw.pre_tasks, playCtx, keywords, origin);
  const tasks = loadItems(raw.tasks, playCtx, keywords, origin);
  const post = loadItems(raw.post_tasks, playCtx, keywords, origin);
  const handlerItems = loadItems(raw.handlers, playCtx, keywords, origin);
  for (const item of handlerItems) {
    if (item.kind === 'task' && ['include_role', 'import_role'].includes(item.action.replace(/^ansible\.(builtin|legacy)\./, ''))) {
      throw playbookError(`Using '${item.action}' as a handler is not supported.`, item.origin);
    }
  }
  const nested = blockInHandlers(handlerItems);
  if (nested) throw playbookError('Using a block as a handler is not supported.', nested.origin);
  handlers.push(...flattenTasks(handlerItems), ...imported);
  const gatherSubset = raw.gather_subset === undefined ? undefined : Array.isArray(raw.gather_subset) ? raw.gather_subset.map(String) : String(raw.gather_subset).split(',');
  return {
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    hosts,
    gatherFacts: raw.gather_facts === undefined || raw.gather_facts === null ? true : asBool(raw.gather_facts),
    gatherSubset,
    serial: serialOf(raw.serial),
    maxFailPercentage: raw.max_fail_percentage === undefined ? undefined : Number(raw.max_fail_percentage),
    forceHandlers: raw.force_handlers === undefined ? false : asBool(raw.force_handlers),
    strategy: raw.strategy === undefined ? 'linear' : String(raw.strategy),
    order: raw.order === undefined ? 'inventory' : String(raw.order),
    keywords,
    vars: playVars,
    varsPrompt: loadVarsPrompt(raw.vars_prompt, origin),
    varsFiles: raw.vars_files === undefined || raw.vars_files === null ? [] : Array.isArray(raw.vars_files) ? raw.vars_files : [raw.vars_files],
    sections: [pre, [...roleItems, ...tasks], post],
    handlers,
    seenRoles: playCtx.seenRoles as Set<string>,
    roles: playCtx.loadedRoles as RoleContext[],
    basedir: ctx.playbookDir,
    origin,
  };
}
