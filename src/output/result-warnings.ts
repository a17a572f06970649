import type { ModuleResult } from '../executor/module-contract.js';

/**
 * CallbackBase._handle_warnings: a module's `warnings` are shown as `[WARNING]:` lines (before the host's status line)
 * and leave the result, so they are not dumped again in its JSON.
 */
export function takeWarnings(result: ModuleResult): { warnings: string[]; result: ModuleResult } {
  const list = result.warnings;
  if (!Array.isArray(list) || list.length === 0) return { warnings: [], result };
  const { warnings: _dropped, ...rest } = result;
  return { warnings: list.map((w) => String(w)), result: rest };
}
