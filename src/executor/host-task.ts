import { hostConnectionSettings, type ConnectionDefaults } from '../connection/settings.js';
import { hostVars } from '../inventory/host-vars.js';
import type { Inventory } from '../inventory/types.js';
import { describeOrigin } from '../playbook/playbook-error.js';
import type { Origin } from '../playbook/types.js';
import { UndefinedVariableError } from '../template/values.js';
import { collectVars } from '../vars/collect.js';
import { lazyVars } from '../vars/lazy-vars.js';
import type { LayeredVars } from '../vars/levels.js';
import { hostvarsView, inventoryMagicVars, OMIT_TOKEN, runMagicVars, type RunMagic } from '../vars/magic-vars.js';
import type { Vars } from '../vars/types.js';
import type { ConnectionPool } from './connection-pool.js';
import { checkModuleArgs } from './module-args.js';
import type { ModuleDefinition } from './module-contract.js';
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
}

export interface HostTask {
  host: string;
  action: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: ModuleDefinition<any, any> | undefined;
  args: Vars;
  /** play/block/task levels for this task; inventory, set_fact and extra vars are added here */
  levels: LayeredVars;
  connection?: Partial<ConnectionDefaults>;
  environment?: Vars | undefined;
  origin?: Origin | undefined;
}

/** The vars one host sees for one task: raw levels merged, magic vars on top, templated when read. */
export function hostTaskVars(run: RunContext, host: string, levels: LayeredVars): Vars {
  const magicFor = (name: string): Vars => ({ ...runMagicVars(run.magic), ...inventoryMagicVars(run.inventory, name) });
  const varsOf = (name: string): Vars =>
    lazyVars(collectVars({ inventory: hostVars(run.inventory, name), hostFacts: run.hostFacts.get(name), extraVars: run.extraVars }, magicFor(name)), run.templar.template);
  const hostvars = hostvarsView(run.inventory.hosts.keys(), varsOf);
  const raw = collectVars(
    { ...levels, inventory: hostVars(run.inventory, host), hostFacts: run.hostFacts.get(host), extraVars: run.extraVars },
    { ...magicFor(host), hostvars },
  );
  return lazyVars(raw, run.templar.template);
}

function undefinedMessage(error: UndefinedVariableError, origin: Origin | undefined): string {
  const why = error.message;
  return origin ? `The task includes an option with an undefined variable. The error was: ${why}. ${why}${describeOrigin(origin)}` : `The task includes an option with an undefined variable. The error was: ${why}`;
}

/** One task on one host: vars, connection settings, templated and checked args, then the module. Always an outcome. */
export async function runHostTask(run: RunContext, task: HostTask): Promise<HostOutcome> {
  const { host, module } = task;
  if (!module) return errorOutcome(host, `The module ${task.action} was not found in configured module paths`);
  let vars: Vars;
  let args: Vars;
  let settings;
  let env: Record<string, string> | undefined;
  try {
    vars = hostTaskVars(run, host, task.levels);
    settings = hostConnectionSettings(host, vars, { ...run.defaults, ...task.connection });
    args = removeOmit(run.templar.template(task.args, vars) as Vars, OMIT_TOKEN);
    env = task.environment ? Object.fromEntries(Object.entries(run.templar.template(task.environment, vars) as Vars).map(([k, v]) => [k, String(v)])) : undefined;
  } catch (error) {
    if (error instanceof UndefinedVariableError) return errorOutcome(host, undefinedMessage(error, task.origin));
    return errorOutcome(host, (error as Error).message);
  }
  const checked = checkModuleArgs(module, args);
  if (!checked.ok) return toOutcome(host, { changed: false, failed: true, msg: checked.msg });
  const connectionSettings = settings;
  const taskVars = vars;
  return runModule({
    host,
    module,
    args: checked.args,
    connect: () => run.pool.get(connectionSettings),
    become: settings.become,
    check: run.magic.checkMode,
    diff: run.magic.diffMode,
    env,
    verbosity: run.magic.verbosity,
    evaluate: (expression) => run.templar.evaluate(expression, taskVars),
  });
}
