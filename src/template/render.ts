// Compatibility layer for callers written before the engine: same exports, now backed by src/template/index.ts.
import { isTemplate, templateValue } from './index.js';

export { isTemplate } from './index.js';
export { TemplateError, UndefinedVariableError } from './values.js';

/** Render strings inside a value (recursively through lists and dicts): Ansible's Templar.template. */
export function renderValue(value: unknown, vars: Record<string, unknown>): unknown {
  return typeof value === 'string' && !isTemplate(value) ? value : templateValue(value, vars);
}
