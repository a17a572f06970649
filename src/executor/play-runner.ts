import PQueue from 'p-queue';
import { findModule } from '../../modules/index.js';
import type { ConnectionDefaults } from '../connection/settings.js';
import { limitHosts, selectHosts } from '../inventory/pattern.js';
import type { Inventory } from '../inventory/types.js';
import type { Reporter } from '../output/events.js';
import { countOutcome, emptyStats, type HostStats } from '../output/stats.js';
import type { Play, Task } from '../playbook/types.js';
import type { RunMagic } from '../vars/magic-vars.js';
import type { Vars } from '../vars/types.js';
import { Unsafe } from '../vars/unsafe.js';
import { ConnectionPool } from './connection-pool.js';
import { runHostTask, type RunContext } from './host-task.js';
import type { HostOutcome } from './outcome.js';
import type { Templar } from './templar.js';

export interface PlaybookRun {
  plays: Play[];
  inventory: Inventory;
  extraVars: Vars;
  defaults: ConnectionDefaults;
  forks: number;
  magic: RunMagic;
  templar: Templar;
  limit?: string | undefined;
  reporter: Reporter;
  warn: (message: string) => void;
}

/** The linear strategy: each task on every live host at once (up to forks), then the next task. */
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
  };
  try {
    for (const play of playbook.plays) {
      let hosts = selectHosts(playbook.inventory, play.hosts, playbook.warn);
      if (playbook.limit !== undefined) hosts = limitHosts(playbook.inventory, hosts, playbook.limit, playbook.warn);
      const playName = play.name ?? play.hosts.join(',');
      playbook.reporter.on({ type: 'play_start', name: playName });
      if (play.gatherFacts) playbook.warn('tsible does not gather facts yet: this play runs without them (set gather_facts: false to silence this)');
      if (hosts.length === 0) {
        playbook.reporter.on({ type: 'no_hosts_matched' });
        continue;
      }
      for (const host of hosts) if (!stats.has(host.name)) stats.set(host.name, emptyStats());
      const all = hosts.map((h) => h.name);
      const failed = new Set<string>();
      for (const task of play.tasks) {
        const active = all.filter((name) => !failed.has(name));
        // every host failed: the play ends quietly (the NO MORE HOSTS LEFT banner is for any_errors_fatal/max_fail_percentage)
        if (active.length === 0) break;
        playbook.reporter.on({ type: 'task_start', name: task.name ?? task.action });
        const playRun: RunContext = { ...run, magic: { ...run.magic, playName, playHostsAll: all, playHosts: active, playBatch: active } };
        const queue = new PQueue({ concurrency: playbook.forks });
        await Promise.all(
          active.map((host) =>
            queue.add(async () => {
              const outcome = await runTask(playRun, play, task, host);
              // registered output is the host's text: never template it again
              if (task.register) run.hostFacts.set(host, { ...run.hostFacts.get(host), [task.register]: new Unsafe(outcome.result) });
              const ignored = outcome.status === 'failed' && task.ignoreErrors;
              if ((outcome.status === 'failed' || outcome.status === 'unreachable') && !ignored) failed.add(host);
              countOutcome(stats.get(host) as HostStats, outcome.status, ignored, outcome.result.changed === true);
              playbook.reporter.on({ type: 'host_result', outcome, module: task.action, style: 'json', ignoreErrors: task.ignoreErrors });
            }),
          ),
        );
      }
    }
  } finally {
    await run.pool.closeAll();
  }
  playbook.reporter.on({ type: 'recap', stats });
  return stats;
}

/** One task on one host, with the play's keywords and vars. */
function runTask(run: RunContext, play: Play, task: Task, host: string): Promise<HostOutcome> {
  return runHostTask(run, {
    host,
    action: task.action,
    module: findModule(task.action),
    args: task.args,
    levels: { playVars: play.vars },
    connection: {
      ...(play.connection !== undefined ? { connection: play.connection } : {}),
      ...(play.remoteUser !== undefined ? { remoteUser: play.remoteUser } : {}),
      ...((task.become ?? play.become) !== undefined ? { become: task.become ?? play.become } : {}),
      ...((task.becomeUser ?? play.becomeUser) !== undefined ? { becomeUser: task.becomeUser ?? play.becomeUser } : {}),
    },
    environment: task.environment,
    origin: task.origin,
  });
}
