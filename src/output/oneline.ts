import type { ModuleResult } from '../executor/module-contract.js';
import type { Display } from './display.js';
import { dumpResult } from './dump-result.js';
import { takeWarnings } from './result-warnings.js';
import { transportLine } from './transport-line.js';
import type { Reporter, RunEvent } from './events.js';
import { pyStr } from '../inventory/py-type-name.js';

/** Ansible's `oneline` callback (`-o`): one line per host, newlines shown as `\n`. */
export class OnelineReporter implements Reporter {
  constructor(private readonly display: Display) {}

  on(event: RunEvent): void {
    if (event.type === 'warning') {
      this.display.warning(event.message);
      return;
    }
    if (event.type === 'transport') {
      this.display.display(transportLine(event), 'verbose');
      return;
    }
    if (event.type !== 'host_result') return;
    const { host, status } = event.outcome;
    const d = this.display;
    let result = event.outcome.result;
    if (status === 'ok' || status === 'changed' || status === 'failed') {
      const taken = takeWarnings(result);
      for (const warning of taken.warnings) d.warning(warning);
      result = taken.result;
    }
    const json = (): string => dumpResult(result, d.verbosity, 0).replace(/\n/g, '');
    switch (status) {
      case 'unreachable':
        d.display(`${host} | UNREACHABLE!: ${String(result.msg ?? '')}`, 'unreachable');
        return;
      case 'skipped':
        d.display(`${host} | SKIPPED`, 'skip');
        return;
      case 'failed':
        // unlike minimal, oneline shows a failure as JSON even for command-like modules
        d.display(`${host} | FAILED! => ${json()}`, 'error');
        return;
      case 'ok':
      case 'changed': {
        const state = status === 'changed' ? 'CHANGED' : 'SUCCESS';
        const color = status === 'changed' ? 'changed' : 'ok';
        d.display(event.style === 'command' ? commandLine(host, result, state) : `${host} | ${state} => ${json()}`, color);
        return;
      }
    }
  }
}

function commandLine(host: string, result: ModuleResult, caption: string): string {
  const flat = (key: string): string => (typeof result[key] === 'string' ? (result[key] as string) : '').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  const stderr = flat('stderr');
  const base = `${host} | ${caption} | rc=${'rc' in result ? pyStr(result.rc) : '-1'} | (stdout) ${flat('stdout')}`;
  return stderr ? `${base} (stderr) ${stderr}` : base;
}
