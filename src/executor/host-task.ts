import { ConditionalError } from './conditions.js';
import { hostConnectionSettings, type ConnectionDefaults } from '../connection/settings.js';
import { hostVars } from '../inventory/host-vars.js';
import { implicitLocalhost } from '../inventory/implicit-localhost.js';
import type { Inventory } from '../inventory/types.js';
import type { VarsDir } from '../inventory/vars-dir.js';
import { describeOrigin } from '../playbook/playbook-error.js';
import type { Origin } from '../playbook/types.js';
import { plainOf } from '../template/unsafe.js';
import { UndefinedVariableError } from '../template/values.js';
import { collectVars } from '../vars/collect.js';
import type { HashBehaviour } from '../vars/combine.js';
import { lazyVars, lenientTemplater } from '../vars/lazy-vars.js';
import type { LayeredVars } from '../vars/levels.js';
import { hostvarsView, inventoryMagicVars, OMIT_TOKEN, runMagicVars, type RunMagic } from '../vars/magic-vars.js';
import type { Vars } from '../vars/types.js';
import type { ConnectionPool } from './connection-pool.js';
import { discoversPython } from './interpreter-discovery.js';
import { checkModuleArgs } from './module-args.js';
import type { ModuleContext, ModuleDefinition } from './module-contract.js';
import { applyInventoryChange } from './runtime-inventory.js';
import { removeOmit } from './omit.js';
import { errorOutcome, toOutcome, type HostOutcome } from './outcome.js';
import { runModule } from './run-module.js';
import type { Templar } from './templar.js';

/** What stays the same for every host and task of a run. */
export interface RunContext {
  inventory: Inventory;
  extraVars: Vars;
  defaults: ConnectionDefaults;
  pool: ConnectionPool;
  magic: RunMagic;
  templar: Templar;
  /** per-host set_fact/register results (level 19), kept across plays */
  hostFacts: Map<string, Vars>;
  /** per-host gathered facts (level 11) */
  facts: Map<string, Vars>;
  /** `hash_behaviour` from ansible.cfg: how dicts from different levels combine @default 'replace' */
  hashBehaviour?: HashBehaviour;
  /** group_vars/ and host_vars/ beside the playbook (or --playbook-dir) */
  playbookVarsDirs?: VarsDir[];
  /** per-host include_vars results (level 18), kept across plays like Ansible's vars cache */
  includedVars?: Map<string, Vars>;
  /** ansible.cfg interpreter_python (ANSIBLE_PYTHON_INTERPRETER), under a host's ansible_python_interpreter @default 'auto' */
  interpreterPython?: string | undefined;
  /** a line a module shows while it runs (pause), through the reporter */
  display?: ModuleContext['display'];
}

/** The vars one host sees for one task: raw levels merged, magic vars on top, templated when read. */
export function hostTaskVars(run: RunContext, host: string, levels: LayeredVars, extraMagic: Vars = {}): Vars {
  const magicFor = (name: string): Vars => ({ ...runMagicVars(run.magic), ...inventoryMagicVars(run.inventory, name) });
  const varsOf = (name: string): Vars =>
    lazyVars(
      collectVars({ inventory: inventoryVarsOf(run, name), includeVars: run.includedVars?.get(name), facts: run.facts.get(name), hostFacts: run.hostFacts.get(name), extraVars: run.extraVars }, magicFor(name), run.hashBehaviour),
      lenientTemplater(run.templar.template),
    );
  const hostvars = hostvarsView(run.inventory.hosts, varsOf, (name) => implicitLocalhost(run.inventory, name) !== undefined);
  const raw = collectVars(
    { ...levels, includeVars: includedVarsFor(run, host, levels), inventory: inventoryVarsOf(run, host), facts: run.facts.get(host), hostFacts: run.hostFacts.get(host), extraVars: run.extraVars },
    { ...magicFor(host), hostvars, ...extraMagic },
    run.hashBehaviour,
  );
  // PlayContext.update_vars: the address connected to is visible as ansible_host when the vars do not set it
  if (!('ansible_host' in raw)) raw.ansible_host = host;
  return lazyVars(raw, run.templar.template);
}

/**
 * A host's inventory vars: an inventory host's; the implicit localhost's, with the `all` group's and its host_vars
 * as Ansible gives them; a local connection for any other name the inventory does not list.
 */
function inventoryVarsOf(run: RunContext, host: string): Vars {
  if (run.inventory.hosts.has(host) || implicitLocalhost(run.inventory, host)) return hostVars(run.inventory, host, run.playbookVarsDirs);
  return { ansible_connection: 'local' };
}

/** include_vars results kept for the host (persistent), under those an include passed to this task. */
function includedVarsFor(run: RunContext, host: string, levels: LayeredVars): Vars | undefined {
  const kept = run.includedVars?.get(host);
  if (!kept) return levels.includeVars;
  return levels.includeVars ? { ...kept, ...levels.includeVars } : kept;
}

/** Ansible's message for a task whose arguments use an undefined variable. */
export function undefinedMessage(error: UndefinedVariableError, origin: Origin | undefined): string {
  return origin ? `The task includes an option with an undefined variable. The error was: ${error.ansibleText}${describeOrigin(origin)}` : `The task includes an option with an undefined variable. The error was: ${error.message}`;
}

/** What a task that raised `error` on a host says: an undefined variable or a `when` that cannot be evaluated names the task's place. */
export function taskErrorMessage(error: unknown, origin: Origin): string {
  if (error instanceof UndefinedVariableError) return undefinedMessage(error, origin);
  if (error instanceof ConditionalError) return `${error.message}${describeOrigin(origin)}`;
  return (error as Error).message;
}

export interface ModuleCall {
  host: string;
  action: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: ModuleDefinition<any, any> | undefined;
  args: Vars;
  /** the task's vars for this host (and item) */
  vars: Vars;
  /** vars of the host the module runs on, when it is delegated; else `vars` */
  connectionVars?: Vars | undefined;
  /** the name the connection is opened for (the delegated host) */
  connectionHost?: string | undefined;
  connection?: Partial<ConnectionDefaults>;
  environment?: unknown[] | undefined;
  origin?: Origin | undefined;
  check: boolean;
  diff: boolean;
  /** where a relative controller-side `src` is looked up */
  searchPath?: string[] | undefined;
  roleDir?: string | undefined;
  taskDir?: string | undefined;
  taskName?: string | undefined;
  /** Ansible would discover the Python of the host the module runs on (interpreter-discovery.ts) */
  discoverPython?: boolean | undefined;
}

/** Template the args, check them, open (or reuse) the connection, run the module. Always an outcome. */
export async function executeModule(run: RunContext, call: ModuleCall): Promise<HostOutcome> {
  const { host, module } = call;
  if (!module) return errorOutcome(host, `The module ${call.action} was not found in configured module paths`);
  let args: Vars;
  let marked: Vars;
  let settings;
  let env: Record<string, string> | undefined;
  try {
    settings = hostConnectionSettings(call.connectionHost ?? host, call.connectionVars ?? call.vars, { ...run.defaults, ...call.connection });
    marked = run.templar.templateMarked(call.args, call.vars) as Vars;
    args = removeOmit(plainOf(marked) as Vars, OMIT_TOKEN);
    if (call.environment && call.environment.length > 0) {
      env = {};
      for (const layer of call.environment) {
        const rendered = run.templar.template(layer, call.vars);
        if (rendered !== null && typeof rendered === 'object' && !Array.isArray(rendered)) {
          for (const [key, value] of Object.entries(rendered)) env[key] = String(value);
        }
      }
    }
  } catch (error) {
    if (error instanceof UndefinedVariableError) return errorOutcome(host, undefinedMessage(error, call.origin));
    return errorOutcome(host, (error as Error).message);
  }
  const checked = checkModuleArgs(module, args);
  if (!checked.ok) return toOutcome(host, { changed: false, failed: true, msg: checked.msg });
  const connectionSettings = settings;
  const vars = call.vars;
  const outcome = await runModule({
    host,
    module,
    args: checked.args,
    connect: () => run.pool.get(connectionSettings),
    become: settings.become,
    check: call.check,
    diff: call.diff,
    env,
    verbosity: run.magic.verbosity,
    evaluate: (expression) => run.templar.evaluate(expression, vars),
    template: (value) => run.templar.template(value, vars),
    markedArgs: marked,
    vars,
    searchPath: call.searchPath ?? [run.magic.playbookDir ?? process.cwd()],
    roleDir: call.roleDir,
    taskDir: call.taskDir,
    taskName: call.taskName,
    display: run.display,
    hashBehaviour: run.hashBehaviour,
    discoverPython: call.discoverPython,
  });
  // add_host and group_by change the inventory as soon as their result is in (the strategy's _process_pending_results)
  return applyInventoryChange(run.inventory, host, outcome);
}

/** The ad-hoc path: one module, one host, no play. */
export async function runHostTask(run: RunContext, task: { host: string; action: string; module: ModuleCall['module']; args: Vars; levels: LayeredVars }): Promise<HostOutcome> {
  let vars: Vars;
  try {
    vars = hostTaskVars(run, task.host, task.levels);
  } catch (error) {
    return errorOutcome(task.host, (error as Error).message);
  }
  return executeModule(run, { ...task, vars, check: run.magic.checkMode, diff: run.magic.diffMode, discoverPython: discoversPython(vars, run.interpreterPython) });
}
