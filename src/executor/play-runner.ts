import { dirname } from 'node:path';
import PQueue from 'p-queue';
import { findModule } from '../../modules/index.js';
import type { ConnectionDefaults } from '../connection/settings.js';
import { limitHosts, selectHosts } from '../inventory/pattern.js';
import type { Inventory } from '../inventory/types.js';
import type { VarsDir } from '../inventory/vars-dir.js';
import type { Reporter, TaskBanner } from '../output/events.js';
import { countOutcome, emptyStats, type HostStats } from '../output/stats.js';
import { engineAction } from '../playbook/actions.js';
import type { Play, Task } from '../playbook/types.js';
import type { HashBehaviour } from '../vars/combine.js';
import type { RunMagic } from '../vars/magic-vars.js';
import type { Vars } from '../vars/types.js';
import { factsToStore, Unsafe } from '../vars/unsafe.js';
import { ConnectionPool } from './connection-pool.js';
import { type Guard, itemGuard, sectionGuards, UNGUARDED } from './guard.js';
import { HandlerQueue } from './handlers.js';
import { hostTaskVars, type RunContext } from './host-task.js';
import { loadVarsFiles } from './vars-files.js';
import { checkDelegateTo } from './delegate-check.js';
import { runIncludes } from './includes.js';
import { runMeta } from './meta.js';
import { bypassesHostLoop, isIncludeVars, keepIncludedVars } from './controller-actions.js';
import type { ModuleResult } from './module-contract.js';
import type { HostOutcome } from './outcome.js';
import { playBatches } from './serial.js';
import { tagsSelected, type TagFilter } from './tags.js';
import { censor, runTaskOnHost, taskLevels, type TaskProgress } from './task-runner.js';
import { templatedTaskName } from './task-name.js';
import { reservedNameWarnings } from './reserved-names.js';
import { playRoleVars } from './play-roles.js';
import type { Templar } from './templar.js';
import type { Item } from '../playbook/types.js';
import type { LayeredVars } from '../vars/levels.js';
import type { Prompter } from './prompter.js';
import { askVarsPrompt, PromptEnded } from './vars-prompt.js';
import { registeredResult } from './registered.js';

export interface PlaybookRun {
  plays: Play[];
  inventory: Inventory;
  extraVars: Vars;
  defaults: ConnectionDefaults;
  forks: number;
  magic: RunMagic;
  templar: Templar;
  tags: TagFilter;
  rolesPath: string[];
  hashBehaviour?: HashBehaviour;
  /** ansible.cfg interpreter_python @default 'auto' */
  interpreterPython?: string | undefined;
  playbookVarsDirs?: VarsDir[];
  /** --start-at-task: skip every task before the one with this name (pending until it is reached) */
  startAt: { name?: string | undefined; pending: boolean };
  limit?: string | undefined;
  reporter: Reporter;
  warn: (message: string) => void;
  /** asks vars_prompt and --step questions (none asked without one) */
  prompter?: Prompter | undefined;
  /** --step: ask before each task whether to run it */
  step?: boolean | undefined;
}

/**
 * What the exit code comes from: the last play's result (StrategyBase.run), 'failed' when the play was broken off,
 * else 'unreachable' when any host of the run is still unreachable, else 'failed' when any host is still failed.
 */
export type RunStatus = 'ok' | 'failed' | 'unreachable';

/** The result of a whole run: per-host stats, its status, and whether stdin ended at a --step question (Ansible then stops with 2). */
export interface PlaybookResult {
  stats: Map<string, HostStats>;
  status: RunStatus;
  inputEnded: boolean;
}

/** Hosts failed or unreachable at the end of the plays so far (the task queue manager's _failed_hosts, _unreachable_hosts). */
interface HostErrors {
  failed: Set<string>;
  unreachable: Set<string>;
}

/** Run every play in order with the linear strategy; the recap comes last. */
export async function runPlaybook(playbook: PlaybookRun): Promise<PlaybookResult> {
  const stats = new Map<string, HostStats>();
  const run: RunContext = {
    inventory: playbook.inventory,
    extraVars: playbook.extraVars,
    defaults: playbook.defaults,
    pool: new ConnectionPool(playbook.magic.verbosity >= 3 ? (op) => playbook.reporter.on({ type: 'transport', ...op }) : undefined),
    magic: playbook.magic,
    templar: playbook.templar,
    hostFacts: new Map(),
    facts: new Map(),
    hashBehaviour: playbook.hashBehaviour,
    interpreterPython: playbook.interpreterPython,
    playbookVarsDirs: playbook.playbookVarsDirs,
    includedVars: new Map(),
    display: (text, kind = 'display') => playbook.reporter.on(kind === 'warning' ? { type: 'warning', message: text } : { type: 'display', text }),
  };
  let inputEnded = false;
  let status: RunStatus = 'ok';
  // hosts that failed (or went unreachable) in a play sit out the later plays
  const errors: HostErrors = { failed: new Set(), unreachable: new Set() };
  try {
    for (const play of playbook.plays) {
      const { ran, aborted, allFailed } = await runPlay(playbook, run, await withPromptedVars(playbook, play), stats, errors);
      // a play with no hosts leaves the last result as it was
      if (ran) status = aborted ? 'failed' : errors.unreachable.size > 0 ? 'unreachable' : errors.failed.size > 0 ? 'failed' : 'ok';
      if (aborted || allFailed) break;
    }
  } catch (error) {
    // linear strategy: an EOFError at a --step question ends the run as a failed one (RUN_UNKNOWN_ERROR & 8)
    if (!(error instanceof PromptEnded)) throw error;
    inputEnded = true;
  } finally {
    await run.pool.closeAll();
  }
  // the recap lists the hosts something happened to (AggregateStats.processed)
  const processed = new Map([...stats].filter(([, s]) => Object.values(s).some((n) => n !== 0)));
  playbook.reporter.on({ type: 'recap', stats: processed });
  return { stats, status, inputEnded };
}

/** The play with its vars_prompt answers among its vars (PlaybookExecutor sets them in play.vars). */
async function withPromptedVars(playbook: PlaybookRun, play: Play): Promise<Play> {
  if (play.varsPrompt.length === 0) return play;
  const prompter = playbook.prompter ?? { interactive: false, line: async () => undefined, secret: async () => '' };
  const answers = await askVarsPrompt(play.varsPrompt, {
    prompter,
    templar: playbook.templar,
    vars: { ...play.vars, ...playbook.extraVars },
    extraVars: playbook.extraVars,
    warn: playbook.warn,
    say: (text) => playbook.reporter.on({ type: 'prompt_notice', text }),
  });
  return { ...play, vars: { ...play.vars, ...answers } };
}

/**
 * One play: its hosts in serial batches; each batch runs every section, flushing handlers after each. `aborted`: the
 * playbook stops as failed; `allFailed`: every host of a batch failed in it, so no later play starts (break_play).
 */
async function runPlay(playbook: PlaybookRun, run: RunContext, play: Play, stats: Map<string, HostStats>, errors: HostErrors): Promise<{ ran: boolean; aborted: boolean; allFailed?: boolean }> {
  let hosts = selectHosts(playbook.inventory, play.hosts, playbook.warn);
  if (playbook.limit !== undefined) hosts = limitHosts(playbook.inventory, hosts, playbook.limit, playbook.warn);
  const playName = play.name ?? play.hosts.join(',');
  if (hosts.length === 0) {
    playbook.reporter.on({ type: 'play_start', name: playName });
    playbook.reporter.on({ type: 'no_hosts_matched' });
    return { ran: false, aborted: false };
  }
  const all = hosts.map((h) => h.name);
  for (const name of all) if (!stats.has(name)) stats.set(name, emptyStats());
  for (const batch of playBatches(all, play.serial)) {
    for (const warning of reservedNameWarnings(playLevelVarNames(playbook, play))) playbook.warn(warning);
    playbook.reporter.on({ type: 'play_start', name: playName, path: `${play.origin.file}:${play.origin.line}` });
    const runner = new PlayRunner(playbook, { ...run, magic: { ...run.magic, playName, playHostsAll: all } }, play, batch, stats);
    runner.carryErrors(errors);
    const failedBefore = batch.filter((h) => errors.failed.has(h) || errors.unreachable.has(h));
    const ok = await runner.execute();
    // meta clear_host_errors brings a host back for the later plays too
    for (const h of batch) {
      for (const [set, now] of [[errors.failed, runner.failed], [errors.unreachable, runner.unreachableHosts]] as const) {
        if (now.has(h)) set.add(h);
        else set.delete(h);
      }
    }
    if (!ok) return { ran: true, aborted: true };
    if (runner.playEnded) break;
    if (batch.every((h) => runner.failed.has(h) && !failedBefore.includes(h))) return { ran: true, aborted: false, allFailed: true };
    // a batch in which every host failed ends the play (playbook_executor)
    if (batch.every((h) => runner.failed.has(h))) break;
  }
  return { ran: true, aborted: false };
}

/** The names VariableManager.get_vars(play=play) holds: the play's roles', its vars and vars_files (those that load without a host), -e. */
function playLevelVarNames(playbook: PlaybookRun, play: Play): string[] {
  const roles = playRoleVars(play);
  let files: Vars = {};
  if (play.varsFiles.length > 0) {
    try {
      files = loadVarsFiles(play, { ...play.vars, ...playbook.extraVars }, playbook.templar, () => {});
    } catch {
      // a file named after a host's vars, or missing: the play says so when it loads them for its hosts
    }
  }
  return [roles.defaults, play.vars, files, roles.vars, playbook.extraVars].flatMap((vars) => Object.keys(vars));
}

/** A task's identity for the banners of strategy free (the uuid its copies share in Ansible). */
const bannerKeys = new WeakMap<Task, number>();
let nextBannerKey = 1;
function bannerKey(task: Task): number {
  let key = bannerKeys.get(task);
  if (key === undefined) bannerKeys.set(task, (key = nextBannerKey++));
  return key;
}

/** The state of one play batch: which hosts failed, which handlers are notified. */
class PlayRunner {
  readonly failed = new Set<string>();
  private readonly unreachable = new Set<string>();
  private readonly ended = new Set<string>();
  private readonly handlers: HandlerQueue;
  private aborted = false;
  /** any_errors_fatal failed hosts while others went on to their rescue or always sections: the playbook stops after this play */
  private breakPlay = false;
  /** hosts a failure took out of the play for good, and those any_errors_fatal counted as failed (the task queue manager's _failed_hosts) */
  private readonly failedOut = new Set<string>();
  /** meta end_play ran: no later batch of this play runs */
  playEnded = false;
  /** --step is on until the user answers (c)ontinue, for this batch (a new strategy per batch in Ansible) */
  private stepping: boolean;
  /** bumped by meta clear_host_errors: an always section must not mark its hosts failed again after it */
  private errorsCleared = 0;
  /** the roles loaded in this batch so far, the play's own first (include_role adds to them) */
  readonly seenRoles: Set<string>;
  /** each host's vars_files, read once at the start of the play */
  private readonly varsFiles = new Map<string, Vars>();
  /** strategy free: every host goes through each section at its own pace, and banners come with results */
  private readonly free: boolean;
  /** strategy free: the banner each host's results of a task bring */
  private readonly banners = new WeakMap<Task, Map<string, TaskBanner>>();

  constructor(
    private readonly playbook: PlaybookRun,
    private readonly run: RunContext,
    private readonly play: Play,
    private readonly batch: string[],
    private readonly stats: Map<string, HostStats>,
  ) {
    this.handlers = new HandlerQueue(play.handlers);
    this.seenRoles = new Set(play.seenRoles);
    this.free = play.strategy.replace(/^ansible\.builtin\./, '') === 'free';
    this.stepping = playbook.step === true && playbook.prompter !== undefined;
  }

  /** Hosts failed or unreachable in the earlier plays start out so here. */
  carryErrors(errors: HostErrors): void {
    for (const h of this.batch) {
      if (errors.failed.has(h)) this.failed.add(h);
      if (errors.unreachable.has(h)) this.unreachable.add(h);
    }
  }

  get unreachableHosts(): ReadonlySet<string> {
    return this.unreachable;
  }

  /** false when the play was aborted and the playbook must stop. */
  async execute(): Promise<boolean> {
    if (this.play.varsFiles.length > 0) {
      for (const host of this.batch) {
        const vars = hostTaskVars(this.run, host, { playVars: this.play.vars });
        this.varsFiles.set(host, loadVarsFiles(this.play, vars, this.run.templar, this.playbook.warn));
      }
    }
    if (this.play.gatherFacts && this.live(this.batch).length > 0) await this.runTask(gatherFactsTask(this.play), this.live(this.batch), UNGUARDED, {});
    for (const section of this.play.sections) {
      if (this.free) {
        await Promise.all(this.batch.map((host) => this.runItems(section, [host], UNGUARDED)));
      } else await this.runItems(section, this.batch, UNGUARDED);
      if (this.aborted) return false;
      await this.flushHandlers();
      if (this.aborted) return false;
    }
    return !this.breakPlay;
  }

  private live(hosts: string[]): string[] {
    return hosts.filter((h) => !this.failed.has(h) && !this.ended.has(h));
  }

  /** Tasks and blocks in order, on the hosts still standing. `guard`: what a failure here leads to. */
  async runItems(items: Item[], hosts: string[], guard: Guard, levels: LayeredVars = {}): Promise<void> {
    for (const [index, item] of items.entries()) {
      this.endIfNoneLeft();
      if (this.aborted) return;
      const active = this.live(hosts);
      if (active.length === 0) return;
      if (item.kind === 'block') await this.runBlock(item, active, itemGuard(items, index, guard), levels);
      else await this.runTask(item, active, itemGuard(items, index, guard), levels);
    }
  }

  /** block, then rescue for the hosts that failed in it, then always for all of them. */
  private async runBlock(block: Extract<Item, { kind: 'block' }>, hosts: string[], guard: Guard, levels: LayeredVars): Promise<void> {
    const before = new Set(this.failed);
    const guards = sectionGuards(block, guard);
    await this.runItems(block.block, hosts, guards.block, levels);
    const failedHere = hosts.filter((h) => this.failed.has(h) && !before.has(h) && !this.unreachable.has(h));
    if (block.rescue.length > 0 && failedHere.length > 0) {
      for (const h of failedHere) this.failed.delete(h);
      await this.runItems(block.rescue, failedHere, guards.rescue, levels);
    }
    if (block.always.length > 0) {
      const stillFailed = hosts.filter((h) => this.failed.has(h) && !before.has(h) && !this.unreachable.has(h));
      for (const h of stillFailed) this.failed.delete(h);
      const cleared = this.errorsCleared;
      await this.runItems(block.always, hosts.filter((h) => !this.unreachable.has(h) && !this.ended.has(h)), guards.always, levels);
      if (this.errorsCleared === cleared) for (const h of stillFailed) this.failed.add(h);
    }
  }

  /** Task.get_name; `shown`, the task's own name as the banner shows it (templated for the first host) */
  private taskName(task: Task, shown = task.name): string {
    // include_role has its own name: its own, or `include_role : <role>`, never its parent role's (IncludeRole.get_name)
    const role = task.args.name ?? task.args.role;
    if (engineAction(task.action) === 'include_role' && role !== undefined) return shown || `${task.action} : ${String(role)}`;
    // Task.get_name: an empty name is no name
    const name = shown || task.action;
    return task.role ? `${task.role.name} : ${name}` : name;
  }

  /** The banner's name: the task's name templated with the vars of the first host it runs on */
  private bannerName(task: Task, host: string | undefined, levels: LayeredVars, run: RunContext): string {
    if (task.name === undefined || host === undefined) return this.taskName(task);
    const vars = (): Vars => hostTaskVars(run, host, taskLevels(this.play, task, { ...levels, varsFiles: this.varsFiles.get(host) }));
    return this.taskName(task, templatedTaskName(task.name, vars, this.run.templar));
  }

  /** One task on all its hosts at once (up to forks); results are reported as they arrive. */
  async runTask(task: Task, hosts: string[], guard: Guard, levels: LayeredVars, prefix: 'TASK' | 'RUNNING HANDLER' = 'TASK'): Promise<HostOutcome[]> {
    if (prefix === 'TASK' && !tagsSelected(task.keywords.tags, this.playbook.tags)) return [];
    if (prefix === 'TASK' && this.playbook.startAt.pending) {
      // --start-at-task: nothing runs before the first task with that name
      const name = task.name ?? '';
      if (name !== this.playbook.startAt.name && this.taskName(task) !== this.playbook.startAt.name) return [];
      this.playbook.startAt.pending = false;
    }
    const engine = engineAction(task.action);
    // a failed host leaves ansible_play_hosts and ansible_play_batch (play._removed_hosts)
    const playRun: RunContext = { ...this.run, magic: { ...this.run.magic, playHosts: this.live(this.batch), playBatch: this.batch.filter((h) => !this.failed.has(h)) } };
    const name = this.bannerName(task, hosts[0], levels, playRun);
    const reporter = this.playbook.reporter;
    if (engine === 'meta') {
      await runMeta(this, task, hosts, name, levels, prefix === 'RUNNING HANDLER');
      return [];
    }
    if (this.stepping && !(await this.takeStep(name, prefix))) return [];
    for (const host of hosts) checkDelegateTo(this.run, this.play, task, host, { ...levels, varsFiles: this.varsFiles.get(host) });
    const path = `${task.origin.file}:${task.origin.line}`;
    // strategy free: the banner comes with the task's first result, named as for the host it came from (its own copy of the task)
    const banner: TaskBanner | undefined = this.free ? { key: bannerKey(task), prefix, name, path } : undefined;
    if (banner) for (const host of hosts) this.banners.set(task, (this.banners.get(task) ?? new Map<string, TaskBanner>()).set(host, banner));
    reporter.on({ type: 'task_start', name, prefix, hosts: task.keywords.runOnce || bypassesHostLoop(task.action) ? 1 : hosts.length, path, deferred: this.free });
    if (engine === 'include_tasks' || engine === 'include_role' || engine === 'include') {
      await runIncludes(this, task, hosts, guard, levels, prefix === 'RUNNING HANDLER');
      return [];
    }
    const targets = task.keywords.runOnce || bypassesHostLoop(task.action) ? hosts.slice(0, 1) : hosts;
    const queue = new PQueue({ concurrency: this.playbook.forks });
    const outcomes: HostOutcome[] = [];
    const progress = (event: TaskProgress): void => {
      if (event.type === 'retry') reporter.on({ type: 'retry', host: event.host, task: name, retriesLeft: event.retriesLeft });
      else reporter.on({ type: 'item_result', outcome: event.outcome, module: task.action, label: event.label, delegatedTo: delegatedHost(event.outcome), banner });
    };
    await Promise.all(
      targets.map((host) =>
        queue.add(async () => {
          const outcome = await runTaskOnHost({ run: playRun, play: this.play, task, host, levels: { ...levels, varsFiles: this.varsFiles.get(host) }, progress });
          outcomes.push(outcome);
          this.record(task, outcome, guard.rescuable, task.keywords.runOnce ? hosts : [host]);
        }),
      ),
    );
    // a failure no rescue or always section catches takes the host out for good
    if (!guard.caught) for (const o of outcomes) if (o.status === 'failed' && !task.keywords.ignoreErrors) this.failedOut.add(o.host);
    this.checkFailurePolicy(task, hosts, outcomes, guard);
    return outcomes;
  }

  /** --step: `Perform task: TASK: name (N)o/(y)es/(c)ontinue:`; yes runs it, continue runs the rest unasked (_take_step). */
  private async takeStep(name: string, prefix: 'TASK' | 'RUNNING HANDLER'): Promise<boolean> {
    const question = `Perform task: ${prefix === 'TASK' ? 'TASK' : 'HANDLER'}: ${name} (N)o/(y)es/(c)ontinue: `;
    const answer = await (this.playbook.prompter as Prompter).line(question);
    if (answer === undefined) throw new PromptEnded();
    const reply = answer.toLowerCase();
    const run = ['y', 'yes', 'c', 'continue'].includes(reply);
    if (reply === 'c' || reply === 'continue') this.stepping = false;
    this.playbook.reporter.on({ type: 'step', question });
    return run;
  }

  /** Register, store facts, queue handlers, count, report: what every finished host task leads to. */
  /** strategy free: the banner a result of this task on this host brings */
  bannerOf(task: Task, host: string): TaskBanner | undefined {
    return this.banners.get(task)?.get(host);
  }

  record(task: Task, outcome: HostOutcome, rescuable: boolean, appliesTo: string[]): void {
    const host = outcome.host;
    const result = outcome.result;
    if (task.register) {
      const registered = new Unsafe(registeredResult(result, task.loop !== undefined && Array.isArray(result.results)));
      for (const target of appliesTo) this.run.hostFacts.set(target, { ...this.run.hostFacts.get(target), [task.register]: registered });
    }
    // a loop's facts come item by item (_process_pending_results walks the results)
    // and only from a task that neither failed (ignored or not; one failed item fails a loop), was skipped nor unreachable
    const factResults = outcome.status === 'ok' || outcome.status === 'changed' ? (task.loop !== undefined && Array.isArray(result.results) ? (result.results as ModuleResult[]) : [result]) : [];
    for (const item of factResults) {
      const facts = item.ansible_facts;
      if (!facts || typeof facts !== 'object' || item.failed === true || item.skipped === true) continue;
      // delegate_facts: the facts are the delegated host's, not the hosts the task ran for
      const delegated = task.keywords.delegateTo !== undefined && task.keywords.delegateFacts === true ? item._ansible_delegated_host : undefined;
      for (const target of typeof delegated === 'string' ? [delegated] : appliesTo) {
        // set_fact values rank with registered results (19); what other modules report is host facts (11)
        if (isIncludeVars(task.action)) keepIncludedVars(this.run, target, facts as Vars);
        else if (isSetFact(task.action)) this.run.hostFacts.set(target, { ...this.run.hostFacts.get(target), ...factsToStore(item, facts as Vars) });
        else this.run.facts.set(target, { ...this.run.facts.get(target), ...(facts as Vars) });
      }
    }
    const ignored = outcome.status === 'failed' && task.keywords.ignoreErrors === true;
    if (outcome.status === 'failed' && !ignored && rescuable) {
      // a failure a rescue will handle counts as rescued at once, even if the rescue fails later (strategy/__init__.py)
      (this.stats.get(host) as HostStats).rescued += 1;
      // what a rescue section may look at (set_nonpersistent_facts in the strategy)
      const hostFacts = this.run.hostFacts.get(host) ?? {};
      hostFacts.ansible_failed_task = new Unsafe({ name: task.name ?? '', action: task.action, args: task.args, tags: task.keywords.tags, when: task.keywords.when });
      hostFacts.ansible_failed_result = new Unsafe(result);
      this.run.hostFacts.set(host, hostFacts);
    }
    const unreachableIgnored = outcome.status === 'unreachable' && task.keywords.ignoreUnreachable === true;
    if (outcome.status === 'changed' || (outcome.status === 'failed' && ignored && result.changed === true)) {
      for (const target of appliesTo) {
        for (const handler of this.handlers.notify(task.notify, target)) this.playbook.reporter.on({ type: 'notified', handler: this.taskName(handler), host: target });
      }
    }
    if (outcome.status === 'unreachable' && !unreachableIgnored) {
      this.unreachable.add(host);
      this.failed.add(host);
    } else if (outcome.status === 'failed' && !ignored) {
      this.failed.add(host);
    }
    const stats = this.stats.get(host) as HostStats;
    // a failure inside a block with a rescue is counted only if the rescue fails too
    if (!(outcome.status === 'failed' && !ignored && rescuable)) countOutcome(stats, outcome.status, ignored || unreachableIgnored, result.changed === true);
    this.playbook.reporter.on({
      type: 'host_result',
      outcome: censor(task, outcome),
      module: task.action,
      style: 'json',
      ignoreErrors: ignored || unreachableIgnored,
      loop: task.loop !== undefined && Array.isArray(result.results),
      delegatedTo: delegatedHost(outcome),
      banner: this.bannerOf(task, host),
    });
  }

  /** any_errors_fatal and max_fail_percentage end the play for every host (NO MORE HOSTS LEFT). */
  private checkFailurePolicy(task: Task, hosts: string[], outcomes: HostOutcome[], guard: Guard): void {
    const failing = outcomes.filter((o) => o.status === 'failed' && !task.keywords.ignoreErrors).map((o) => o.host);
    const unreachable = outcomes.filter((o) => o.status === 'unreachable').map((o) => o.host);
    if (task.keywords.anyErrorsFatal === true) this.errorsFatal(hosts, failing, unreachable, guard);
    // a failure a rescue will handle does not count towards max_fail_percentage
    if (this.aborted || guard.rescuable || this.play.maxFailPercentage === undefined || outcomes.length === 0) return;
    const failedInBatch = this.batch.filter((h) => this.failed.has(h)).length;
    if (failedInBatch / this.batch.length <= this.play.maxFailPercentage / 100) return;
    for (const h of hosts) this.failed.add(h);
    this.abort();
  }

  /**
   * any_errors_fatal (linear strategy): a failure a rescue or the innermost always section handles sets nothing off;
   * else every host counts as failed but those headed into a rescue or always section next, and the play is broken
   * off: at once when no more hosts are left than have failed, else at its end (the hosts go on meanwhile).
   */
  private errorsFatal(hosts: string[], failing: string[], unreachable: string[], guard: Guard): void {
    if (unreachable.length === 0 && (failing.length === 0 || guard.rescuable || guard.alwaysNext)) return;
    const caught = guard.caught ? failing : [];
    const spared = new Set([...caught, ...(guard.next ? hosts.filter((h) => !failing.includes(h) && !unreachable.includes(h)) : [])]);
    const marked = this.batch.filter((h) => !this.unreachable.has(h) && !spared.has(h));
    if (marked.length === 0) return;
    for (const h of marked) this.failedOut.add(h);
    this.breakPlay = true;
    this.endIfNoneLeft();
  }

  /** A play to be broken off ends as soon as no more hosts are left than have failed (every host not unreachable is left). */
  private endIfNoneLeft(): void {
    if (!this.breakPlay || this.aborted) return;
    if (this.failedOut.size >= this.batch.filter((h) => !this.unreachable.has(h)).length) this.abort();
  }

  private abort(): void {
    this.aborted = true;
    this.playbook.reporter.on({ type: 'no_hosts_remaining' });
  }


  /**
   * Run the notified handlers, in the order they are defined, each on the hosts that notified it: one pass over the
   * list (the play iterator's HANDLERS state), so a handler a later one notifies again waits for the next flush.
   */
  async flushHandlers(): Promise<void> {
    for (const handler of this.handlers.list()) {
      const hosts = this.handlers.notifiedHosts(handler);
      if (hosts.length === 0) continue;
      const targets = this.play.forceHandlers ? hosts.filter((h) => !this.unreachable.has(h)) : this.live(hosts);
      if (targets.length > 0) {
        if (this.play.forceHandlers) for (const h of targets) this.failed.delete(h);
        await this.runTask(handler, targets, UNGUARDED, {}, 'RUNNING HANDLER');
      }
      this.handlers.consume(handler, hosts);
    }
  }

  /** meta clear_host_errors: every failed or unreachable host of the play is back in it (strategy _execute_meta). */
  clearHostErrors(): void {
    this.failed.clear();
    this.failedOut.clear();
    this.unreachable.clear();
    this.errorsCleared += 1;
  }

  endHost(host: string): void {
    this.ended.add(host);
  }

  /** meta end_play: this batch and every later one */
  endPlay(): void {
    this.playEnded = true;
    this.endBatch();
  }

  /** meta end_batch: the rest of this batch only */
  endBatch(): void {
    for (const h of this.batch) this.ended.add(h);
  }

  get context(): { run: RunContext; playbook: PlaybookRun; play: Play } {
    return { run: this.run, playbook: this.playbook, play: this.play };
  }

  addHandlers(handlers: Task[]): void {
    this.handlers.add(handlers);
  }

  liveHosts(hosts: string[]): string[] {
    return this.live(hosts);
  }

  statsFor(host: string): HostStats {
    let stats = this.stats.get(host);
    if (!stats) {
      stats = emptyStats();
      this.stats.set(host, stats);
    }
    return stats;
  }
}

export type { PlayRunner };

function isSetFact(action: string): boolean {
  return ['set_fact', 'ansible.builtin.set_fact', 'ansible.legacy.set_fact'].includes(action);
}

/** The implicit first task of a play that gathers facts: tagged always, the play's keywords. */
function gatherFactsTask(play: Play): Task {
  return {
    kind: 'task',
    name: 'Gathering Facts',
    action: 'ansible.builtin.setup',
    args: play.gatherSubset ? { gather_subset: play.gatherSubset } : {},
    retries: 3,
    delay: 5,
    notify: [],
    listen: [],
    keywords: { ...play.keywords, tags: ['always'], when: [] },
    origin: play.origin,
  };
}

/** The delegate as the default callback's host_label shows it: `h2`, `h2(10.0.0.2)`, nothing when it is the host itself. */
function delegatedHost(outcome: HostOutcome): string | undefined {
  const name = outcome.result._ansible_delegated_host;
  if (typeof name !== 'string' || name === outcome.host) return undefined;
  const address = outcome.result._ansible_delegated_ansible_host;
  return typeof address === 'string' && address !== name ? `${name}(${address})` : name;
}

/** The directory include files of a task resolve against. */
export function taskDir(task: Task): string {
  return dirname(task.origin.file);
}
