import nunjucks from 'nunjucks';
import { TemplateError, UndefinedVariableError } from './values.js';

export { TemplateError, UndefinedVariableError };

/** nunjucks says where, not what: find the name that starts the expression at that column. */
function undefinedName(template: string, message: string): string | undefined {
  const at = /\[Line (\d+), Column (\d+)\]\s+attempted to output null or undefined value/.exec(message);
  if (!at) return undefined;
  const line = template.split('\n')[Number(at[1]) - 1] ?? '';
  return /^\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(Number(at[2]) - 1))?.[1];
}

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true, trimBlocks: true });

/** Does this string need templating at all? Most argument strings do not, and skipping them is free. */
export function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

/**
 * Render strings inside a value (recursively through lists and dicts) with the given vars.
 * nunjucks is the base; Jinja2-exact semantics (native types, Python rendering) come with the templating issue.
 */
export function renderValue(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    if (!isTemplate(value)) return value;
    try {
      return env.renderString(value, vars);
    } catch (error) {
      const name = undefinedName(value, (error as Error).message);
      if (name !== undefined) throw new UndefinedVariableError(`'${name}' is undefined`);
      const message = (error as Error).message.replace(/^\(unknown path\)\s*/, '').replace(/\s+/g, ' ').trim();
      throw new TemplateError(`template error while templating string: ${message}. String: ${value}`, { cause: error });
    }
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, vars)]));
  }
  return value;
}
