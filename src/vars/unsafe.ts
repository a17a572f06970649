import { Unsafe } from '../template/values.js';

export { Unsafe };

/** Mark every value of a set of vars unsafe. */
export function unsafeVars(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([key, value]) => [key, value instanceof Unsafe ? value : new Unsafe(value)]));
}
