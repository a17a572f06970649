import { holdsUnsafe, plainOf, UNSAFE_VAR, type Taint } from '../template/unsafe.js';
import { TemplateError, UndefinedVariableError } from '../template/values.js';
import type { Vars } from './types.js';
import { Unsafe } from './unsafe.js';

/** Renders one raw value with a vars view (templateValue from src/template), telling `taint` what was unsafe. */
export type Templater = (value: unknown, vars: Vars, options?: { taint?: Taint }) => unknown;

/**
 * Marks a value that never holds templates (`hostvars`, `groups`, other hosts' lazy views): reading it must not walk it,
 * or every host would walk every other host's vars on every task (quadratic in the host count).
 */
export const TEMPLATE_FREE: unique symbol = Symbol('tsible.templateFree');

/** Mark `value` as holding no templates (a non-enumerable symbol: invisible to templates, JSON and iteration). */
export function templateFree<T extends object>(value: T): T {
  Object.defineProperty(value, TEMPLATE_FREE, { value: true, enumerable: false });
  return value;
}

function needsTemplating(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') || value.includes('{#');
  if (value === null || typeof value !== 'object') return false;
  // an unsafe part is taken out of its wrapper (and marks the var unsafe) by templating
  if (value instanceof Unsafe) return true;
  if ((value as { [TEMPLATE_FREE]?: boolean })[TEMPLATE_FREE] === true) return false;
  if (Array.isArray(value)) return value.some(needsTemplating);
  return Object.values(value).some(needsTemplating);
}

/**
 * A read-only view of raw vars that templates each value when it is read, with the view itself as context, so
 * a var may use any other var whatever the order they were defined in. A var that needs itself is an error.
 * A var is unsafe (src/template/unsafe.ts) when its value is held unsafe or its template read an unsafe value:
 * the view answers that under UNSAFE_VAR once the var has been read.
 */
export function lazyVars(raw: Vars, template: Templater): Vars {
  const cache = new Map<string, unknown>();
  const unsafe = new Set<string>();
  const isUnsafe = (name: string): boolean => unsafe.has(name);
  const inProgress: string[] = [];
  const view: Vars = new Proxy(raw, {
    get(target, key) {
      if (key === TEMPLATE_FREE) return true;
      if (key === UNSAFE_VAR) return isUnsafe;
      if (typeof key !== 'string') return undefined;
      if (key === 'vars') return view;
      if (!Object.prototype.hasOwnProperty.call(target, key)) return undefined;
      if (cache.has(key)) return cache.get(key);
      const value = target[key];
      if (value instanceof Unsafe) {
        // never templated: handed out as it is
        const plain = plainOf(value);
        if (holdsUnsafe(value)) unsafe.add(key);
        cache.set(key, plain);
        return plain;
      }
      if (!needsTemplating(value)) {
        cache.set(key, value);
        return value;
      }
      if (inProgress.includes(key)) {
        const chain = [...inProgress.slice(inProgress.indexOf(key)), key].join(' -> ');
        throw new TemplateError(`recursive loop detected in template string: ${String(raw[key])} (${chain})`);
      }
      inProgress.push(key);
      try {
        const taint: Taint = { unsafe: false };
        const rendered = template(value, view, { taint });
        if (taint.unsafe) unsafe.add(key);
        cache.set(key, rendered);
        return rendered;
      } finally {
        inProgress.pop();
      }
    },
    has(target, key) {
      return key === 'vars' || (typeof key === 'string' && Object.prototype.hasOwnProperty.call(target, key));
    },
    set() {
      throw new TypeError('variables are read-only while templating');
    },
  });
  return view;
}

/**
 * Templar.template(fail_on_undefined=False), as `hostvars[host][var]` reads a var (HostVarsVars): a string whose
 * template meets an undefined var stays as written, each string of a list or dict on its own.
 */
export function lenientTemplater(template: Templater): Templater {
  const walk: Templater = (value, vars, options) => {
    if (typeof value === 'string') {
      try {
        return template(value, vars, options);
      } catch (error) {
        if (error instanceof UndefinedVariableError) return value;
        throw error;
      }
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, vars, options));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, vars, options)]));
    }
    return template(value, vars, options);
  };
  return walk;
}
