import { playbookError } from '../playbook/playbook-error.js';
import type { Task } from '../playbook/types.js';
import type { LayeredVars } from '../vars/levels.js';
import { allTrue } from './conditions.js';
import { hostTaskVars } from './host-task.js';
import type { PlayRunner } from './play-runner.js';
import { taskLevels } from './task-runner.js';

/** Verbs the linear strategy runs for each host (one banner each); the others run once for the play. */
const PER_HOST = new Set(['noop', 'reset_connection', 'end_host', 'role_complete', 'flush_handlers']);
/** Verbs that honour `when` (the rest warn that they do not, and run). */
const CONDITIONAL = new Set(['flush_handlers', 'clear_facts', 'clear_host_errors', 'end_batch', 'end_play', 'end_host']);
const SKIP_REASONS: Record<string, string> = {
  flush_handlers: ', not running handlers for HOST',
  clear_facts: ', not clearing facts and fact cache for HOST',
  clear_host_errors: ', not clearing host error state for HOST',
  end_batch: ', continuing current batch',
  end_play: ', continuing play',
  end_host: ', continuing execution for HOST',
};
const KNOWN = new Set([...PER_HOST, ...CONDITIONAL, 'refresh_inventory']);
/** A skipped meta task's msg: its verb, but end_host words it (a leftover Ansible keeps "for historical reasons"). */
function skippedMsg(verb: string, host: string): string {
  return verb === 'end_host' ? `end_host conditional evaluated to false, continuing execution for ${host}` : verb;
}

/** What a verb that ran says (-vv prints `META: <it>`; StrategyBase._execute_meta). */
const DONE: Record<string, string> = {
  noop: 'noop',
  flush_handlers: 'triggered running handlers for HOST',
  refresh_inventory: 'inventory successfully refreshed',
  clear_facts: 'facts cleared',
  clear_host_errors: 'cleared host errors',
  end_batch: 'ending batch',
  end_play: 'ending play',
  end_host: 'ending play for HOST',
  reset_connection: 'reset connection',
  role_complete: 'role_complete for HOST',
};
/** Verbs that warn about a `when` and run anyway (StrategyBase._cond_not_supported_warn). */
const WHEN_IGNORED = new Set(['noop', 'refresh_inventory', 'reset_connection']);

/** `meta:` actions the engine carries out (StrategyBase._execute_meta): banner, `when`, then the verb. */
export async function runMeta(play: PlayRunner, task: Task, hosts: string[], name: string, levels: LayeredVars = {}, asHandler = false): Promise<void> {
  const verb = String(task.args._raw_params ?? '').trim();
  const { run, playbook } = play.context;
  // Ansible's AnsibleError (ERROR!, exit 1) from the strategy's _execute_meta
  if (verb === 'flush_handlers' && asHandler) throw Object.assign(new Error('flush_handlers cannot be used as a handler'), { userError: true });
  const targets = PER_HOST.has(verb) ? hosts : hosts.slice(0, 1);
  let flush = false;
  for (const host of targets) {
    playbook.reporter.on({ type: 'task_start', name, prefix: 'TASK', path: `${task.origin.file}:${task.origin.line}` });
    if (!KNOWN.has(verb)) throw Object.assign(new Error(playbookError(`invalid meta action requested: ${verb}`, task.origin).message), { userError: true });
    if (WHEN_IGNORED.has(verb) && task.keywords.when.length > 0) playbook.reporter.on({ type: 'warning', message: `${verb} task does not support when conditional` });
    if (CONDITIONAL.has(verb) && task.keywords.when.length > 0) {
      const vars = hostTaskVars(run, host, taskLevels(play.context.play, task, levels));
      if (!allTrue(task.keywords.when, vars, run.templar)) {
        const skipReason = `${verb} conditional evaluated to False${(SKIP_REASONS[verb] ?? '').replace('HOST', host)}`;
        playbook.reporter.on({ type: 'meta', header: skipReason });
        playbook.reporter.on({ type: 'host_result', outcome: { host, status: 'skipped', result: { msg: skippedMsg(verb, host), skipped: true, skip_reason: skipReason } }, module: task.action, style: 'json', ignoreErrors: false, loop: false });
        continue;
      }
    }
    playbook.reporter.on({ type: 'meta', header: (DONE[verb] ?? verb).replace('HOST', host) });
    switch (verb) {
      case 'flush_handlers':
        flush = true;
        break;
      case 'end_play':
        play.endPlay();
        break;
      case 'end_batch':
        play.endBatch();
        break;
      case 'end_host':
        play.endHost(host);
        break;
      case 'clear_host_errors':
        play.clearHostErrors();
        break;
      case 'clear_facts':
        // VariableManager.clear_facts: the fact cache only; set_fact and registered vars stay
        for (const h of hosts) run.facts.delete(h);
        break;
      default:
        // noop, refresh_inventory (sources are read once; runtime add_host/group_by changes stay, as after Ansible's refresh),
        // reset_connection, role_complete: nothing the run can observe
        break;
    }
  }
  if (flush) await play.flushHandlers();
}
