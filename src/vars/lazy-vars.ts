import { TemplateError } from '../template/values.js';
import type { Vars } from './types.js';
import { Unsafe } from './unsafe.js';

/** Renders one raw value with a vars view (templateValue from src/template). */
export type Templater = (value: unknown, vars: Vars) => unknown;

// views that template their own values when read (lazyVars, hostvars): handed out as they are, never walked
const views = new WeakSet<object>();

/** Mark a vars view that renders on read, so reading it as a value neither walks nor renders all of it (hostvars). */
export function markVarsView<T extends object>(view: T): T {
  views.add(view);
  return view;
}

function needsTemplating(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%') || value.includes('{#');
  if (Array.isArray(value)) return value.some(needsTemplating);
  if (value !== null && typeof value === 'object') return !views.has(value) && Object.values(value).some(needsTemplating);
  return false;
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
      if (typeof key !== 'string') return undefined;
      if (key === 'vars') return view;
      if (!Object.prototype.hasOwnProperty.call(target, key)) return undefined;
      if (cache.has(key)) return cache.get(key);
      const value = target[key];
      if (value instanceof Unsafe) return value.value;
      if (!needsTemplating(value)) return value;
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
  return markVarsView(view);
}
