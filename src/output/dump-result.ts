import type { ModuleResult } from '../executor/module-contract.js';
import { pythonJsonDumps } from './python-json.js';

/** Status keys are already told by the event (TaskResult.clean_copy drops them before callbacks see a result). */
const STATUS_KEYS = new Set(['failed', 'skipped']);

/** Ansible's `_dump_results` on a clean copy: internal and status keys gone, invocation and diff only at -vvv, sorted JSON. */
export function dumpResult(result: ModuleResult, verbosity: number, indent?: number): string {
  const shown: ModuleResult = {};
  for (const [key, value] of Object.entries(result)) {
    if (key.startsWith('_ansible_') || key === 'exception' || STATUS_KEYS.has(key)) continue;
    if (verbosity < 3 && (key === 'invocation' || key === 'diff')) continue;
    shown[key] = value;
  }
  return pythonJsonDumps(shown, { indent });
}
