import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ParseError } from '../parsing/parse-error.js';
import { inheritKeywords, TASK_KEYWORDS, varsOf } from './keywords.js';
import { loadYamlFile, type LoadContext } from './load-context.js';
import { loadItems } from './load-tasks.js';
import { describeOrigin, loadError, playbookError } from './playbook-error.js';
import type { Block, Item, Keywords, Origin, RoleContext, Task, Vars } from './types.js';

export interface LoadedRole {
  name: string;
  items: Item[];
  handlers: Task[];
  context: RoleContext;
}

function isMapping(value: unknown): value is Vars {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `main.yml`, `main.yaml`, `main.json` or `main` in a role subdir (or the `*_from` name). */
/** A role file asked for (tasks_from, vars_from...) lies outside the role: Ansible's parser error, which ends the run. */
export class OutsideRoleError extends ParseError {
  override name = 'OutsideRoleError';
}

function roleFile(dir: string, name: string, role = ''): string | undefined {
  for (const candidate of [name, `${name}.yml`, `${name}.yaml`, `${name}.json`]) {
    const file = resolve(dir, candidate);
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    // Role._load_role_yaml: a tasks_from/vars_from... that leads out of the role is refused when the role loads
    const rel = relative(dir, file);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new OutsideRoleError(`Failed loading '${file}' for role (${role}) as it is not inside the expected role path: '${dir}'`);
    return file;
  }
  return undefined;
}

/** Where a role lives (role/definition.py _load_role_path): roles/ beside the play, roles_path, beside the parent role, the play dir, a path. */
export function findRole(name: string, ctx: LoadContext, origin: Origin): string {
  const candidates = isAbsolute(name)
    ? [name]
    : [
        join(ctx.playbookDir, 'roles', name),
        ...ctx.rolesPath.map((dir) => join(dir, name)),
        ...(ctx.role ? [resolve(ctx.role.path, '..', name)] : []),
        join(ctx.playbookDir, name),
        resolve(name),
      ];
  const found = candidates.find((dir) => existsSync(dir) && statSync(dir).isDirectory());
  if (!found) {
    // inside a role, the search starts with the role's collections (ansible.legacy for a role of no collection)
    const searched = [...(ctx.role ? ['ansible.legacy'] : []), ...candidates.slice(0, -1).map((c) => c.replace(new RegExp(`/${name}$`), ''))];
    throw loadError(`the role '${name}' was not found in ${searched.join(':')}${describeOrigin(origin)}`);
  }
  return found;
}

function loadVarsFile(dir: string, name: string, ctx: LoadContext, origin: Origin, role: string): Vars {
  const file = roleFile(dir, name, role);
  if (!file) {
    // defaults/main/ or vars/main/ as a directory: its files in sorted order, later ones overriding (find_vars_files)
    const folder = join(dir, name);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return {};
    return Object.assign({}, ...varsFilesIn(folder).map((f) => loadVarsData(f, ctx, origin)));
  }
  return loadVarsData(file, ctx, origin);
}

/** The vars files of a directory, its subdirectories' too, in sorted order (DataLoader.find_vars_files). */
function varsFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) return varsFilesIn(path);
      return /^[^.].*(\.ya?ml|\.json)$|^[^.][^.]*$/.test(entry) ? [path] : [];
    });
}

function loadVarsData(file: string, ctx: LoadContext, origin: Origin): Vars {
  const { data } = loadYamlFile(file, ctx.warn, origin);
  if (data === null || data === undefined) return {};
  if (!isMapping(data)) throw playbookError(`${file} must contain a dictionary of variables`, origin);
  return data;
}

/** Load a role reference (`- web` or `- {role: web, port: 80, when: ..., tags: ...}`): dependencies first, then its tasks. */
export function loadRole(spec: unknown, ctx: LoadContext, parent: Keywords, origin: Origin, fromTask = false): LoadedRole {
  const raw: Vars = typeof spec === 'string' ? { role: spec } : isMapping(spec) ? spec : {};
  const name = String(raw.role ?? raw.name ?? '');
  if (name === '') throw playbookError('role definitions must contain a role name', origin);
  const path = findRole(name, ctx, origin);
  const params: Vars = {};
  // a role definition's `vars:` are the role's vars (Role.vars), below its vars/main.yml; other unknown keys are params
  const definitionVars: Vars = {};
  const keywordsRaw: Vars = {};
  for (const [key, value] of Object.entries(raw)) {
    if (['role', 'name', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from'].includes(key)) continue;
    if (TASK_KEYWORDS.has(key) && key !== 'vars') keywordsRaw[key] = value;
    else if (key === 'vars') Object.assign(definitionVars, varsOf(value, 'Role', origin));
    else params[key] = value;
  }
  const keywords = inheritKeywords(keywordsRaw, parent, origin);
  const metaFile = roleFile(join(path, 'meta'), 'main');
  const meta = metaFile ? loadYamlFile(metaFile, ctx.warn, origin) : undefined;
  const allowDuplicates = isMapping(meta?.data) && (meta.data.allow_duplicates === true || meta.data.allow_duplicates === 'yes');
  // the same role with the same parameters runs once per play (Role.has_run)
  const signature = `${path}|${JSON.stringify(params)}|${JSON.stringify(definitionVars)}|${JSON.stringify(keywordsRaw)}|${String(raw.tasks_from ?? 'main')}`;
  const empty = (): LoadedRole => ({ name, items: [], handlers: [], context: { name, path, defaults: {}, vars: {}, params } });
  // import_role and include_role run their role again (their allow_duplicates, true by default); dependencies dedupe as ever
  if (ctx.seenRoles?.has(signature) && !allowDuplicates && !fromTask) return empty();
  ctx.seenRoles?.add(signature);
  const context: RoleContext = {
    name,
    path,
    defaults: loadVarsFile(join(path, 'defaults'), String(raw.defaults_from ?? 'main'), ctx, origin, name),
    vars: { ...definitionVars, ...loadVarsFile(join(path, 'vars'), String(raw.vars_from ?? 'main'), ctx, origin, name) },
    params,
  };
  const roleCtx: LoadContext = { ...ctx, role: context };
  const items: Item[] = [];
  const handlers: Task[] = [];
  if (metaFile && meta) {
    const { data, positionOf } = meta;
    const deps = isMapping(data) && Array.isArray(data.dependencies) ? data.dependencies : [];
    for (const [index, dep] of deps.entries()) {
      const loaded = loadRole(dep, { ...roleCtx, file: metaFile, positionOf }, keywords, positionOf(dep, { list: deps, index }) ?? origin);
      items.push(...loaded.items);
      handlers.push(...loaded.handlers);
    }
  }
  const tasksFile = roleFile(join(path, 'tasks'), String(raw.tasks_from ?? 'main'), name);
  if (tasksFile) {
    const { data, positionOf } = loadYamlFile(tasksFile, ctx.warn, origin);
    const taskCtx: LoadContext = { ...roleCtx, file: tasksFile, basedir: join(path, 'tasks'), positionOf };
    const block: Block = {
      kind: 'block',
      block: loadItems(data ?? [], taskCtx, keywords, { file: tasksFile, line: 1, column: 1 }),
      rescue: [],
      always: [],
      keywords,
      role: context,
      origin,
    };
    items.push(block);
  } else if (raw.tasks_from !== undefined) {
    throw playbookError(`Could not find specified file in role: tasks/${String(raw.tasks_from)}`, origin);
  }
  const handlersFile = roleFile(join(path, 'handlers'), String(raw.handlers_from ?? 'main'), name);
  if (handlersFile) {
    const { data, positionOf } = loadYamlFile(handlersFile, ctx.warn, origin);
    const handlerCtx: LoadContext = { ...roleCtx, file: handlersFile, basedir: join(path, 'handlers'), positionOf };
    handlers.push(...flattenTasks(loadItems(data ?? [], handlerCtx, keywords, { file: handlersFile, line: 1, column: 1 })));
  }
  ctx.loadedRoles?.push(context);
  return { name, items, handlers, context };
}

/** Handlers are tasks; a handlers file may hold blocks, whose tasks count one by one. */
export function flattenTasks(items: Item[]): Task[] {
  return items.flatMap((item) => (item.kind === 'task' ? [item] : flattenTasks([...item.block, ...item.rescue, ...item.always])));
}

/** Handlers may be an implicit block of tasks, not hold blocks: the first block nested in one, if any. */
export function blockInHandlers(items: Item[]): Item | undefined {
  for (const item of items) {
    if (item.kind !== 'block') continue;
    const nested = [...item.block, ...item.rescue, ...item.always].find((inner) => inner.kind === 'block');
    if (nested) return nested;
  }
  return undefined;
}
