// Jinja's attribute and item lookup (`x.name` tries the attribute then the item; `x['name']` the item then the
// attribute), slices, and the Undefined values with Ansible's messages when neither exists.
import { isMapping, isTuple, isUndefined, makeTuple, pyRepr, Undefined } from '../values.js';
import { hasKey, isNumeric, toInt, toStr } from './ops.js';
import { typeError } from './py-error.js';
import { namedAttr, PyObject } from './py-objects.js';
import { pyMethod } from './methods.js';

/** Jinja's object_type_repr: "dict object", "None". */
export function objectTypeRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value instanceof PyObject) return `${value.pyTypeName} object`;
  if (typeof value === 'boolean') return 'bool object';
  if (typeof value === 'string') return 'str object';
  if (isNumeric(value)) return `${typeof value === 'number' && !Number.isInteger(value) ? 'float' : value && typeof value === 'object' ? 'float' : 'int'} object`;
  if (Array.isArray(value)) return isTuple(value) ? 'tuple object' : 'list object';
  if (isMapping(value)) return 'dict object';
  return 'object';
}

/** The Undefined Jinja makes for a missing attribute or item. */
export function missing(obj: unknown, name: unknown): Undefined {
  if (typeof name === 'string') return new Undefined(`'${objectTypeRepr(obj)}' has no attribute ${pyRepr(name)}`);
  return new Undefined(`${objectTypeRepr(obj)} has no element ${pyRepr(name)}`);
}

const NOT_FOUND = Symbol('not found');

function item(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key !== 'number' && typeof key !== 'boolean') return NOT_FOUND;
    if (typeof key === 'number' && !Number.isInteger(key)) return NOT_FOUND;
    const length = typeof obj === 'string' ? obj.length : obj.length;
    let i = toInt(key);
    if (i < 0) i += length;
    if (i < 0 || i >= length) return NOT_FOUND;
    return typeof obj === 'string' ? obj[i] : obj[i];
  }
  if (isMapping(obj) && !(obj instanceof PyObject)) {
    if (key === null || typeof key === 'object') return NOT_FOUND;
    const k = typeof key === 'string' ? key : toStr(key);
    return hasKey(obj, k) && obj[k] !== undefined ? obj[k] : NOT_FOUND;
  }
  return NOT_FOUND;
}

function attribute(obj: unknown, name: string): unknown {
  if (obj instanceof PyObject) {
    const value = obj.getAttr(name);
    return value === undefined ? NOT_FOUND : value;
  }
  const named = namedAttr(obj, name);
  if (named !== undefined) return named;
  return pyMethod(obj, name) ?? NOT_FOUND;
}

/** `obj.name` */
export function getAttr(obj: unknown, name: unknown): unknown {
  if (isUndefined(obj)) return obj;
  if (typeof name !== 'string') return getItem(obj, name);
  let value = attribute(obj, name);
  if (value === NOT_FOUND) value = item(obj, name);
  return value === NOT_FOUND ? missing(obj, name) : value;
}

/** `obj[key]` (key may be a Slice) */
export function getItem(obj: unknown, key: unknown): unknown {
  if (isUndefined(obj)) return obj;
  if (key instanceof Slice) return key.apply(obj);
  let value = item(obj, key);
  if (value === NOT_FOUND && typeof key === 'string') value = attribute(obj, key);
  return value === NOT_FOUND ? missing(obj, key) : value;
}

/** `x[start:stop:step]` */
export class Slice {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}

  apply(obj: unknown): unknown {
    if (typeof obj !== 'string' && !Array.isArray(obj)) throw typeError(`'${objectTypeRepr(obj).replace(/ object$/, '')}' object is not subscriptable`);
    const items: unknown[] = typeof obj === 'string' ? Array.from(obj) : obj;
    const n = items.length;
    const step = this.step === null || this.step === undefined ? 1 : toInt(this.step);
    if (step === 0) throw typeError('slice step cannot be zero');
    const norm = (v: unknown, dflt: number, lo: number, hi: number): number => {
      if (v === null || v === undefined) return dflt;
      let i = toInt(v);
      if (i < 0) i += n;
      return Math.min(Math.max(i, lo), hi);
    };
    const out: unknown[] = [];
    if (step > 0) {
      const start = norm(this.start, 0, 0, n);
      const stop = norm(this.stop, n, 0, n);
      for (let i = start; i < stop; i += step) out.push(items[i]);
    } else {
      const start = norm(this.start, n - 1, -1, n - 1);
      const stop = norm(this.stop, -1, -1, n - 1);
      for (let i = start; i > stop; i += step) out.push(items[i]);
    }
    if (typeof obj === 'string') return out.join('');
    return isTuple(obj) ? makeTuple(out) : out;
  }
}
