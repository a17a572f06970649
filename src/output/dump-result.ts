import type { ModuleResult } from '../executor/module-contract.js';
import { pythonJsonDumps } from './python-json.js';

/** Ansible's `_dump_results`: internal keys gone, invocation and diff only at -vvv, sorted JSON. */
export function dumpResult(result: ModuleResult, verbosity: number, indent?: number): string {
  const shown: ModuleResult = {};
  for (const [key, value] of Object.entries(result)) {
    if (key.startsWith('_ansible_') || key === 'exception') continue;
    if (verbosity < 3 && (key === 'invocation' || key === 'diff')) continue;
    shown[key] = value;
  }
  return pythonJsonDumps(shown, { indent });
}
