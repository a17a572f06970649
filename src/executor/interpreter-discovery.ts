import type { Vars } from '../vars/types.js';
import type { ModuleResult } from './module-contract.js';

/** The values of ansible_python_interpreter (interpreter_python) that ask for discovery. */
const AUTO = ['', 'auto', 'auto_legacy', 'auto_silent', 'auto_legacy_silent'];

/**
 * module_common._get_shebang: a Python module run with these vars (of the host it runs on) starts with interpreter
 * discovery when ansible_python_interpreter (else ansible.cfg's interpreter_python) is auto and the host has no
 * discovered_interpreter_python fact yet. The implicit localhost has the interpreter set (Ansible's own Python), so it
 * never does.
 */
export function discoversPython(vars: Vars, configured = 'auto'): boolean {
  try {
    const interpreter = vars.ansible_python_interpreter ?? configured;
    if (interpreter !== undefined && interpreter !== null && !AUTO.includes(String(interpreter).trim())) return false;
    const facts = vars.ansible_facts;
    return !(facts !== null && typeof facts === 'object' && 'discovered_interpreter_python' in facts);
  } catch {
    // a broken template here is the module's to report, not discovery's
    return false;
  }
}

/** ActionBase._execute_module: the discovered interpreter goes back to the controller as a fact in the result. */
export function withPythonFact(result: ModuleResult, python: string): ModuleResult {
  const facts = result.ansible_facts !== null && typeof result.ansible_facts === 'object' ? (result.ansible_facts as Record<string, unknown>) : {};
  return { ...result, ansible_facts: { ...facts, discovered_interpreter_python: python } };
}
