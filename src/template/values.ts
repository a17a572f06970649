// The value model templates evaluate over: plain JS data, with Python's meaning.
//   str -> string; int -> number (integer) or bigint; float -> number (non-integral) or PyFloat (integral floats,
//   so 4/2 renders "2.0"); bool -> boolean; None -> null; list/tuple -> Array; dict -> plain object (string keys,
//   insertion order); undefined variable -> Undefined. Filters, tests and lookups take and return these.

/** A Python float whose value is integral (2.0): a bare JS number would print as an int. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/**
 * A value Ansible holds unsafe (AnsibleUnsafe): never templated again. Registered results, loop items of with_*
 * lookups, set_fact values whose template read an unsafe value (src/template/unsafe.ts). The lazy vars view hands
 * out the value inside as it is.
 */
export class Unsafe {
  constructor(readonly value: unknown) {}
}

/** A missing variable or attribute (Ansible's StrictUndefined): chains safely, errors when rendered or used. */
export class Undefined {
  constructor(
    /** the message Ansible gives when it is used: `'x' is undefined`, `'dict object' has no attribute 'y'` */
    readonly hint: string,
    /** the top-level variable name, if that is what was missing */
    readonly name?: string,
  ) {}
}

export function isUndefined(value: unknown): value is Undefined {
  return value instanceof Undefined;
}

/** A Python dict as the template sees it. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof PyFloat) && !(value instanceof Undefined);
}

/** int or float (not bool, unlike Python's isinstance(x, int)). */
export function isNumber(value: unknown): value is number | bigint | PyFloat {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat;
}

/** Is this a Python float (rendered with a decimal point)? */
export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value)) || (typeof value === 'number' && !Number.isFinite(value));
}

/** The JS number behind an int, float or bool. */
export function toNumber(value: unknown): number {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as number;
}

/** Make a float result: integral values are boxed so they keep printing as floats. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Python truthiness. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof Undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Object.is(n, -0)) return '-0.0';
  if (Number.isInteger(n)) return Math.abs(n) >= 1e16 ? n.toExponential().replace(/e\+?/, 'e+').replace(/e\+-/, 'e-') : `${n}.0`;
  const text = String(n);
  // JS writes 1e-7 where Python writes 1e-07
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

const TUPLE_MARK = Symbol.for('tsible.tuple');

/** Mark an array as a Python tuple (renders `(1, 2)`; `d.items()` yields these); it stays a plain array otherwise. */
export function makeTuple<T>(items: T[]): T[] {
  Object.defineProperty(items, TUPLE_MARK, { value: true, enumerable: false });
  return items;
}

/** Was this array made by makeTuple? */
export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE_MARK] === true;
}

/** Python's repr(): how values look inside lists and dicts when rendered. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return strRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : floatRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (value instanceof Undefined) return '';
  if (Array.isArray(value)) {
    if (isTuple(value)) return value.length === 1 ? `(${pyRepr(value[0])},)` : `(${value.map(pyRepr).join(', ')})`;
    return `[${value.map(pyRepr).join(', ')}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && typeof (value as { pyRepr?: unknown }).pyRepr === 'function') return (value as { pyRepr(): string }).pyRepr();
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Python's str(): what `{{ x }}` prints (None prints '' only at the top level: the renderer's finalize does that). */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python's type name, for messages (`'dict object' has no attribute ...`, type_debug). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof Undefined) return 'AnsibleUndefined';
  if (Array.isArray(value)) return isTuple(value) ? 'tuple' : 'list';
  if (Object.getPrototypeOf(value) !== Object.prototype && typeof (value as { pyTypeName?: unknown }).pyTypeName === 'string') return (value as { pyTypeName: string }).pyTypeName;
  return 'dict';
}

/** A template failed: Ansible's AnsibleError / AnsibleUndefinedVariable texts. */
export class TemplateError extends Error {
  override readonly name: string = 'TemplateError';
}

/** A variable or attribute a template needed is not defined (AnsibleUndefinedVariable). */
export class UndefinedVariableError extends TemplateError {
  override readonly name = 'UndefinedVariableError';
  constructor(readonly hint: string) {
    super(hint);
  }

  /** AnsibleUndefinedVariable's text where Ansible wraps it: the message, then its original exception's, the same words */
  get ansibleText(): string {
    return `${this.message}. ${this.message}`;
  }
}

/** A lookup's own failure (AnsibleLookupError: first_found, ini, config): lookup() raises it unwrapped. */
export class LookupError extends TemplateError {
  override readonly name: string = 'LookupError';
}

/** Keyword arguments as Jinja passes them to filters, tests and globals. */
export type Kwargs = Record<string, unknown>;

/** What a filter, test or lookup may use besides its arguments. */
export interface TemplateContext {
  /** the variables in scope (may be a lazy view: read keys, do not enumerate) */
  vars: Record<string, unknown>;
  /** where relative paths resolve for lookups (the playbook's or role's dir) */
  basedir: string;
  /** extra dirs `file`/`template`/`first_found` look in, in order (role files/, templates/, ...) */
  searchPath: string[];
  /** render another template string with the same vars (for the `template` lookup) */
  render(text: string): string;
  /** Templar.template with the same vars: a lookup's terms are templated before it runs (listify_lookup_plugin_terms) */
  template(value: unknown): unknown;
  warn(message: string): void;
  /** note that an unsafe value flowed into this render (a lookup's answer) @default ignore */
  markUnsafe?(): void;
}

export type FilterFn = (value: unknown, args: unknown[], kwargs: Kwargs, ctx: TemplateContext) => unknown;
export type TestFn = (value: unknown, args: unknown[], kwargs: Kwargs, ctx: TemplateContext) => boolean;
/** A lookup gets its terms (already templated) and returns the list `query()` would return. */
export type LookupFn = (terms: unknown[], kwargs: Kwargs, ctx: TemplateContext) => unknown[];
