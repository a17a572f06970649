import type { Vars } from './types.js';

/** Vars with a few names on top (loop item, registered result) without copying or re-templating the rest. */
export function overlayVars(base: Vars, extra: Vars): Vars {
  const view: Vars = new Proxy(base, {
    get(target, key) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(extra, key)) return extra[key];
      if (key === 'vars') return view;
      return Reflect.get(target, key);
    },
    has(target, key) {
      return (typeof key === 'string' && Object.prototype.hasOwnProperty.call(extra, key)) || Reflect.has(target, key);
    },
    ownKeys(target) {
      return [...new Set([...Reflect.ownKeys(target), ...Object.keys(extra)])];
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(extra, key)) return { value: extra[key], enumerable: true, configurable: true, writable: false };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  return view;
}
