import { Unsafe } from '../template/values.js';

export { Unsafe };

/** Mark every value of a set of vars unsafe; `typed(key)` says whether type_debug should call it AnsibleUnsafeText. */
export function unsafeVars(vars: Record<string, unknown>, typed: (key: string) => boolean = () => true): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([key, value]) => [key, value instanceof Unsafe ? value : new Unsafe(value, typed(key))]));
}

/** A set_fact value is AnsibleUnsafeText to type_debug when its template called a lookup (Ansible wraps those). */
export function madeByLookup(raw: unknown): boolean {
  return typeof raw === 'string' && /\b(?:lookup|query|q)\s*\(/.test(raw);
}
