import type { Task } from '../playbook/types.js';
import type { PlayRunner } from './play-runner.js';

/** `meta:` actions the engine carries out: flush_handlers, end_play, end_host, noop, clear_facts... */
export async function runMeta(play: PlayRunner, task: Task, hosts: string[], name: string, asHandler = false): Promise<void> {
  const verb = String(task.args._raw_params ?? '').trim();
  const { run, playbook } = play.context;
  switch (verb) {
    case 'flush_handlers':
      // Ansible's AnsibleError (ERROR!, exit 1) from the strategy's _execute_meta
      if (asHandler) throw Object.assign(new Error('flush_handlers cannot be used as a handler'), { userError: true });
      playbook.reporter.on({ type: 'task_start', name, prefix: 'TASK' });
      await play.flushHandlers();
      return;
    case 'end_play':
      play.endPlay();
      return;
    case 'end_host':
      for (const host of hosts) play.endHost(host);
      return;
    case 'end_batch':
      play.endPlay();
      return;
    case 'clear_facts':
      for (const host of hosts) {
        run.facts.delete(host);
        run.hostFacts.delete(host);
      }
      return;
    case 'clear_host_errors':
      play.clearHostErrors();
      return;
    case 'noop':
    case 'refresh_inventory':
    case 'reset_connection':
    case 'role_complete':
      return;
    default:
      throw new Error(`invalid meta action requested: ${verb}`);
  }
}
