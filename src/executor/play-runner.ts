import PQueue from 'p-queue';
import { findModule } from '../../modules/index.js';
import { hostConnectionSettings, type ConnectionDefaults } from '../connection/settings.js';
import { hostVars } from '../inventory/host-vars.js';
import { limitHosts, selectHosts } from '../inventory/pattern.js';
import type { Host, Inventory } from '../inventory/types.js';
import type { Reporter } from '../output/events.js';
import { countOutcome, emptyStats, type HostStats } from '../output/stats.js';
import type { Play, Task } from '../playbook/types.js';
import { renderValue, UndefinedVariableError } from '../template/render.js';
import { describeOrigin } from '../playbook/playbook-error.js';
import { inventoryMagicVars } from '../vars/magic-vars.js';
import { ConnectionPool } from './connection-pool.js';
import { checkModuleArgs } from './module-args.js';
import { errorOutcome, toOutcome, type HostOutcome } from './outcome.js';
import { runModule } from './run-module.js';

export interface PlaybookRun {
  plays: Play[];
  inventory: Inventory;
  extraVars: Record<string, unknown>;
  defaults: ConnectionDefaults;
  forks: number;
  check: boolean;
  diff: boolean;
  limit?: string | undefined;
  reporter: Reporter;
  warn: (message: string) => void;
}

/** Per-host state that lives across the tasks of a run. */
interface HostState {
  host: Host;
  registered: Record<string, unknown>;
  /** failed or unreachable: out of the play, as in Ansible's linear strategy */
  done: boolean;
}

/** The linear strategy: each task on every live host at once (up to forks), then the next task. */
export async function runPlaybook(run: PlaybookRun): Promise<Map<string, HostStats>> {
  const stats = new Map<string, HostStats>();
  const pool = new ConnectionPool();
  const states = new Map<string, HostState>();
  try {
    for (const play of run.plays) {
      let hosts = selectHosts(run.inventory, play.hosts, run.warn);
      if (run.limit !== undefined) hosts = limitHosts(run.inventory, hosts, run.limit, run.warn);
      run.reporter.on({ type: 'play_start', name: play.name ?? play.hosts.join(',') });
      if (play.gatherFacts) run.warn('tsible does not gather facts yet: this play runs without them (set gather_facts: false to silence this)');
      if (hosts.length === 0) {
        run.reporter.on({ type: 'no_hosts_matched' });
        continue;
      }
      const live: HostState[] = hosts.map((host) => {
        let state = states.get(host.name);
        if (!state) {
          state = { host, registered: {}, done: false };
          states.set(host.name, state);
        }
        state.done = false;
        if (!stats.has(host.name)) stats.set(host.name, emptyStats());
        return state;
      });
      for (const task of play.tasks) {
        const active = live.filter((state) => !state.done);
        // every host failed: the play ends quietly (the NO MORE HOSTS LEFT banner is for any_errors_fatal/max_fail_percentage)
        if (active.length === 0) break;
        run.reporter.on({ type: 'task_start', name: task.name ?? task.action });
        const queue = new PQueue({ concurrency: run.forks });
        await Promise.all(
          active.map((state) =>
            queue.add(async () => {
              const outcome = await runTask(run, play, task, state, pool);
              const failed = outcome.status === 'failed' || outcome.status === 'unreachable';
              if (task.register) state.registered[task.register] = outcome.result;
              if (failed && !(outcome.status === 'failed' && task.ignoreErrors)) state.done = true;
              countOutcome(stats.get(state.host.name) as HostStats, outcome.status, outcome.status === 'failed' && task.ignoreErrors, outcome.result.changed === true);
              run.reporter.on({ type: 'host_result', outcome, module: task.action, style: 'json', ignoreErrors: task.ignoreErrors });
            }),
          ),
        );
      }
    }
  } finally {
    await pool.closeAll();
  }
  run.reporter.on({ type: 'recap', stats });
  return stats;
}

/** One task on one host: vars (inventory < play < registered < extra), settings, args, module. */
async function runTask(run: PlaybookRun, play: Play, task: Task, state: HostState, pool: ConnectionPool): Promise<HostOutcome> {
  const name = state.host.name;
  const module = findModule(task.action);
  if (!module) return errorOutcome(name, `The module ${task.action} was not found in configured module paths`);
  const vars = { ...hostVars(run.inventory, name), ...inventoryMagicVars(run.inventory, name), ...play.vars, ...state.registered, ...run.extraVars, ansible_check_mode: run.check };
  const defaults: ConnectionDefaults = {
    ...run.defaults,
    connection: play.connection ?? run.defaults.connection,
    remoteUser: play.remoteUser ?? run.defaults.remoteUser,
    become: task.become ?? play.become ?? run.defaults.become,
    becomeUser: task.becomeUser ?? play.becomeUser ?? run.defaults.becomeUser,
  };
  let args: Record<string, unknown>;
  let settings;
  let env: Record<string, string> | undefined;
  try {
    settings = hostConnectionSettings(name, vars, defaults);
    args = renderValue(task.args, vars) as Record<string, unknown>;
    env = task.environment ? (renderValue(task.environment, vars) as Record<string, string>) : undefined;
  } catch (error) {
    if (error instanceof UndefinedVariableError) {
      const why = error.message;
      return errorOutcome(name, `The task includes an option with an undefined variable. The error was: ${why}. ${why}${describeOrigin(task.origin)}`);
    }
    return errorOutcome(name, (error as Error).message);
  }
  const checked = checkModuleArgs(module, args);
  if (!checked.ok) return toOutcome(name, { changed: false, failed: true, msg: checked.msg });
  const connectionSettings = settings;
  return runModule({
    host: name,
    module,
    args: checked.args,
    connect: () => pool.get(connectionSettings),
    become: settings.become,
    check: run.check,
    diff: run.diff,
    env,
  });
}
