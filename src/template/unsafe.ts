// How Ansible's unsafe marks flow through templating (AnsibleContext.unsafe, ansible-core 2.14). A render is
// unsafe when a variable it reads holds an unsafe value (deep through lists and dicts: `_is_unsafe`) or when it
// calls a lookup that answered something (without allow_unsafe); Templar then wraps what it rendered (wrap_var),
// and a var whose value is unsafe is never templated again when read. Plain JS strings cannot carry the mark, so
// stored values carry it as `Unsafe` wrappers and a render notes it in a `Taint`.
import { Unsafe } from './values.js';

/** Where a render notes that an unsafe value flowed into it. */
export interface Taint {
  unsafe: boolean;
}

/** A vars object (the lazy view, an overlay) may answer, per name, whether its value is unsafe. */
export const UNSAFE_VAR: unique symbol = Symbol('tsible.unsafeVar');

type UnsafeQuery = (name: string) => boolean;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** wrap_var marks text only: an unsafe number, bool or None is a plain one (ints have no __UNSAFE__). */
function holdsText(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (Array.isArray(value)) return value.some(holdsText);
  if (isPlainObject(value)) return Object.values(value).some(holdsText);
  return false;
}

/** `_is_unsafe`: does this value hold unsafe text anywhere in its lists and dicts? */
export function holdsUnsafe(value: unknown): boolean {
  if (value instanceof Unsafe) return holdsText(value.value);
  if (Array.isArray(value)) return value.some(holdsUnsafe);
  if (isPlainObject(value)) return Object.values(value).some(holdsUnsafe);
  return false;
}

/** The value with every Unsafe wrapper taken off (the same value when it has none). */
export function plainOf(value: unknown): unknown {
  if (value instanceof Unsafe) return plainOf(value.value);
  if (!containsWrapper(value)) return value;
  if (Array.isArray(value)) return value.map(plainOf);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, plainOf(item)]));
}

/** Does this value hold an Unsafe wrapper anywhere in its lists and dicts? */
export function containsWrapper(value: unknown): boolean {
  if (value instanceof Unsafe) return true;
  if (Array.isArray(value)) return value.some(containsWrapper);
  if (isPlainObject(value)) return Object.values(value).some(containsWrapper);
  return false;
}

/** Is the var `name` of these vars unsafe? The vars' own answer if they have one, else its raw value's marks. */
export function isUnsafeVar(vars: Record<string, unknown>, name: string): boolean {
  const query = (vars as { [UNSAFE_VAR]?: UnsafeQuery })[UNSAFE_VAR];
  if (typeof query === 'function') return query(name);
  return holdsUnsafe(Object.getOwnPropertyDescriptor(vars, name)?.value);
}

/** The texts the YAML `!unsafe` tag made: raw blocks, so that templating gives the text back as written. */
const UNSAFE_TEXTS = new Set<string>();

/** What `!unsafe 'text'` loads as: text holding `{{`/`{%`/`{#` becomes a raw block this module knows as unsafe. */
export function unsafeText(text: string): string {
  if (!/\{[{%#]/.test(text)) return text;
  const raw = `{% raw %}${text}{% endraw %}`;
  UNSAFE_TEXTS.add(raw);
  return raw;
}

/** Was this template text written with `!unsafe`? */
export function isUnsafeText(text: string): boolean {
  return UNSAFE_TEXTS.has(text);
}
