// Data-structure filters from Ansible core (combine, flatten, dict2items, ...) and mathstuff set operations.
import { isMapping, isUndefined, makeTuple, pyRepr, pyStr, pyTypeName, TemplateError, truthy, Undefined, UndefinedVariableError } from '../values.js';
import type { FilterFn } from '../values.js';
import { pyContains, pyEquals } from './py-compare.js';

function isSequence(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function listOf(value: unknown, filter: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isMapping(value)) return Object.keys(value);
  if (isUndefined(value)) throw new UndefinedVariableError(value.hint);
  throw new TemplateError(`${filter}: '${pyTypeName(value)}' object is not iterable`);
}

function flattenList(list: unknown[], levels: number | null, skipNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const element of list) {
    if (skipNulls && (element === null || element === 'None' || element === 'null')) continue;
    if (isSequence(element)) {
      if (levels === null) out.push(...flattenList(element, null, skipNulls));
      else if (levels >= 1) out.push(...flattenList(element, levels - 1, skipNulls));
      else out.push(element);
    } else out.push(element);
  }
  return out;
}

/** flatten(levels=None, skip_nulls=True): note 'None' and 'null' strings are dropped too. */
export const flatten: FilterFn = (value, args, kwargs) => {
  const levels = kwargs.levels ?? args[0] ?? null;
  const skipNulls = kwargs.skip_nulls ?? args[1] ?? true;
  return flattenList(listOf(value, 'flatten'), levels === null ? null : Number(levels), truthy(skipNulls));
};

function checkDefined(value: unknown): void {
  if (isUndefined(value)) throw new UndefinedVariableError(value.hint);
  if (Array.isArray(value)) value.forEach(checkDefined);
  else if (isMapping(value)) Object.values(value).forEach(checkDefined);
}

const LIST_MERGE = ['append', 'append_rp', 'keep', 'prepend', 'prepend_rp', 'replace'];

/** ansible.utils.vars.merge_hash: y wins; recursive for dicts; list_merge for lists. */
export function mergeHash(x: Record<string, unknown>, y: Record<string, unknown>, recursive = true, listMerge = 'replace'): Record<string, unknown> {
  if (!LIST_MERGE.includes(listMerge)) {
    throw new TemplateError("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'");
  }
  if (Object.keys(x).length === 0 || pyEquals(x, y)) return { ...y };
  const result: Record<string, unknown> = { ...x };
  if (!recursive && listMerge === 'replace') return Object.assign(result, y);
  for (const [key, yValue] of Object.entries(y)) {
    if (!(key in result)) {
      result[key] = yValue;
      continue;
    }
    const xValue = result[key];
    if (isMapping(xValue) && isMapping(yValue)) {
      result[key] = recursive ? mergeHash(xValue, yValue, recursive, listMerge) : yValue;
      continue;
    }
    if (Array.isArray(xValue) && Array.isArray(yValue)) {
      if (listMerge === 'replace') result[key] = yValue;
      else if (listMerge === 'append') result[key] = [...xValue, ...yValue];
      else if (listMerge === 'prepend') result[key] = [...yValue, ...xValue];
      else if (listMerge === 'append_rp') result[key] = [...xValue.filter((v) => !pyContains(yValue, v)), ...yValue];
      else if (listMerge === 'prepend_rp') result[key] = [...yValue, ...xValue.filter((v) => !pyContains(yValue, v))];
      // 'keep' leaves x's list
      continue;
    }
    result[key] = yValue;
  }
  return result;
}

/** combine(*dicts, recursive=False, list_merge='replace'); a list of dicts works too. */
export const combine: FilterFn = (value, args, kwargs) => {
  const { recursive = false, list_merge: listMerge = 'replace', ...rest } = kwargs;
  if (Object.keys(rest).length > 0) throw new TemplateError("'recursive' and 'list_merge' are the only valid keyword arguments");
  const dicts = flattenList([value, ...args], 1, true);
  checkDefined(dicts);
  if (dicts.length === 0) return {};
  for (const d of dicts) {
    if (!isMapping(d)) throw new TemplateError(`failed to combine variables, expected dicts but got a '${pyTypeName(d)}'`);
  }
  if (dicts.length === 1) return dicts[0];
  const reversed = [...dicts].reverse() as Record<string, unknown>[];
  let result = reversed[0] as Record<string, unknown>;
  for (const d of reversed.slice(1)) result = mergeHash(d, result, truthy(recursive), pyStr(listMerge));
  return result;
};

export const dict2items: FilterFn = (value, args, kwargs) => {
  if (!isMapping(value)) throw new TemplateError(`dict2items requires a dictionary, got <class '${pyTypeName(value)}'> instead.`);
  const keyName = pyStr(kwargs.key_name ?? args[0] ?? 'key');
  const valueName = pyStr(kwargs.value_name ?? args[1] ?? 'value');
  return Object.entries(value).map(([k, v]) => ({ [keyName]: k, [valueName]: v }));
};

export const items2dict: FilterFn = (value, args, kwargs) => {
  if (!Array.isArray(value)) throw new TemplateError(`items2dict requires a list, got <class '${pyTypeName(value)}'> instead.`);
  const keyName = pyStr(kwargs.key_name ?? args[0] ?? 'key');
  const valueName = pyStr(kwargs.value_name ?? args[1] ?? 'value');
  const out: Record<string, unknown> = {};
  for (const item of value) {
    if (!isMapping(item)) throw new TemplateError(`items2dict requires a list of dictionaries, got ${pyRepr(value)} instead.`);
    if (!(keyName in item) || !(valueName in item)) {
      throw new TemplateError(
        `items2dict requires each dictionary in the list to contain the keys '${keyName}' and '${valueName}', got ${pyRepr(value)} instead.`,
      );
    }
    out[pyStr(item[keyName])] = item[valueName];
  }
  return out;
};

/** subelements('a.b', skip_missing=False): [(item, subitem), ...] as tuples. */
export const subelements: FilterFn = (value, args, kwargs) => {
  const path = kwargs.subelements ?? args[0];
  const skipMissing = truthy(kwargs.skip_missing ?? args[1] ?? false);
  let elements: unknown[];
  if (isMapping(value)) elements = Object.values(value);
  else if (Array.isArray(value)) elements = value;
  else throw new TemplateError('obj must be a list of dicts or a nested dict');
  let keys: string[];
  if (Array.isArray(path)) keys = path.map(pyStr);
  else if (typeof path === 'string') keys = path.split('.');
  else throw new TemplateError('subelements must be a list or a string');
  const out: unknown[] = [];
  for (const element of elements) {
    let values: unknown = element;
    for (const key of keys) {
      if (!isMapping(values)) throw new TemplateError(`the key ${key} should point to a dictionary, got '${pyStr(values)}'`);
      if (!(key in values)) {
        if (skipMissing) {
          values = [];
          break;
        }
        throw new TemplateError(`could not find ${pyRepr(key)} key in iterated item ${pyRepr(values)}`);
      }
      values = values[key];
    }
    if (!Array.isArray(values)) throw new TemplateError(`the key ${pyRepr(keys[keys.length - 1])} should point to a list, got ${pyRepr(values)}`);
    for (const v of values) out.push(makeTuple([element, v]));
  }
  return out;
};

function getItem(container: unknown, key: unknown): unknown {
  if (isMapping(container)) {
    const k = pyStr(key);
    return k in container ? container[k] : new Undefined(`'dict object' has no attribute ${pyRepr(k)}`);
  }
  if (Array.isArray(container) && typeof key === 'number') {
    const v = container[key < 0 ? container.length + key : key];
    return v === undefined ? new Undefined(`list object has no element ${key}`) : v;
  }
  return new Undefined(`'${pyTypeName(container)} object' has no attribute ${pyRepr(key)}`);
}

/** extract(container, morekeys=None): `map('extract', hostvars, 'ansible_host')`. */
export const extract: FilterFn = (value, args, kwargs) => {
  const container = args[0] ?? kwargs.container;
  const more = args[1] ?? kwargs.morekeys;
  const keys = more === undefined || more === null ? [value] : Array.isArray(more) ? [value, ...more] : [value, more];
  let result: unknown = container;
  for (const key of keys) result = getItem(result, key);
  return result;
};

/** ternary(true_val, false_val, none_val=None). */
export const ternary: FilterFn = (value, args, kwargs) => {
  const noneVal = kwargs.none_val ?? args[2] ?? null;
  if (value === null && noneVal !== null) return noneVal;
  return truthy(value) ? (kwargs.true_val ?? args[0]) : (kwargs.false_val ?? args[1]);
};

/** mandatory(msg=None): fails on Undefined. */
export const mandatory: FilterFn = (value, args, kwargs) => {
  if (isUndefined(value)) {
    const msg = kwargs.msg ?? args[0];
    if (msg !== undefined && msg !== null) throw new TemplateError(pyStr(msg));
    const name = value.name !== undefined ? `'${value.name}' ` : '';
    // Ansible's own message has this double space: "Mandatory variable 'x'  not defined."
    throw new TemplateError(`Mandatory variable ${name} not defined.`);
  }
  return value;
};

function uniqueList(list: unknown[], caseSensitive: boolean): unknown[] {
  const out: unknown[] = [];
  const seen: unknown[] = [];
  for (const x of list) {
    const key = !caseSensitive && typeof x === 'string' ? x.toLowerCase() : x;
    if (!seen.some((s) => pyEquals(s, key))) {
      seen.push(key);
      out.push(x);
    }
  }
  return out;
}

/** unique: Ansible delegates to Jinja's unique, which is case-INsensitive unless case_sensitive=True. */
export const unique: FilterFn = (value, args, kwargs) => {
  const caseSensitive = truthy(kwargs.case_sensitive ?? args[0] ?? false);
  const attribute = kwargs.attribute ?? args[1];
  const list = listOf(value, 'unique');
  if (attribute === undefined || attribute === null) return uniqueList(list, caseSensitive);
  const out: unknown[] = [];
  const seen: unknown[] = [];
  for (const item of list) {
    let key: unknown = item;
    for (const part of pyStr(attribute).split('.')) key = isMapping(key) ? key[part] : undefined;
    if (!caseSensitive && typeof key === 'string') key = key.toLowerCase();
    if (!seen.some((s) => pyEquals(s, key))) {
      seen.push(key);
      out.push(item);
    }
  }
  return out;
};

function setOperands(value: unknown, args: unknown[], name: string): [unknown[], unknown[]] {
  return [listOf(value, name), listOf(args[0], name)];
}

/** The set filters keep the first list's order (lists are unhashable, so Ansible's list path is used). */
export const intersect: FilterFn = (value, args) => {
  const [a, b] = setOperands(value, args, 'intersect');
  return uniqueList(a.filter((x) => pyContains(b, x)), true);
};

export const difference: FilterFn = (value, args) => {
  const [a, b] = setOperands(value, args, 'difference');
  return uniqueList(a.filter((x) => !pyContains(b, x)), true);
};

export const union: FilterFn = (value, args) => {
  const [a, b] = setOperands(value, args, 'union');
  return uniqueList([...a, ...b], true);
};

export const symmetricDifference: FilterFn = (value, args) => {
  const [a, b] = setOperands(value, args, 'symmetric_difference');
  const both = uniqueList(a.filter((x) => pyContains(b, x)), true);
  return uniqueList([...a, ...b], true).filter((x) => !pyContains(both, x));
};

/** zip(*others): shortest wins. */
export const zip: FilterFn = (value, args) => {
  const lists = [value, ...args].map((l) => listOf(l, 'zip'));
  const n = Math.min(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => makeTuple(lists.map((l) => l[i])));
};

/** zip_longest(*others, fillvalue=None). */
export const zipLongest: FilterFn = (value, args, kwargs) => {
  const lists = [value, ...args].map((l) => listOf(l, 'zip_longest'));
  const fill = kwargs.fillvalue ?? null;
  const n = Math.max(0, ...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => makeTuple(lists.map((l) => (i < l.length ? l[i] : fill))));
};

/** itertools.product(*lists, repeat=1). */
export const product: FilterFn = (value, args, kwargs) => {
  const base = [value, ...args].map((l) => listOf(l, 'product'));
  const repeat = Number(kwargs.repeat ?? 1);
  const pools = Array.from({ length: repeat }, () => base).flat();
  let result: unknown[][] = [[]];
  for (const pool of pools) result = result.flatMap((prefix) => pool.map((x) => [...prefix, x]));
  return result.map((r) => makeTuple(r));
};

function permutationsOf<T>(pool: T[], r: number): T[][] {
  if (r === 0) return [[]];
  const out: T[][] = [];
  pool.forEach((x, i) => {
    for (const rest of permutationsOf([...pool.slice(0, i), ...pool.slice(i + 1)], r - 1)) out.push([x, ...rest]);
  });
  return out;
}

function combinationsOf<T>(pool: T[], r: number): T[][] {
  if (r === 0) return [[]];
  const out: T[][] = [];
  pool.forEach((x, i) => {
    for (const rest of combinationsOf(pool.slice(i + 1), r - 1)) out.push([x, ...rest]);
  });
  return out;
}

export const permutations: FilterFn = (value, args, kwargs) => {
  const pool = listOf(value, 'permutations');
  const r = kwargs.r ?? args[0] ?? null;
  const n = r === null ? pool.length : Number(r);
  return n > pool.length ? [] : permutationsOf(pool, n).map((p) => makeTuple(p));
};

export const combinations: FilterFn = (value, args, kwargs) => {
  const pool = listOf(value, 'combinations');
  const n = Number(kwargs.r ?? args[0]);
  return n > pool.length ? [] : combinationsOf(pool, n).map((c) => makeTuple(c));
};
