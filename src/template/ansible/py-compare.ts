// Python equality and ordering over template values (1 == 1.0 == True, deep list/dict equality).
import { isMapping, isNumber, PyFloat, pyTypeName, TemplateError, toNumber } from '../values.js';

/** Python's ==. */
export function pyEquals(a: unknown, b: unknown): boolean {
  const numA = isNumber(a) || typeof a === 'boolean';
  const numB = isNumber(b) || typeof b === 'boolean';
  if (numA && numB) {
    // big ints compare exactly; an int against a float compares by value
    const exact = (v: unknown): bigint | undefined =>
      typeof v === 'bigint' ? v : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : typeof v === 'boolean' ? BigInt(Number(v)) : undefined;
    const x = exact(a);
    const y = exact(b);
    if (x !== undefined && y !== undefined) return x === y;
    return toNumber(a) === toNumber(b);
  }
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEquals(a[k], b[k]));
  }
  return a === b;
}

/** `x in list`. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (isMapping(container)) return typeof item === 'string' && item in container;
  throw new TemplateError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** Python's < ordering for sort/min/max; raises on mixed types like Python 3. */
export function pyCompare(a: unknown, b: unknown): number {
  const numA = isNumber(a) || typeof a === 'boolean';
  const numB = isNumber(b) || typeof b === 'boolean';
  if (numA && numB) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new TemplateError(`'<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

export { PyFloat };
