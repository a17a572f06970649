import { TemplateError, UndefinedVariableError } from '../template/values.js';
import type { Vars } from './types.js';
import { Unsafe } from './unsafe.js';

/** Renders one raw value with a vars view (templateValue from src/template). */
export type Templater = (value: unknown, vars: Vars) => unknown;

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
  if ((value as { [TEMPLATE_FREE]?: boolean })[TEMPLATE_FREE] === true) return false;
  if (Array.isArray(value)) return value.some(needsTemplating);
  return Object.values(value).some(needsTemplating);
}

/**
 * A read-only view of raw vars that templates each value when it is read, with the view itself as context, so
 * a var may use any other var whatever the order they were defined in. A var that needs itself is an error.
 */
export function lazyVars(raw: Vars, template: Templater): Vars {
  const cache = new Map<string, unknown>();
  const inProgress: string[] = [];
  const view: Vars = new Proxy(raw, {
    get(target, key) {
      if (key === TEMPLATE_FREE) return true;
      if (typeof key !== 'string') return undefined;
      if (key === 'vars') return view;
      if (!Object.prototype.hasOwnProperty.call(target, key)) return undefined;
      if (cache.has(key)) return cache.get(key);
      const value = target[key];
      if (value instanceof Unsafe) return value.value;
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
        const rendered = template(value, view);
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
  const walk: Templater = (value, vars) => {
    if (typeof value === 'string') {
      try {
        return template(value, vars);
      } catch (error) {
        if (error instanceof UndefinedVariableError) return value;
        throw error;
      }
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, vars));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, vars)]));
    }
    return template(value, vars);
  };
  return walk;
}
