import { randomBytes } from 'node:crypto';
import type { Display } from './display.js';
import type { Reporter, RunEvent } from './events.js';
import { pythonJsonDumps } from './python-json.js';

interface Duration {
  start: string;
  end?: string;
}

interface JsonTask {
  hosts: Record<string, unknown>;
  task: { duration: Duration; id: string; name: string; path?: string | undefined };
}

interface JsonPlay {
  play: { duration: Duration; id: string; name: string; path?: string | undefined };
  tasks: JsonTask[];
}

/** Ansible's `json` stdout callback (ANSIBLE_STDOUT_CALLBACK=json): the whole run as one document at the end. */
export class JsonReporter implements Reporter {
  private readonly plays: JsonPlay[] = [];
  private readonly prefix = randomBytes(6).toString('hex');
  private counter = 0;

  constructor(private readonly display: Display) {}

  private id(): string {
    this.counter += 1;
    const p = this.prefix;
    return `${p.slice(0, 8)}-${p.slice(8, 12)}-0000-0000-${String(this.counter).padStart(12, '0')}`;
  }

  private now(): string {
    return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  private close(duration: Duration | undefined): void {
    if (duration && duration.end === undefined) duration.end = this.now();
  }

  on(event: RunEvent): void {
    const play = this.plays[this.plays.length - 1];
    const task = play?.tasks[play.tasks.length - 1];
    switch (event.type) {
      case 'warning':
        this.display.warning(event.message);
        return;
      case 'play_start':
        this.close(task?.task.duration);
        this.close(play?.play.duration);
        this.plays.push({ play: { duration: { start: this.now() }, id: this.id(), name: event.name, path: event.path }, tasks: [] });
        return;
      case 'task_start':
        this.close(task?.task.duration);
        play?.tasks.push({ hosts: {}, task: { duration: { start: this.now() }, id: this.id(), name: event.name, path: event.path } });
        return;
      case 'host_result': {
        if (!task) return;
        const { _ansible_verbose_always: _v, _ansible_delegated_host: _d, _ansible_delegated_ansible_host: _a, ...result } = event.outcome.result;
        task.hosts[event.outcome.host] = { ...result, _ansible_no_log: false, action: event.module.replace(/^ansible\.(builtin|legacy)\./, '') };
        return;
      }
      case 'recap': {
        this.close(task?.task.duration);
        this.close(play?.play.duration);
        const stats: Record<string, unknown> = {};
        for (const [host, s] of [...event.stats.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
          stats[host] = { changed: s.changed, failures: s.failed, ignored: s.ignored, ok: s.ok, rescued: s.rescued, skipped: s.skipped, unreachable: s.unreachable };
        }
        this.display.display(pythonJsonDumps({ custom_stats: {}, global_custom_stats: {}, plays: this.plays, stats }, { indent: 4 }));
        return;
      }
      default:
        return;
    }
  }
}
