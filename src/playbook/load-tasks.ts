import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { engineAction, parseAction } from './actions.js';
import { BLOCK_KEYWORDS, conditionList, inheritKeywords, varsOf } from './keywords.js';
import { loadYamlFile, originOf, type LoadContext } from './load-context.js';
import { loadRole } from './load-role.js';
import { fileNotFound, playbookError } from './playbook-error.js';
import type { Block, Item, Keywords, LoopSpec, Origin, Task, Vars } from './types.js';

function isMapping(value: unknown): value is Vars {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A list of tasks and blocks (tasks:, block:, a task file), with keywords inherited from the parent. */
export function loadItems(list: unknown, ctx: LoadContext, parent: Keywords, where: Origin): Item[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw playbookError('A malformed block was encountered while loading tasks: expected a list of tasks', where);
  return list.flatMap((raw) => loadItem(raw, ctx, parent, originOf(ctx, raw, where)));
}

function loadItem(raw: unknown, ctx: LoadContext, parent: Keywords, origin: Origin): Item[] {
  if (!isMapping(raw)) throw playbookError(`A malformed block was encountered while loading tasks: ${JSON.stringify(raw)} should be a dict`, origin);
  if ('block' in raw) return [loadBlock(raw, ctx, parent, origin)];
  const task = loadTask(raw, ctx, parent, origin);
  const engine = engineAction(task.action);
  if (engine === 'import_tasks') return importTasks(task, ctx, origin);
  if (engine === 'import_role') return importRole(task, ctx, origin);
  if (engine === 'import_playbook') throw playbookError("'import_playbook' is not a valid attribute for a Task: it goes at the top level of a playbook", origin);
  return [task];
}

function loadBlock(raw: Vars, ctx: LoadContext, parent: Keywords, origin: Origin): Block {
  for (const key of Object.keys(raw)) {
    if (!BLOCK_KEYWORDS.has(key)) throw playbookError(`'${key}' is not a valid attribute for a Block`, origin);
  }
  const keywords = inheritKeywords(raw, parent, origin);
  return {
    kind: 'block',
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    block: loadItems(raw.block, ctx, keywords, origin),
    rescue: loadItems(raw.rescue, ctx, keywords, origin),
    always: loadItems(raw.always, ctx, keywords, origin),
    keywords,
    role: ctx.role,
    origin,
  };
}

function loopOf(raw: Vars, origin: Origin): LoopSpec | undefined {
  const withKeys = Object.keys(raw).filter((key) => key.startsWith('with_'));
  if (raw.loop !== undefined && withKeys.length > 0) throw playbookError(`the loop and ${withKeys[0]} keywords cannot be used together`, origin);
  if (withKeys.length > 1) throw playbookError(`only one with_ loop may be used, got: ${withKeys.join(', ')}`, origin);
  const kind = raw.loop !== undefined ? 'loop' : withKeys[0]?.slice('with_'.length);
  if (kind === undefined) return undefined;
  const control = (raw.loop_control ?? {}) as Vars;
  if (!isMapping(control)) throw playbookError('loop_control must be a dictionary', origin);
  return {
    kind,
    value: kind === 'loop' ? raw.loop : raw[`with_${kind}`],
    loopVar: control.loop_var === undefined ? 'item' : String(control.loop_var),
    indexVar: control.index_var === undefined ? undefined : String(control.index_var),
    label: control.label,
    extended: control.extended === true || control.extended === 'yes' || control.extended === 'true',
    pause: Number(control.pause ?? 0),
  };
}

function loadTask(raw: Vars, ctx: LoadContext, parent: Keywords, origin: Origin): Task {
  const { action, args, delegateTo } = parseAction(raw, origin);
  const keywords = inheritKeywords(raw, parent, origin);
  if (delegateTo !== undefined) keywords.delegateTo = delegateTo;
  const retries = raw.retries === undefined ? 3 : Number(raw.retries);
  const roleInclude = ['include_role', 'import_role'].includes(action.replace(/^ansible\.(builtin|legacy)\./, ''));
  return {
    kind: 'task',
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    action,
    args,
    register: raw.register === undefined ? undefined : String(raw.register),
    loop: loopOf(raw, origin),
    changedWhen: raw.changed_when === undefined ? undefined : conditionList(raw.changed_when),
    failedWhen: raw.failed_when === undefined ? undefined : conditionList(raw.failed_when),
    until: raw.until === undefined ? undefined : conditionList(raw.until),
    retries: Number.isFinite(retries) ? retries : 3,
    delay: raw.delay === undefined ? 5 : Number(raw.delay),
    notify: keywords.notify,
    listen: raw.listen === undefined ? [] : Array.isArray(raw.listen) ? raw.listen.map(String) : [String(raw.listen)],
    keywords,
    role: ctx.role,
    ...(roleInclude && raw.vars !== undefined && raw.vars !== null ? { roleVars: varsOf(raw.vars, 'Task', origin) } : {}),
    origin,
  };
}

/** Resolve a task file the way Ansible does: relative to the including file's dir, then the role's tasks/, then the play's dir. */
export function resolveTaskFile(name: string, ctx: LoadContext, origin: Origin): string {
  if (isAbsolute(name)) return name;
  const candidates = taskFileCandidates(name, ctx);
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw fileNotFound(candidates[0] ?? name);
  return found;
}

/** Where a task file named in an import or include may be, in the order they are tried (the first is where Ansible says it looked). */
export function taskFileCandidates(name: string, ctx: LoadContext): string[] {
  if (isAbsolute(name)) return [name];
  return [join(ctx.basedir, name), ...(ctx.role ? [join(ctx.role.path, 'tasks', name)] : []), join(ctx.playbookDir, name)];
}

/** `import_tasks`: read the file now and put its tasks in place, with this task's keywords on top of them. */
function importTasks(task: Task, ctx: LoadContext, origin: Origin): Item[] {
  const name = String(task.args._raw_params ?? task.args.file ?? '');
  if (name === '') throw playbookError('No file specified for import_tasks', origin);
  if (name.includes('{{')) throw playbookError(`import_tasks does not accept templated file names ('${name}'): use include_tasks`, origin);
  const file = resolveTaskFile(name, ctx, origin);
  if (ctx.importing.includes(file)) throw playbookError(`recursive import of ${file}`, origin);
  const { data, positionOf } = loadYamlFile(file, ctx.warn, origin);
  ctx.note?.(`statically imported: ${file}`);
  const inner: LoadContext = { ...ctx, file, basedir: dirname(file), positionOf, importing: [...ctx.importing, file] };
  const keywords = { ...task.keywords, vars: { ...task.keywords.vars, ...Object.fromEntries(Object.entries(task.args).filter(([k]) => k !== '_raw_params' && k !== 'file')) } };
  return loadItems(data ?? [], inner, keywords, { file, line: 1, column: 1 });
}

/** `import_role`: the role's tasks in place; its handlers (handlers_from) join the play's (IncludeRole.get_block_list). */
function importRole(task: Task, ctx: LoadContext, origin: Origin): Item[] {
  const { name, tasks_from, vars_from, defaults_from, handlers_from } = task.args;
  const role = loadRole({ role: name, tasks_from, vars_from, defaults_from, handlers_from, vars: task.roleVars }, ctx, task.keywords, origin, task.args.allow_duplicates !== false);
  ctx.importedHandlers?.push(...role.handlers);
  return role.items;
}
