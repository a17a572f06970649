import type { ColorName } from './color.js';
import type { Display } from './display.js';
import { dumpResult } from './dump-result.js';
import type { Reporter, RunEvent } from './events.js';
import { cleanResult } from './minimal.js';
import type { HostStats } from './stats.js';

/** Ansible's `default` stdout callback: banners, one line per host result, PLAY RECAP. */
export class DefaultReporter implements Reporter {
  constructor(private readonly display: Display) {}

  on(event: RunEvent): void {
    const d = this.display;
    switch (event.type) {
      case 'warning':
        d.warning(event.message);
        return;
      case 'play_start':
        this.banner(event.name ? `PLAY [${event.name}]` : 'PLAY');
        return;
      case 'task_start':
        this.banner(`TASK [${event.name}]`);
        return;
      case 'no_hosts_matched':
        d.display('skipping: no hosts matched', 'skip');
        return;
      case 'no_hosts_remaining':
        this.banner('NO MORE HOSTS LEFT');
        return;
      case 'host_result':
        this.hostResult(event);
        return;
      case 'recap':
        this.recap(event.stats);
        return;
    }
  }

  private banner(text: string): void {
    const stars = '*'.repeat(Math.max(3, this.display.columns - text.length));
    this.display.display(`\n${text} ${stars}`);
  }

  private hostResult(event: Extract<RunEvent, { type: 'host_result' }>): void {
    const d = this.display;
    const { host, status, result } = event.outcome;
    const verbose = d.verbosity > 0 || result._ansible_verbose_always === true;
    const json = (): string => dumpResult(cleanResult(result, event.module), d.verbosity, d.verbosity > 2 || result._ansible_verbose_always === true ? 4 : undefined);
    switch (status) {
      case 'failed':
        d.display(`fatal: [${host}]: FAILED! => ${dumpResult(result, d.verbosity, d.verbosity > 2 ? 4 : undefined)}`, 'error');
        if (event.ignoreErrors) d.display('...ignoring', 'skip');
        return;
      case 'unreachable':
        d.display(`fatal: [${host}]: UNREACHABLE! => ${dumpResult(result, d.verbosity, d.verbosity > 2 ? 4 : undefined)}`, 'unreachable');
        return;
      case 'skipped':
        d.display(`skipping: [${host}]${verbose ? ` => ${json()}` : ''}`, 'skip');
        return;
      case 'ok':
      case 'changed': {
        const color: ColorName = status === 'changed' ? 'changed' : 'ok';
        d.display(`${status}: [${host}]${verbose ? ` => ${json()}` : ''}`, color);
        return;
      }
    }
  }

  private recap(stats: Map<string, HostStats>): void {
    this.banner('PLAY RECAP');
    const field = (name: string, value: number): string => `${name}=${String(value).padEnd(4)}`;
    for (const host of [...stats.keys()].sort()) {
      const s = stats.get(host) as HostStats;
      const line = [
        field('ok', s.ok),
        field('changed', s.changed),
        field('unreachable', s.unreachable),
        field('failed', s.failed),
        field('skipped', s.skipped),
        field('rescued', s.rescued),
        field('ignored', s.ignored),
      ].join(' ');
      this.display.display(`${host.padEnd(26)} : ${line}`);
    }
    this.display.display('');
  }
}
