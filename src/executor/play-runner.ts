import { dirname } from 'node:path';
import PQueue from 'p-queue';
import { findModule } from '../../modules/index.js';
import type { ConnectionDefaults } from '../connection/settings.js';
import { limitHosts, selectHosts } from '../inventory/pattern.js';
import type { Inventory } from '../inventory/types.js';
import type { VarsDir } from '../inventory/vars-dir.js';
import type { Reporter } from '../output/events.js';
import { countOutcome, emptyStats, type HostStats } from '../output/stats.js';
import { engineAction } from '../playbook/actions.js';
import type { Play, Task } from '../playbook/types.js';
import type { HashBehaviour } from '../vars/combine.js';
import type { RunMagic } from '../vars/magic-vars.js';
import type { Vars } from '../vars/types.js';
import { Unsafe, unsafeVars } from '../vars/unsafe.js';
import { ConnectionPool } from './connection-pool.js';
import { HandlerQueue } from './handlers.js';
import { hostTaskVars, type RunContext } from './host-task.js';
import { loadVarsFiles } from './vars-files.js';
import { runIncludes } from './includes.js';
import { runMeta } from './meta.js';
import type { HostOutcome } from './outcome.js';
import { playBatches } from './serial.js';
import { tagsSelected, type TagFilter } from './tags.js';
import { runTaskOnHost, type TaskProgress } from './task-runner.js';
import type { Templar } from './templar.js';
import type { Item } from '../playbook/types.js';
import type { LayeredVars } from '../vars/levels.js';

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
  playbookVarsDirs?: VarsDir[];
  /** --start-at-task: skip every task before the one with this name (pending until it is reached) */
  startAt: { name?: string | undefined; pending: boolean };
  limit?: string | undefined;
  reporter: Reporter;
  warn: (message: string) => void;
}

/** The result of a whole run: per-host stats, and whether a play was aborted (any_errors_fatal, max_fail_percentage). */
export interface PlaybookResult {
  stats: Map<string, HostStats>;
  aborted: boolean;
}

/** Run every play in order with the linear strategy; the recap comes last. */
export async function runPlaybook(playbook: PlaybookRun): Promise<Map<string, HostStats>> {
  const stats = new Map<string, HostStats>();
  const run: RunContext = {
    inventory: playbook.inventory,
    extraVars: playbook.extraVars,
    defaults: playbook.defaults,
    pool: new ConnectionPool(),
    magic: playbook.magic,
    templar: playbook.templar,
    hostFacts: new Map(),
    facts: new Map(),
    hashBehaviour: playbook.hashBehaviour,
    playbookVarsDirs: playbook.playbookVarsDirs,
  };
  // hosts that failed (or went unreachable) in a play sit out the later plays (the task queue manager's _failed_hosts)
  const failedEarlier = new Set<string>();
  try {
    for (const play of playbook.plays) {
      const keepGoing = await runPlay(playbook, run, play, stats, failedEarlier);
      if (!keepGoing) break;
    }
  } finally {
    await run.pool.closeAll();
  }
  playbook.reporter.on({ type: 'recap', stats });
  return stats;
}

/** One play: its hosts in serial batches; each batch runs every section, flushing handlers after each. */
async function runPlay(playbook: PlaybookRun, run: RunContext, play: Play, stats: Map<string, HostStats>, failedEarlier: Set<string>): Promise<boolean> {
  let hosts = selectHosts(playbook.inventory, play.hosts, playbook.warn);
  if (playbook.limit !== undefined) hosts = limitHosts(playbook.inventory, hosts, playbook.limit, playbook.warn);
  const playName = play.name ?? play.hosts.join(',');
  if (hosts.length === 0) {
    playbook.reporter.on({ type: 'play_start', name: playName });
    playbook.reporter.on({ type: 'no_hosts_matched' });
    return true;
  }
  const all = hosts.map((h) => h.name);
  for (const name of all) if (!stats.has(name)) stats.set(name, emptyStats());
  for (const batch of playBatches(all, play.serial)) {
    playbook.reporter.on({ type: 'play_start', name: playName, path: `${play.origin.file}:${play.origin.line}` });
    const runner = new PlayRunner(playbook, { ...run, magic: { ...run.magic, playName, playHostsAll: all } }, play, batch, stats);
    for (const h of batch) if (failedEarlier.has(h)) runner.failed.add(h);
    const ok = await runner.execute();
    // meta clear_host_errors brings a host back for the later plays too
    for (const h of batch) {
      if (runner.failed.has(h)) failedEarlier.add(h);
      else failedEarlier.delete(h);
    }
    if (!ok) return false;
    // a batch in which every host failed ends the play (playbook_executor)
    if (batch.every((h) => runner.failed.has(h))) break;
  }
  return true;
}

/** The state of one play batch: which hosts failed, which handlers are notified. */
class PlayRunner {
  readonly failed = new Set<string>();
  private readonly unreachable = new Set<string>();
  private readonly ended = new Set<string>();
  private readonly handlers: HandlerQueue;
  private aborted = false;
  /** bumped by meta clear_host_errors: an always section must not mark its hosts failed again after it */
  private errorsCleared = 0;
  /** each host's vars_files, read once at the start of the play */
  private readonly varsFiles = new Map<string, Vars>();

  constructor(
    private readonly playbook: PlaybookRun,
    private readonly run: RunContext,
    private readonly play: Play,
    private readonly batch: string[],
    private readonly stats: Map<string, HostStats>,
  ) {
    this.handlers = new HandlerQueue(play.handlers);
  }

  /** false when the play was aborted and the playbook must stop. */
  async execute(): Promise<boolean> {
    if (this.play.varsFiles.length > 0) {
      for (const host of this.batch) {
        const vars = hostTaskVars(this.run, host, { playVars: this.play.vars });
        this.varsFiles.set(host, loadVarsFiles(this.play, vars, this.run.templar, this.playbook.warn));
      }
    }
    if (this.play.gatherFacts && this.live(this.batch).length > 0) await this.runTask(gatherFactsTask(this.play), this.live(this.batch), false, {});
    for (const section of this.play.sections) {
      if (this.play.strategy.replace(/^ansible\.builtin\./, '') === 'free') {
        // strategy free: every host goes through the section at its own pace
        await Promise.all(this.batch.map((host) => this.runItems(section, [host], false)));
      } else await this.runItems(section, this.batch, false);
      if (this.aborted) return false;
      await this.flushHandlers();
      if (this.aborted) return false;
    }
    return true;
  }

  private live(hosts: string[]): string[] {
    return hosts.filter((h) => !this.failed.has(h) && !this.ended.has(h));
  }

  /** Tasks and blocks in order, on the hosts still standing. `rescuable`: a failure here may yet be rescued. */
  async runItems(items: Item[], hosts: string[], rescuable: boolean, levels: LayeredVars = {}): Promise<void> {
    for (const item of items) {
      if (this.aborted) return;
      const active = this.live(hosts);
      if (active.length === 0) return;
      if (item.kind === 'block') await this.runBlock(item, active, rescuable, levels);
      else await this.runTask(item, active, rescuable, levels);
    }
  }

  /** block, then rescue for the hosts that failed in it, then always for all of them. */
  private async runBlock(block: Extract<Item, { kind: 'block' }>, hosts: string[], rescuable: boolean, levels: LayeredVars): Promise<void> {
    const before = new Set(this.failed);
    await this.runItems(block.block, hosts, rescuable || block.rescue.length > 0, levels);
    const failedHere = hosts.filter((h) => this.failed.has(h) && !before.has(h) && !this.unreachable.has(h));
    if (block.rescue.length > 0 && failedHere.length > 0) {
      for (const h of failedHere) this.failed.delete(h);
      await this.runItems(block.rescue, failedHere, rescuable, levels);
    }
    if (block.always.length > 0) {
      const stillFailed = hosts.filter((h) => this.failed.has(h) && !before.has(h) && !this.unreachable.has(h));
      for (const h of stillFailed) this.failed.delete(h);
      const cleared = this.errorsCleared;
      await this.runItems(block.always, hosts.filter((h) => !this.unreachable.has(h) && !this.ended.has(h)), rescuable, levels);
      if (this.errorsCleared === cleared) for (const h of stillFailed) this.failed.add(h);
    }
  }

  private taskName(task: Task): string {
    const name = task.name ?? task.action;
    return task.role ? `${task.role.name} : ${name}` : name;
  }

  /** One task on all its hosts at once (up to forks); results are reported as they arrive. */
  async runTask(task: Task, hosts: string[], rescuable: boolean, levels: LayeredVars, prefix: 'TASK' | 'RUNNING HANDLER' = 'TASK'): Promise<HostOutcome[]> {
    if (prefix === 'TASK' && !tagsSelected(task.keywords.tags, this.playbook.tags)) return [];
    if (prefix === 'TASK' && this.playbook.startAt.pending) {
      // --start-at-task: nothing runs before the first task with that name
      const name = task.name ?? '';
      if (name !== this.playbook.startAt.name && this.taskName(task) !== this.playbook.startAt.name) return [];
      this.playbook.startAt.pending = false;
    }
    const engine = engineAction(task.action);
    const name = this.taskName(task);
    const reporter = this.playbook.reporter;
    if (engine === 'meta') {
      await runMeta(this, task, hosts, name, prefix === 'RUNNING HANDLER');
      return [];
    }
    reporter.on({ type: 'task_start', name, prefix, hosts: task.keywords.runOnce ? 1 : hosts.length, path: `${task.origin.file}:${task.origin.line}` });
    if (engine === 'include_tasks' || engine === 'include_role' || engine === 'include') {
      await runIncludes(this, task, hosts, rescuable, levels, prefix === 'RUNNING HANDLER');
      return [];
    }
    const targets = task.keywords.runOnce ? hosts.slice(0, 1) : hosts;
    // a failed host leaves ansible_play_hosts and ansible_play_batch (play._removed_hosts)
    const playRun: RunContext = { ...this.run, magic: { ...this.run.magic, playHosts: this.live(this.batch), playBatch: this.batch.filter((h) => !this.failed.has(h)) } };
    const queue = new PQueue({ concurrency: this.playbook.forks });
    const outcomes: HostOutcome[] = [];
    const progress = (event: TaskProgress): void => {
      if (event.type === 'retry') reporter.on({ type: 'retry', host: event.host, task: name, retriesLeft: event.retriesLeft });
      else reporter.on({ type: 'item_result', outcome: event.outcome, module: task.action, label: event.label, delegatedTo: delegatedHost(event.outcome) });
    };
    await Promise.all(
      targets.map((host) =>
        queue.add(async () => {
          const outcome = await runTaskOnHost({ run: playRun, play: this.play, task, host, levels: { ...levels, varsFiles: this.varsFiles.get(host) }, progress });
          outcomes.push(outcome);
          this.record(task, outcome, rescuable, task.keywords.runOnce ? hosts : [host]);
        }),
      ),
    );
    // a failure a rescue will handle is not fatal to the play (any_errors_fatal)
    if (!rescuable) this.checkFailurePolicy(task, hosts, outcomes);
    return outcomes;
  }

  /** Register, store facts, queue handlers, count, report: what every finished host task leads to. */
  record(task: Task, outcome: HostOutcome, rescuable: boolean, appliesTo: string[]): void {
    const host = outcome.host;
    const result = outcome.result;
    for (const target of appliesTo) {
      const hostFacts = this.run.hostFacts.get(target) ?? {};
      if (task.register) hostFacts[task.register] = new Unsafe(result);
      const facts = result.ansible_facts;
      if (facts && typeof facts === 'object' && outcome.status !== 'failed' && outcome.status !== 'skipped') {
        // set_fact values rank with registered results (19); what other modules report is host facts (11)
        if (isSetFact(task.action)) Object.assign(hostFacts, unsafeVars(facts as Vars));
        else this.run.facts.set(target, { ...this.run.facts.get(target), ...(facts as Vars) });
      }
      this.run.hostFacts.set(target, hostFacts);
    }
    const ignored = outcome.status === 'failed' && task.keywords.ignoreErrors === true;
    if (outcome.status === 'failed' && !ignored && rescuable) {
      // a failure a rescue will handle counts as rescued at once, even if the rescue fails later (strategy/__init__.py)
      (this.stats.get(host) as HostStats).rescued += 1;
      // what a rescue section may look at (set_nonpersistent_facts in the strategy)
      const hostFacts = this.run.hostFacts.get(host) ?? {};
      hostFacts.ansible_failed_task = new Unsafe({ name: task.name ?? task.action, action: task.action, args: task.args, tags: task.keywords.tags, when: task.keywords.when });
      hostFacts.ansible_failed_result = new Unsafe(result);
      this.run.hostFacts.set(host, hostFacts);
    }
    const unreachableIgnored = outcome.status === 'unreachable' && task.keywords.ignoreUnreachable === true;
    if (outcome.status === 'changed' || (outcome.status === 'failed' && ignored && result.changed === true)) {
      for (const target of appliesTo) this.handlers.notify(task.notify, target);
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
      outcome,
      module: task.action,
      style: 'json',
      ignoreErrors: ignored || unreachableIgnored,
      loop: task.loop !== undefined && Array.isArray(result.results),
      delegatedTo: delegatedHost(outcome),
    });
  }

  /** any_errors_fatal and max_fail_percentage end the play for every host (NO MORE HOSTS LEFT). */
  private checkFailurePolicy(task: Task, hosts: string[], outcomes: HostOutcome[]): void {
    const failedNow = outcomes.filter((o) => (o.status === 'failed' && !task.keywords.ignoreErrors) || o.status === 'unreachable');
    let abort = task.keywords.anyErrorsFatal === true && failedNow.length > 0;
    if (this.play.maxFailPercentage !== undefined && outcomes.length > 0) {
      const failedInBatch = this.batch.filter((h) => this.failed.has(h)).length;
      if (failedInBatch / this.batch.length > this.play.maxFailPercentage / 100) abort = true;
    }
    if (!abort) return;
    for (const h of hosts) this.failed.add(h);
    this.aborted = true;
    this.playbook.reporter.on({ type: 'no_hosts_remaining' });
  }

  /** Run the notified handlers, in the order they are defined, each on the hosts that notified it. */
  async flushHandlers(): Promise<void> {
    for (const { handler, hosts } of this.handlers.drain()) {
      const targets = this.play.forceHandlers ? hosts.filter((h) => !this.unreachable.has(h)) : this.live(hosts);
      if (targets.length === 0) continue;
      if (this.play.forceHandlers) for (const h of targets) this.failed.delete(h);
      await this.runTask(handler, targets, false, {}, 'RUNNING HANDLER');
    }
  }

  /** meta clear_host_errors: every failed or unreachable host of the play is back in it (strategy _execute_meta). */
  clearHostErrors(): void {
    this.failed.clear();
    this.unreachable.clear();
    this.errorsCleared += 1;
  }

  endHost(host: string): void {
    this.ended.add(host);
  }

  endPlay(): void {
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

function delegatedHost(outcome: HostOutcome): string | undefined {
  const name = outcome.result._ansible_delegated_host;
  return typeof name === 'string' ? name : undefined;
}

/** The directory include files of a task resolve against. */
export function taskDir(task: Task): string {
  return dirname(task.origin.file);
}
