import type { ModuleResult } from '../executor/module-contract.js';
import type { Display } from './display.js';
import { dumpResult } from './dump-result.js';
import { takeWarnings } from './result-warnings.js';
import { transportLine } from './transport-line.js';
import type { Reporter, RunEvent } from './events.js';
import { pyStr } from '../inventory/py-type-name.js';

/** Ansible's `minimal` callback, the ad-hoc default: `host | CHANGED | rc=0 >>` or `host | SUCCESS => {...}`. */
export class MinimalReporter implements Reporter {
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
    switch (status) {
      case 'unreachable':
        d.display(`${host} | UNREACHABLE! => ${dumpResult(result, d.verbosity, 4)}`, 'unreachable');
        return;
      case 'skipped':
        d.display(`${host} | SKIPPED`, 'skip');
        return;
      case 'failed':
        if (event.style === 'command' && !('module_stderr' in result)) d.display(commandMessage(host, result, 'FAILED'), 'error');
        else d.display(`${host} | FAILED! => ${dumpResult(result, d.verbosity, 4)}`, 'error');
        return;
      case 'ok':
      case 'changed': {
        const state = status === 'changed' ? 'CHANGED' : 'SUCCESS';
        const color = status === 'changed' ? 'changed' : 'ok';
        if (event.style === 'command') d.display(commandMessage(host, result, state), color);
        else d.display(`${host} | ${state} => ${dumpResult(cleanResult(result, event.module), d.verbosity, 4)}`, color);
        return;
      }
    }
  }
}

function commandMessage(host: string, result: ModuleResult, caption: string): string {
  const text = (key: string): string => (typeof result[key] === 'string' ? (result[key] as string) : '');
  return `${host} | ${caption} | rc=${'rc' in result ? pyStr(result.rc) : '-1'} >>\n${text('stdout')}${text('stderr')}${text('msg')}\n`;
}

const DEBUG_ALLOWED = new Set(['msg', 'exception', 'warnings', 'deprecations']);
const HIDE_IN_DEBUG = new Set(['changed', 'failed', 'skipped', 'invocation', 'skip_reason']);

/** `_clean_results`: debug shows only what it was asked to show. */
export function cleanResult(result: ModuleResult, module: string): ModuleResult {
  if (!['debug', 'ansible.builtin.debug', 'ansible.legacy.debug'].includes(module)) return result;
  if ('msg' in result) return Object.fromEntries(Object.entries(result).filter(([key]) => DEBUG_ALLOWED.has(key) || key.startsWith('_')));
  return Object.fromEntries(Object.entries(result).filter(([key]) => !HIDE_IN_DEBUG.has(key)));
}
