import { basename } from 'node:path';
import type { ColorName } from './color.js';
import type { Display } from './display.js';
import { dumpResult } from './dump-result.js';
import type { Reporter, RunEvent, TaskBanner } from './events.js';
import { renderResultDiff } from './diff-text.js';
import { LiveLine } from './live-line.js';
import { takeWarnings } from './result-warnings.js';
import { transportLine } from './transport-line.js';
import { cleanResult } from './minimal.js';
import type { HostStats } from './stats.js';

/** Ansible's `default` stdout callback: banners, one line per host result, PLAY RECAP. */
export class DefaultReporter implements Reporter {
  /** the key of the last banner a result brought (strategy free) */
  private lastBanner: number | undefined;

  constructor(
    private readonly display: Display,
    private readonly live: LiveLine = new LiveLine(),
    /** --diff: changed results show their diffs (v2_on_file_diff) before their status line */
    private readonly diff = false,
  ) {}

  on(event: RunEvent): void {
    const d = this.display;
    this.live.clear();
    this.handle(event, d);
    if (event.type === 'task_start' && event.hosts !== undefined) this.live.start(event.name, event.hosts);
    else if (event.type === 'host_result') this.live.hostDone();
  }

  private handle(event: RunEvent, d: Display): void {
    switch (event.type) {
      case 'warning':
        d.warning(event.message);
        return;
      case 'display':
        d.display(event.text);
        return;
      case 'play_start':
        this.banner(event.name ? `PLAY [${event.name}]` : 'PLAY');
        return;
      case 'task_start':
        if (event.deferred) return;
        this.taskBanner(event);
        this.lastBanner = undefined;
        return;
      case 'item_result':
        this.itemResult(event);
        return;
      case 'playbook_start':
        // v2_playbook_on_start's banner, then PlaybookExecutor's count
        if (d.verbosity > 1) {
          this.banner(`PLAYBOOK: ${basename(event.file)}`);
          d.verbose(`${event.plays} plays in ${event.file}`, 2);
        }
        return;
      case 'meta':
        if (d.verbosity > 1) d.display(`META: ${event.header}`, 'verbose');
        return;
      case 'notified':
        if (d.verbosity > 1) d.display(`NOTIFIED HANDLER ${event.handler} for ${event.host}`, 'verbose');
        return;
      case 'retry':
        d.display(`FAILED - RETRYING: [${event.host}]: ${event.task} (${event.retriesLeft} retries left).`, 'skip');
        return;
      case 'include_ok':
        this.bannerFor(event.banner);
        return;
      case 'included':
        d.display(`included: ${event.file} for ${event.hosts.join(', ')}${event.label !== undefined ? ` => (item=${event.label})` : ''}`, 'skip');
        return;
      case 'no_hosts_matched':
        d.display('skipping: no hosts matched', 'skip');
        return;
      case 'step':
        this.banner(event.question.trim());
        return;
      case 'prompt_notice':
        d.display(event.text);
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
      case 'transport':
        d.display(transportLine(event), 'verbose');
        return;
    }
  }

  /** _print_task_banner: -vv names where the task is written */
  private taskBanner(banner: { prefix: string; name: string; path?: string | undefined }): void {
    this.banner(`${banner.prefix} [${banner.name}]`);
    if (this.display.verbosity >= 2 && banner.path !== undefined) this.display.display(`task path: ${banner.path}`, 'debug');
  }

  /** strategy free: a result of another task than the last banner's shows its own banner first */
  private bannerFor(banner: TaskBanner | undefined): void {
    if (banner === undefined || banner.key === this.lastBanner) return;
    this.taskBanner(banner);
    this.lastBanner = banner.key;
  }

  private banner(text: string): void {
    const stars = '*'.repeat(Math.max(3, this.display.columns - text.length));
    this.display.display(`\n${text} ${stars}`);
  }

  private hostResult(event: Extract<RunEvent, { type: 'host_result' }>): void {
    const d = this.display;
    const { host, status } = event.outcome;
    let result = event.outcome.result;
    this.bannerFor(event.banner);
    if (this.diff) d.raw(renderResultDiff(result, { color: d.color }));
    if (status === 'ok' || status === 'changed' || status === 'failed') {
      const taken = takeWarnings(result);
      for (const warning of taken.warnings) d.warning(warning);
      result = taken.result;
    }
    const label = hostLabel(host, event.delegatedTo);
    const json = (): string => this.json(result, event.module);
    switch (status) {
      case 'failed':
        // a loop's failure was told item by item
        if (!event.loop) {
          this.exception(result);
          d.display(`fatal: [${label}]: FAILED! => ${json()}`, 'error');
        }
        if (event.ignoreErrors) d.display('...ignoring', 'skip');
        return;
      case 'unreachable':
        d.display(`fatal: [${label}]: UNREACHABLE! => ${json()}`, 'unreachable');
        return;
      case 'skipped':
        // a loop's items were told one by one; its own line shows the rest (`msg: All items skipped`)
        if (event.loop) result = Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'results'));
        d.display(`skipping: [${host}]${verbose(result, d.verbosity) ? ` => ${json()}` : ''}`, 'skip');
        return;
      case 'ok':
      case 'changed': {
        if (event.loop) return;
        const color: ColorName = status === 'changed' ? 'changed' : 'ok';
        d.display(`${status}: [${label}]${verbose(result, d.verbosity) ? ` => ${json()}` : ''}`, color);
        return;
      }
    }
  }

  private itemResult(event: Extract<RunEvent, { type: 'item_result' }>): void {
    const d = this.display;
    const { host, status, result } = event.outcome;
    this.bannerFor(event.banner);
    const label = hostLabel(host, event.delegatedTo);
    const json = (): string => this.json(result, event.module);
    switch (status) {
      case 'failed':
      case 'unreachable':
        this.exception(result);
        d.display(`failed: [${label}] (item=${event.label}) => ${json()}`, 'error');
        return;
      case 'skipped':
        d.display(`skipping: [${host}] => (item=${event.label}) ${verbose(result, d.verbosity) ? ` => ${json()}` : ''}`, 'skip');
        return;
      case 'ok':
      case 'changed':
        d.display(`${status}: [${label}] => (item=${event.label})${verbose(result, d.verbosity) ? ` => ${json()}` : ''}`, status === 'changed' ? 'changed' : 'ok');
        return;
    }
  }

  /** _handle_exception: a failure that kept a traceback shows its last line (all of it at -vvv) */
  private exception(result: Record<string, unknown>): void {
    if (result.exception === undefined || result.exception === null) return;
    const text = String(result.exception);
    const lines = text.trim().split('\n');
    const msg =
      this.display.verbosity < 3
        ? `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${lines[lines.length - 1] ?? ''}`
        : `The full traceback is:\n${text}`;
    this.display.display(msg, 'error');
  }

  private json(result: Record<string, unknown>, module: string): string {
    return dumpResult(cleanResult(result, module), this.display.verbosity, indentFor(result, this.display.verbosity));
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

/** `_run_is_verbose`: -v, or a result that asks for it (debug, assert). */
function verbose(result: Record<string, unknown>, verbosity: number): boolean {
  return (verbosity > 0 || result._ansible_verbose_always === true) && result._ansible_verbose_override !== true;
}

/** Results print on one line, except at -vvv and for results that are always verbose (debug). */
function indentFor(result: Record<string, unknown>, verbosity: number): number | undefined {
  return verbosity > 2 || result._ansible_verbose_always === true ? 4 : undefined;
}

/** `host -> delegate` when a task ran elsewhere on the host's behalf. */
function hostLabel(host: string, delegatedTo: string | undefined): string {
  return delegatedTo !== undefined ? `${host} -> ${delegatedTo}` : host;
}
