// Python-style parameter binding for builtin filters: an argument may come by position or by keyword.
import type { Kwargs } from '../values.js';

/** Argument `index` (positional) or `name` (keyword), else the default. */
export function arg<T>(args: unknown[], kwargs: Kwargs, index: number, name: string, dflt: T): unknown {
  if (index >= 0 && index < args.length) return args[index];
  if (Object.prototype.hasOwnProperty.call(kwargs, name)) return kwargs[name];
  return dflt;
}
