import { holdsUnsafe, isUnsafeVar, plainOf, UNSAFE_VAR } from '../template/unsafe.js';
import type { Vars } from './types.js';

/**
 * Vars with a few names on top (loop item, registered result) without copying or re-templating the rest. A value
 * on top may hold Unsafe wrappers (a with_* loop item): it is handed out without them, and the name is unsafe.
 */
export function overlayVars(base: Vars, extra: Vars): Vars {
  // an overlay of an overlay is one overlay: a loop that carries each item's register to the next would otherwise
  // stack a proxy per item, and a proxy's property checks ask its target twice, so reads cost 2^depth
  const under = layers.get(base);
  if (under) return overlayVars(under.base, { ...under.extra, ...extra });
  const view = makeOverlay(base, extra);
  layers.set(view, { base, extra });
  return view;
}

const layers = new WeakMap<Vars, { base: Vars; extra: Vars }>();

function makeOverlay(base: Vars, extra: Vars): Vars {
  const own = (key: string | symbol): boolean => typeof key === 'string' && Object.prototype.hasOwnProperty.call(extra, key);
  const plain = new Map<string, unknown>();
  const valueOf = (key: string): unknown => {
    if (!plain.has(key)) plain.set(key, plainOf(extra[key]));
    return plain.get(key);
  };
  const unsafe = new Map<string, boolean>();
  const isUnsafe = (name: string): boolean => {
    if (!own(name)) return isUnsafeVar(base, name);
    if (!unsafe.has(name)) unsafe.set(name, holdsUnsafe(extra[name]));
    return unsafe.get(name) === true;
  };
  const view: Vars = new Proxy(base, {
    get(target, key) {
      if (own(key)) return valueOf(key as string);
      if (key === 'vars') return view;
      if (key === UNSAFE_VAR) return isUnsafe;
      return Reflect.get(target, key);
    },
    has(target, key) {
      return own(key) || Reflect.has(target, key);
    },
    ownKeys(target) {
      return [...new Set([...Reflect.ownKeys(target), ...Object.keys(extra)])];
    },
    getOwnPropertyDescriptor(target, key) {
      if (own(key)) return { value: extra[key as string], enumerable: true, configurable: true, writable: false };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  return view;
}
