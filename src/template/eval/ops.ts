// Python's operators over the value model: arithmetic, equality, ordering, `in`, iteration, str().
import { isFloat, isMapping, isNumber, isTuple, isUndefined, makeFloat, makeTuple, PyFloat, pyRepr, pyStr, pyTypeName, toNumber, Undefined, UndefinedVariableError } from '../values.js';
import { PyError, typeError } from './py-error.js';
import { pyToExponential, pyToFixed } from './float-format.js';

/** Using an Undefined for anything but `is defined`/`default` is Ansible's "'x' is undefined" error. */
export function strict<T>(value: T): T {
  if (value instanceof SilentUndefined) return '' as T;
  if (value instanceof Undefined) throw new UndefinedVariableError(value.hint);
  return value;
}

/** Jinja's lenient Undefined (an inline `if` without `else` that is false): prints '' and is falsy. */
export class SilentUndefined extends Undefined {}

/** int, float or bool: what Python arithmetic accepts. */
export function isNumeric(value: unknown): boolean {
  return isNumber(value) || typeof value === 'boolean';
}

function numResult(n: number, asFloat: boolean): number | PyFloat {
  return asFloat ? makeFloat(n) : n;
}

function isIntLike(v: unknown): boolean {
  return typeof v === 'bigint' || typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

function big(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(toNumber(v));
}

/** Python ints do not overflow: fall back to BigInt when a result leaves the safe range. */
function intOp(a: unknown, b: unknown, op: (x: bigint, y: bigint) => bigint, fast: (x: number, y: number) => number): number | bigint | undefined {
  if (!isIntLike(a) || !isIntLike(b)) return undefined;
  if (typeof a !== 'bigint' && typeof b !== 'bigint') {
    const r = fast(toNumber(a), toNumber(b));
    if (Number.isSafeInteger(r)) return r;
  }
  const r = op(big(a), big(b));
  return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
}

function unsupported(op: string, a: unknown, b: unknown): PyError {
  return typeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** a + b */
export function add(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  const i = intOp(a, b, (x, y) => x + y, (x, y) => x + y);
  if (i !== undefined) return i;
  if (isNumeric(a) && isNumeric(b)) return numResult(toNumber(a) + toNumber(b), isFloat(a) || isFloat(b));
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b;
    throw typeError(`can only concatenate str (not "${pyTypeName(b)}") to str`);
  }
  if (Array.isArray(a)) {
    if (Array.isArray(b) && isTuple(a) === isTuple(b)) return isTuple(a) ? makeTuple([...a, ...b]) : [...a, ...b];
    throw typeError(`can only concatenate ${pyTypeName(a)} (not "${pyTypeName(b)}") to ${pyTypeName(a)}`);
  }
  throw unsupported('+', a, b);
}

/** a - b */
export function sub(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  const i = intOp(a, b, (x, y) => x - y, (x, y) => x - y);
  if (i !== undefined) return i;
  if (isNumeric(a) && isNumeric(b)) return numResult(toNumber(a) - toNumber(b), isFloat(a) || isFloat(b));
  throw unsupported('-', a, b);
}

function repeat(seq: unknown, times: unknown): unknown {
  const n = Math.max(0, toNumber(times));
  if (typeof seq === 'string') return seq.repeat(n);
  const arr = seq as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(...arr);
  return isTuple(arr) ? makeTuple(out) : out;
}

function isInt(value: unknown): boolean {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint' || typeof value === 'boolean';
}

/** a * b */
export function mul(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  const i = intOp(a, b, (x, y) => x * y, (x, y) => x * y);
  if (i !== undefined) return i;
  if (isNumeric(a) && isNumeric(b)) return numResult(toNumber(a) * toNumber(b), isFloat(a) || isFloat(b));
  if ((typeof a === 'string' || Array.isArray(a)) && isInt(b)) return repeat(a, b);
  if ((typeof b === 'string' || Array.isArray(b)) && isInt(a)) return repeat(b, a);
  if (typeof a === 'string' || Array.isArray(a)) throw typeError(`can't multiply sequence by non-int of type '${pyTypeName(b)}'`);
  throw unsupported('*', a, b);
}

function checkDivisor(b: unknown, what: string): void {
  if (toNumber(b) === 0) throw new PyError('ZeroDivisionError', what);
}

/** a / b (always a float, like Python 3) */
export function div(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  if (!(isNumeric(a) && isNumeric(b))) throw unsupported('/', a, b);
  checkDivisor(b, 'division by zero');
  return makeFloat(toNumber(a) / toNumber(b));
}

/** a // b */
export function floorDiv(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  if (!(isNumeric(a) && isNumeric(b))) throw unsupported('//', a, b);
  checkDivisor(b, isFloat(a) || isFloat(b) ? 'float floor division by zero' : 'integer division or modulo by zero');
  return numResult(Math.floor(toNumber(a) / toNumber(b)), isFloat(a) || isFloat(b));
}

/** a % b: numbers, or printf-style string formatting */
export function mod(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  if (typeof a === 'string') return percentFormat(a, b);
  if (!(isNumeric(a) && isNumeric(b))) throw unsupported('%', a, b);
  checkDivisor(b, isFloat(a) || isFloat(b) ? 'float modulo' : 'integer division or modulo by zero');
  const x = toNumber(a);
  const y = toNumber(b);
  return numResult(((x % y) + y) % y, isFloat(a) || isFloat(b));
}

/** a ** b */
export function pow(a: unknown, b: unknown): unknown {
  strict(a);
  strict(b);
  if (!(isNumeric(a) && isNumeric(b))) throw unsupported('** or pow()', a, b);
  if (toNumber(b) >= 0) {
    const i = intOp(a, b, (x, y) => x ** y, (x, y) => x ** y);
    if (i !== undefined) return i;
  }
  const result = Math.pow(toNumber(a), toNumber(b));
  return numResult(result, isFloat(a) || isFloat(b) || toNumber(b) < 0);
}

/** -a */
export function neg(a: unknown): unknown {
  strict(a);
  if (!isNumeric(a)) throw typeError(`bad operand type for unary -: '${pyTypeName(a)}'`);
  return numResult(-toNumber(a), isFloat(a));
}

/** Python ==, deep for lists and dicts; 1 == 1.0 == True. */
export function eq(a: unknown, b: unknown): boolean {
  strict(a);
  strict(b);
  if (isNumeric(a) && isNumeric(b)) return toNumber(a) === toNumber(b);
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return isTuple(a) === isTuple(b) && a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (isMapping(a) && isMapping(b) && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && eq(a[k], b[k]));
  }
  return a === b;
}

/** -1, 0, 1 for Python's <, ==, > (TypeError for types Python cannot order). */
export function cmp(a: unknown, b: unknown, op: string): number {
  strict(a);
  strict(b);
  if (isNumeric(a) && isNumeric(b)) return Math.sign(toNumber(a) - toNumber(b));
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!eq(a[i], b[i])) return cmp(a[i], b[i], op);
    }
    return Math.sign(a.length - b.length);
  }
  throw typeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** One comparison operator. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return eq(a, b);
    case '!=':
      return !eq(a, b);
    case '<':
      return cmp(a, b, op) < 0;
    case '>':
      return cmp(a, b, op) > 0;
    case '<=':
      return cmp(a, b, op) <= 0;
    case '>=':
      return cmp(a, b, op) >= 0;
    case 'in':
      return contains(b, a);
    case 'notin':
      return !contains(b, a);
    default:
      throw typeError(`unknown comparison ${op}`);
  }
}

/** Does a dict (or a lazy Proxy view of one) hold this key? Never inherited names like `toString`. */
export function hasKey(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) || (key in obj && !(key in Object.prototype));
}

/** `item in container` */
export function contains(container: unknown, item: unknown): boolean {
  strict(container);
  strict(item);
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => eq(x, item));
  const view = container as { getAttr?: (name: string) => unknown } | null;
  if (view !== null && typeof view.getAttr === 'function') return typeof item === 'string' && view.getAttr(item) !== undefined;
  if (isMapping(container)) return typeof item === 'string' || isNumeric(item) ? hasKey(container, pyStr(item)) : false;
  throw typeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** What `for x in value` walks: list items, dict keys, string characters. */
export function iterate(value: unknown): unknown[] {
  strict(value);
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isMapping(value)) return Object.keys(value);
  throw typeError(`'${pyTypeName(value)}' object is not iterable`);
}

/** str(x) for `~`, `string`, concatenation into output (Undefined is an error). */
export function toStr(value: unknown): string {
  if (typeof value === 'string') return value;
  assertNoUndefined(value);
  return pyStr(strict(value));
}

/** Python's int(): '5' -> 5, 2.7 -> 2, True -> 1. */
export function toInt(value: unknown): number {
  if (isNumeric(value)) return Math.trunc(toNumber(value));
  if (typeof value === 'string' && /^\s*[-+]?\d[\d_]*\s*$/.test(value)) return parseInt(value.replace(/_/g, ''), 10);
  throw new PyError('ValueError', `invalid literal for int() with base 10: ${pyRepr(value)}`);
}

/** The length of a str, list or dict. */
export function len(value: unknown): number {
  strict(value);
  if (typeof value === 'string') return Array.from(value).length;
  if (Array.isArray(value)) return value.length;
  if (isMapping(value)) return Object.keys(value).length;
  throw typeError(`object of type '${pyTypeName(value)}' has no len()`);
}

function formatNumber(conv: string, value: unknown, precision: number | undefined, flags: string): string {
  if (!isNumeric(value)) throw typeError(`%${conv} format: a real number is required, not ${pyTypeName(value)}`);
  const n = toNumber(value);
  let body: string;
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      body = String(Math.trunc(Math.abs(n)));
      break;
    case 'x':
    case 'X':
      body = Math.trunc(Math.abs(n)).toString(16);
      if (flags.includes('#')) body = `0x${body}`;
      if (conv === 'X') body = body.toUpperCase();
      break;
    case 'o':
      body = Math.trunc(Math.abs(n)).toString(8);
      if (flags.includes('#')) body = `0o${body}`;
      break;
    case 'e':
    case 'E':
      body = pyToExponential(Math.abs(n), precision ?? 6);
      if (conv === 'E') body = body.toUpperCase();
      break;
    case 'g':
    case 'G': {
      const p = precision === 0 ? 1 : (precision ?? 6);
      const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
      body =
        exp < -4 || exp >= p
          ? Math.abs(n).toExponential(p - 1).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2')
          : String(parseFloat(Math.abs(n).toPrecision(p)));
      if (conv === 'G') body = body.toUpperCase();
      break;
    }
    default:
      body = pyToFixed(Math.abs(n), precision ?? 6);
  }
  const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

/** Python's `'fmt' % args` (printf-style). */
export function percentFormat(fmt: string, args: unknown): string {
  const list = isTuple(args) ? (args as unknown[]) : [args];
  let index = 0;
  const next = (): unknown => {
    if (index >= list.length) throw typeError('not enough arguments for format string');
    return list[index++];
  };
  const out = fmt.replace(/%(?:\(([^)]*)\))?([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g, (_m, key: string | undefined, flags: string, w: string | undefined, p: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const width = w === '*' ? toNumber(next()) : w ? parseInt(w, 10) : 0;
    const precision = p === '*' ? toNumber(next()) : p !== undefined ? parseInt(p, 10) : undefined;
    const value = key !== undefined ? (args as Record<string, unknown>)[key] : next();
    let text: string;
    if (conv === 's') text = toStr(value);
    else if (conv === 'r' || conv === 'a') text = pyRepr(strict(value));
    else if (conv === 'c') text = typeof value === 'string' ? value : String.fromCodePoint(toNumber(value));
    else text = formatNumber(conv, value, precision, flags);
    if ((conv === 's' || conv === 'r') && precision !== undefined) text = text.slice(0, precision);
    if (text.length < width) {
      if (flags.includes('-')) text = text.padEnd(width);
      else if (flags.includes('0') && !'srac'.includes(conv)) {
        const sign = /^[-+ ]/.test(text) ? (text[0] as string) : '';
        text = sign + text.slice(sign.length).padStart(width - sign.length, '0');
      } else text = text.padStart(width);
    }
    return text;
  });
  if (key0(fmt) === undefined && !isMapping(args) && index < list.length) throw typeError('not all arguments converted during string formatting');
  return out;
}

function key0(fmt: string): string | undefined {
  return /%\(([^)]*)\)/.exec(fmt)?.[1];
}

/** Throw for Undefined, else return; for values that must be defined to be used. */
export function defined(value: unknown): value is Exclude<unknown, Undefined> {
  return !isUndefined(value);
}

/** Printing a list or dict that holds an Undefined fails like Jinja's StrictUndefined.__repr__ path does. */
export function assertNoUndefined(value: unknown, depth = 0): void {
  if (value instanceof Undefined) strict(value);
  if (depth > 50) return;
  if (Array.isArray(value)) for (const item of value) assertNoUndefined(item, depth + 1);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) assertNoUndefined(item, depth + 1);
  }
}

