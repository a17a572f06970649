import { dirname } from 'node:path';
import { findModule } from '../../modules/index.js';
import type { LoopSpec, Play, Task } from '../playbook/types.js';
import { isTemplate } from '../template/index.js';
import { plainOf } from '../template/unsafe.js';
import { pyStr, TemplateError, UndefinedVariableError, Unsafe } from '../template/values.js';
import type { LayeredVars } from '../vars/levels.js';
import { overlayVars } from '../vars/overlay.js';
import type { Vars } from '../vars/types.js';
import { allTrue, ConditionalError } from './conditions.js';
import { executeModule, hostTaskVars, taskErrorMessage, type RunContext } from './host-task.js';
import { discoversPython } from './interpreter-discovery.js';
import { carriedByItem } from './loop-carry.js';
import { loopItems } from './loop-items.js';
import type { ModuleResult } from './module-contract.js';
import { errorOutcome, toOutcome, type HostOutcome } from './outcome.js';
import type { Templar } from './templar.js';
import { playRoleVars, withOwnRole } from './play-roles.js';

/** What a task run tells the reporter while it goes: loop items and retries, as they happen. */
export type TaskProgress =
  | { type: 'item'; host: string; outcome: HostOutcome; label: string }
  | { type: 'retry'; host: string; retriesLeft: number };

export interface TaskOnHost {
  run: RunContext;
  play: Play;
  task: Task;
  host: string;
  /** vars an include added (include params, include_vars) */
  levels?: LayeredVars;
  progress: (event: TaskProgress) => void;
  /** whether a module of this task has already run on the host (its loop items and retries discover Python once) */
  discovery?: { ran: boolean };
}

const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

/** The levels a task's own context contributes: role defaults/vars/params, play vars, block and task vars. */
export function taskLevels(play: Play, task: Task, extra: LayeredVars = {}): LayeredVars {
  const roles = playRoleVars(play);
  return {
    roleDefaults: withOwnRole(roles.defaults, task.role?.defaults),
    playVars: play.vars,
    varsFiles: extra.varsFiles,
    roleVars: withOwnRole(roles.vars, task.role?.vars),
    taskVars: task.keywords.vars,
    includeVars: extra.includeVars,
    roleParams: task.role?.params,
    includeParams: extra.includeParams,
  };
}

/** The magic vars a task sets: where lookups look (Task.get_search_path, then the playbook's dir), and the role's names. */
function taskMagic(play: Play, task: Task): Vars {
  const ansible_search_path = [...new Set([...(task.role ? [task.role.path] : []), dirname(task.origin.file), play.basedir])];
  if (!task.role) return { ansible_search_path };
  return { ansible_search_path, role_name: task.role.name, role_path: task.role.path, ansible_role_name: task.role.name };
}

/** One task on one host: when, loop, until/retries, changed_when/failed_when. Always an outcome, uncensored (see censor). */
export async function runTaskOnHost(job: TaskOnHost): Promise<HostOutcome> {
  const { run, task, host } = job;
  let vars: Vars;
  try {
    vars = hostTaskVars(run, host, taskLevels(job.play, task, job.levels), taskMagic(job.play, task));
  } catch (error) {
    return errorOutcome(host, (error as Error).message);
  }
  try {
    const fresh = { ...job, discovery: { ran: false } };
    return task.loop ? await runLoop(fresh, vars) : await runUnlessSkipped(fresh, vars);
  } catch (error) {
    return errorOutcome(host, taskErrorMessage(error, task.origin));
  }
}

/** no_log: what the output shows of a result (the registered result and its facts stay whole, as in Ansible). */
export function censor(task: Task, outcome: HostOutcome): HostOutcome {
  if (!task.keywords.noLog) return outcome;
  const result: ModuleResult = { censored: CENSORED, changed: outcome.result.changed === true };
  for (const key of ['failed', 'skipped', 'unreachable', 'attempts']) if (key in outcome.result) result[key] = outcome.result[key];
  return { ...outcome, result };
}

const skippedResult = (): ModuleResult => ({ changed: false, skipped: true, skip_reason: 'Conditional result was False' });

async function runUnlessSkipped(job: TaskOnHost, vars: Vars): Promise<HostOutcome> {
  if (!allTrue(job.task.keywords.when, vars, job.run.templar)) return toOutcome(job.host, skippedResult());
  return runWithRetries(job, vars);
}

/** The label Ansible shows for a loop item: loop_control.label, else str(item). */
export function loopLabel(run: TaskOnHost['run'], task: Task, item: unknown, vars: Vars): string {
  if (task.loop?.label === undefined) return pyStr(item);
  return pyStr(run.templar.template(task.loop.label, vars));
}

/**
 * The items of a task's loop for one host, an unsafe one as an Unsafe (loopItems); an undefined loop expression is
 * held back until `when` has had its say.
 */
export function taskLoopItems(run: TaskOnHost['run'], play: Play, task: Task, vars: Vars): unknown[] | UndefinedVariableError {
  try {
    return loopItems(task.loop!, vars, run.templar, {
      basedir: play.basedir,
      searchPath: task.role ? [task.role.path, play.basedir] : [play.basedir],
      render: (text) => String(run.templar.template(text, vars)),
      template: (value) => run.templar.template(value, vars),
      warn: () => {},
    });
  } catch (error) {
    if (error instanceof UndefinedVariableError) return error;
    throw error;
  }
}

/** loop_control as the loop runs it: loop_var and index_var may be templates (LoopControl.post_validate). */
export function loopControl(run: TaskOnHost['run'], loop: LoopSpec, vars: Vars): LoopSpec {
  const name = (value: string): string => (isTemplate(value) ? pyStr(run.templar.template(value, vars)) : value);
  return { ...loop, loopVar: name(loop.loopVar), ...(loop.indexVar !== undefined ? { indexVar: name(loop.indexVar) } : {}) };
}

/** The vars one loop item sets: the loop var, index_var, ansible_loop (extended); an unsafe item stays marked. */
export function loopItemVars(loop: LoopSpec, items: unknown[], index: number): Vars {
  const extra: Vars = { [loop.loopVar]: items[index], ansible_loop_var: loop.loopVar };
  if (loop.indexVar) Object.assign(extra, { [loop.indexVar]: index, ansible_index_var: loop.indexVar });
  if (loop.extended) {
    extra.ansible_loop = {
      allitems: items,
      index: index + 1,
      index0: index,
      revindex: items.length - index,
      revindex0: items.length - index - 1,
      first: index === 0,
      last: index === items.length - 1,
      length: items.length,
      previtem: index > 0 ? items[index - 1] : undefined,
      nextitem: index < items.length - 1 ? items[index + 1] : undefined,
    };
  }
  return extra;
}

async function runLoop(job: TaskOnHost, taskVars: Vars): Promise<HostOutcome> {
  let vars = taskVars;
  const items = taskLoopItems(job.run, job.play, job.task, vars);
  if (items instanceof UndefinedVariableError) {
    // TaskExecutor: with the loop undefined, a false `when` skips the task; a true one raises the loop's error
    if (!allTrue(job.task.keywords.when, vars, job.run.templar)) return toOutcome(job.host, skippedResult());
    throw items;
  }
  if (items.length === 0) return toOutcome(job.host, { changed: false, skipped: true, skipped_reason: 'No items in the list', results: [] });
  const loop = loopControl(job.run, job.task.loop!, vars);
  const results: ModuleResult[] = [];
  for (const [index, marked] of items.entries()) {
    const item = plainOf(marked);
    const extra = loopItemVars(loop, items, index);
    const itemVars = overlayVars(vars, extra);
    const label = loopLabel(job.run, job.task, item, itemVars);
    const ran = allTrue(job.task.keywords.when, itemVars, job.run.templar);
    const outcome = ran ? await runWithRetries(job, itemVars) : toOutcome(job.host, skippedResult());
    if (ran) {
      const carried = carriedByItem(job.task, outcome.result, vars);
      if (Object.keys(carried).length > 0) vars = overlayVars(vars, carried);
    }
    const result: ModuleResult = { ...outcome.result, [loop.loopVar]: item, ansible_loop_var: loop.loopVar };
    if (loop.indexVar) result.ansible_index_var = loop.indexVar;
    if (loop.extended) result.ansible_loop = plainOf(extra.ansible_loop);
    if (loop.label !== undefined) result._ansible_item_label = label;
    const itemOutcome = { ...outcome, result };
    results.push(result);
    job.progress({ type: 'item', host: job.host, outcome: censor(job.task, itemOutcome), label: job.task.keywords.noLog ? '(censored due to no_log)' : label });
    if (loop.pause > 0 && index < items.length - 1) await sleep(loop.pause * 1000);
  }
  const anyFailed = results.some((r) => r.failed === true);
  const allSkipped = results.every((r) => r.skipped === true);
  const aggregate: ModuleResult = { results, changed: results.some((r) => r.changed === true), msg: anyFailed ? 'One or more items failed' : allSkipped ? 'All items skipped' : 'All items completed' };
  if (anyFailed) aggregate.failed = true;
  if (allSkipped) aggregate.skipped = true;
  return { host: job.host, status: anyFailed ? 'failed' : allSkipped ? 'skipped' : aggregate.changed ? 'changed' : 'ok', result: aggregate };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Run the module, then changed_when/failed_when; with `until`, again until it holds (task_executor._execute). */
async function runWithRetries(job: TaskOnHost, vars: Vars): Promise<HostOutcome> {
  const task = job.task;
  const retries = task.until ? (task.retries <= 0 ? 1 : task.retries + 1) : 1;
  const delay = task.delay < 0 ? 1 : task.delay;
  let outcome: HostOutcome = toOutcome(job.host, {});
  for (let attempt = 1; attempt <= retries; attempt++) {
    outcome = await runOnce(job, vars);
    if (outcome.status === 'unreachable' || !task.until) return outcome;
    outcome.result.attempts = attempt;
    const withResult = task.register ? overlayVars(vars, { [task.register]: new Unsafe(outcome.result) }) : vars;
    if (untilHolds(task.until, withResult, job.run.templar)) return outcome;
    if (attempt < retries) {
      job.progress({ type: 'retry', host: job.host, retriesLeft: retries - attempt });
      await sleep(delay * 1000);
    }
  }
  if (retries > 1) {
    outcome.result.attempts = retries - 1;
    outcome.result.failed = true;
    outcome = { ...outcome, status: 'failed' };
  }
  return outcome;
}

/**
 * Task.post_validate templates the name for the host (and item): an undefined variable leaves it as written, but a
 * template that does not parse or names an unknown filter fails the task.
 */
function nameError(task: Task, vars: Vars, templar: Templar): string | undefined {
  if (task.name === undefined || !isTemplate(task.name)) return undefined;
  try {
    templar.template(task.name, vars);
  } catch (error) {
    if (error instanceof TemplateError && !(error instanceof UndefinedVariableError)) return error.message;
  }
  return undefined;
}

/** `until`: a condition that cannot be evaluated fails the task, with no place in the file (its Conditional has none) */
function untilHolds(until: string[], vars: Vars, templar: Templar): boolean {
  try {
    return allTrue(until, vars, templar);
  } catch (error) {
    throw error instanceof ConditionalError ? new Error(error.message) : error;
  }
}

async function runOnce(job: TaskOnHost, vars: Vars): Promise<HostOutcome> {
  const { run, task, host } = job;
  const keywords = task.keywords;
  const badName = nameError(task, vars, run.templar);
  if (badName !== undefined) return errorOutcome(host, badName);
  let delegate: { name: string; vars: Vars } | undefined;
  if (keywords.delegateTo !== undefined) {
    const name = String(run.templar.template(keywords.delegateTo, vars));
    delegate = { name, vars: hostTaskVars(run, name, {}) };
  }
  // the first module run of the task discovers, for the delegated host only with delegate_facts (else Ansible keeps it to the task)
  const pythonVars = delegate ? (keywords.delegateFacts === true ? delegate.vars : undefined) : vars;
  const discoverPython = job.discovery?.ran === false && pythonVars !== undefined && discoversPython(pythonVars, run.interpreterPython);
  if (job.discovery) job.discovery.ran = true;
  const outcome = await executeModule(run, {
    host,
    action: task.action,
    module: findModule(task.action),
    args: task.args,
    vars,
    connectionVars: delegate?.vars,
    connectionHost: delegate?.name,
    connection: {
      ...(keywords.connection !== undefined ? { connection: keywords.connection } : {}),
      ...(keywords.remoteUser !== undefined ? { remoteUser: keywords.remoteUser } : {}),
      ...(keywords.become !== undefined ? { become: keywords.become } : {}),
      ...(keywords.becomeUser !== undefined ? { becomeUser: keywords.becomeUser } : {}),
      ...(keywords.becomeMethod !== undefined ? { becomeMethod: keywords.becomeMethod } : {}),
      ...(keywords.becomeFlags !== undefined ? { becomeFlags: keywords.becomeFlags } : {}),
    },
    environment: keywords.environment,
    origin: task.origin,
    searchPath: [...new Set([...(task.role ? [task.role.path] : []), dirname(task.origin.file), job.play.basedir])],
    roleDir: task.role?.path,
    taskDir: dirname(task.origin.file),
    taskName: task.role ? `${task.role.name} : ${task.name ?? task.action}` : (task.name ?? task.action),
    check: keywords.checkMode ?? run.magic.checkMode,
    diff: keywords.diff ?? run.magic.diffMode,
    discoverPython,
  });
  if (delegate) {
    outcome.result._ansible_delegated_host = delegate.name;
    // the callback shows `h1 -> h2(address)` when the delegated host's ansible_host differs from its name
    const address = delegate.vars.ansible_host;
    if (address !== undefined && address !== null) outcome.result._ansible_delegated_ansible_host = String(address);
  }
  if (outcome.status === 'unreachable') return outcome;
  return applyChangedFailedWhen(job, vars, outcome);
}

/** changed_when, then failed_when, evaluated with the result under its register name; not for a result that says
 *  it was skipped (command in check mode), as TaskExecutor._execute does not. */
function applyChangedFailedWhen(job: TaskOnHost, vars: Vars, outcome: HostOutcome): HostOutcome {
  const task = job.task;
  if (!task.changedWhen && !task.failedWhen) return outcome;
  if ('skipped' in outcome.result) return outcome;
  const result = { ...outcome.result };
  const withResult = task.register ? overlayVars(vars, { [task.register]: new Unsafe(result) }) : vars;
  let condition = 'changed';
  try {
    if (task.changedWhen) result.changed = allTrue(task.changedWhen, withResult, job.run.templar);
    condition = 'failed';
    if (task.failedWhen) {
      const failed = allTrue(task.failedWhen, withResult, job.run.templar);
      result.failed_when_result = failed;
      result.failed = failed;
    }
  } catch (error) {
    // one that cannot be evaluated fails the task and says why under its own name (changed_when_result, failed_when_result)
    if (!(error instanceof ConditionalError)) throw error;
    result.failed = true;
    result[`${condition}_when_result`] = error.message;
  }
  return toOutcome(job.host, result);
}
