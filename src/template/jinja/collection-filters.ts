// Jinja 3.1's builtin filters over numbers and collections: int/float/round, sort, unique, groupby, batch, sum...
import { isFloat, isMapping, isNumber, isUndefined, makeFloat, makeTuple, pyRepr, toNumber, truthy, Undefined, type FilterFn } from '../values.js';
import { add, cmp, eq, isNumeric, iterate, len, strict, toInt, toStr } from '../eval/ops.js';
import { PyError } from '../eval/py-error.js';
import { withNamedAttrs } from '../eval/py-objects.js';
import { arg } from './args.js';
import { attrGetter } from './attr-getter.js';

/** Python's int(text, base): prefixes allowed when they match the base, `_` separators, surrounding blanks. */
export function parseIntBase(text: string, base: number): number | undefined {
  let s = text.trim().replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
  const prefix = prefixes[s.slice(0, 2)];
  if (base === 0) {
    if (prefix) return digits(s.slice(2), prefix, sign);
    if (/^0+$/.test(s)) return 0;
    return /^0/.test(s) ? undefined : digits(s, 10, sign);
  }
  if (prefix && prefix === base) s = s.slice(2);
  return digits(s, base, sign);
}

function digits(s: string, base: number, sign: number): number | undefined {
  if (!s) return undefined;
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  if (![...s].every((c) => alphabet.includes(c))) return undefined;
  return sign * parseInt(s, base);
}

/** Python's float(): accepts ints, floats, numeric strings, inf/nan. */
export function parseFloatPy(value: unknown): number | undefined {
  if (isNumeric(value)) return toNumber(value);
  if (typeof value !== 'string') return undefined;
  const s = value.trim().replace(/_/g, '').toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/.test(s)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(s)) return undefined;
  return parseFloat(s);
}

/** Python's round(x, n): half to even on the exact binary value. */
export function pyRound(x: number, precision: number): number {
  if (!Number.isFinite(x)) return x;
  if (precision < 0) {
    const scale = Math.pow(10, -precision);
    return pyRound(x / scale, 0) * scale;
  }
  const exact = Math.abs(x).toFixed(Math.min(100, Math.max(0, precision) + 60));
  const dot = exact.indexOf('.');
  const keep = exact.slice(0, dot + 1 + precision).replace(/\.$/, '');
  const rest = exact.slice(dot + 1 + precision);
  let rounded = Number(keep);
  const unit = Math.pow(10, -precision);
  const tie = /^50*$/.test(rest);
  if (rest[0] !== undefined && (rest[0] > '5' || (rest[0] === '5' && !tie))) rounded = Number((rounded + unit).toFixed(Math.max(0, precision)));
  else if (tie) {
    const lastDigit = Number(keep.replace('.', '').slice(-1));
    if (lastDigit % 2 === 1) rounded = Number((rounded + unit).toFixed(Math.max(0, precision)));
  }
  return x < 0 ? -rounded : rounded;
}

function doInt(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const dflt = arg(args, kwargs, 0, 'default', 0);
  const base = toInt(arg(args, kwargs, 1, 'base', 10));
  if (typeof value === 'string') {
    const parsed = parseIntBase(value, base);
    if (parsed !== undefined) return parsed;
    const f = parseFloatPy(value);
    return f === undefined || !Number.isFinite(f) ? dflt : Math.trunc(f);
  }
  if (isNumeric(value)) return Math.trunc(toNumber(value));
  return dflt;
}

function sortKey(attribute: unknown, caseSensitive: boolean): (item: unknown) => unknown {
  return attrGetter(attribute, { lower: !caseSensitive });
}

function sorted(items: unknown[], key: (x: unknown) => unknown, reverse: boolean): unknown[] {
  const decorated = items.map((item, i) => ({ item, key: key(item), i }));
  decorated.sort((a, b) => cmp(a.key, b.key, '<') * (reverse ? -1 : 1) || a.i - b.i);
  return decorated.map((d) => d.item);
}

function minMax(value: unknown, args: unknown[], kwargs: Record<string, unknown>, sign: number): unknown {
  const items = iterate(value);
  if (!items.length) return new Undefined('No aggregated item, sequence was empty.');
  const key = sortKey(arg(args, kwargs, 1, 'attribute', null), Boolean(arg(args, kwargs, 0, 'case_sensitive', false)));
  let best = items[0];
  for (const item of items.slice(1)) if (cmp(key(item), key(best), sign < 0 ? '>' : '<') * sign < 0) best = item;
  return best;
}

function unique(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const key = sortKey(arg(args, kwargs, 1, 'attribute', null), Boolean(arg(args, kwargs, 0, 'case_sensitive', false)));
  const seen: unknown[] = [];
  const out: unknown[] = [];
  for (const item of iterate(value)) {
    const k = key(item);
    if (!seen.some((s) => eq(s, k))) {
      seen.push(k);
      out.push(item);
    }
  }
  return out;
}

function groupby(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const attribute = arg(args, kwargs, 0, 'attribute', null);
  const dflt = arg(args, kwargs, 1, 'default', undefined);
  const caseSensitive = Boolean(arg(args, kwargs, 2, 'case_sensitive', false));
  const key = attrGetter(attribute, { lower: !caseSensitive, dflt });
  const show = attrGetter(attribute, { dflt });
  const groups: unknown[] = [];
  let current: { key: unknown; items: unknown[] } | undefined;
  for (const item of sorted(iterate(value), key, false)) {
    const k = key(item);
    if (current && eq(current.key, k)) current.items.push(item);
    else {
      current = { key: k, items: [item] };
      groups.push(current);
    }
  }
  return (groups as { key: unknown; items: unknown[] }[]).map((g) => {
    const grouper = show(g.items[0]);
    return withNamedAttrs(makeTuple([grouper, g.items]), { grouper, list: g.items });
  });
}

function batch(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const size = toInt(arg(args, kwargs, 0, 'linecount', 1));
  const fill = arg(args, kwargs, 1, 'fill_with', null);
  const out: unknown[][] = [];
  for (const item of iterate(value)) {
    const last = out[out.length - 1];
    if (!last || last.length === size) out.push([item]);
    else last.push(item);
  }
  const last = out[out.length - 1];
  if (fill !== null && last) while (last.length < size) last.push(fill);
  return out;
}

function sliceFilter(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const seq = iterate(value);
  const slices = toInt(arg(args, kwargs, 0, 'slices', 1));
  const fill = arg(args, kwargs, 1, 'fill_with', null);
  const per = Math.floor(seq.length / slices);
  const extra = seq.length % slices;
  let offset = 0;
  const out: unknown[][] = [];
  for (let i = 0; i < slices; i++) {
    const start = offset + i * per;
    if (i < extra) offset++;
    const end = offset + (i + 1) * per;
    const part = seq.slice(start, end);
    if (fill !== null && i >= extra) part.push(fill);
    out.push(part);
  }
  return out;
}

function dictsort(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const caseSensitive = Boolean(arg(args, kwargs, 0, 'case_sensitive', false));
  const by = arg(args, kwargs, 1, 'by', 'key');
  const reverse = Boolean(arg(args, kwargs, 2, 'reverse', false));
  const pos = by === 'key' ? 0 : by === 'value' ? 1 : -1;
  if (pos < 0) throw new PyError('ValueError', "You can only sort by either 'key' or 'value'");
  const items = Object.entries(value as Record<string, unknown>).map(([k, v]) => makeTuple([k, v]));
  return sorted(items, (t) => {
    const v = (t as unknown[])[pos];
    return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
  }, reverse);
}

function sum(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const key = attrGetter(arg(args, kwargs, 0, 'attribute', null));
  let total: unknown = arg(args, kwargs, 1, 'start', 0);
  for (const item of iterate(value)) total = add(total, key(item));
  return total;
}

function randomItem(value: unknown): unknown {
  const items = iterate(value);
  if (!items.length) throw new PyError('IndexError', 'Cannot choose from an empty sequence');
  return items[Math.floor(Math.random() * items.length)];
}

function filesizeformat(value: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
  const binary = Boolean(arg(args, kwargs, 0, 'binary', false));
  const bytes = toNumber(typeof value === 'string' ? parseFloatPy(value) : value);
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  let prefix = prefixes[0] as string;
  for (let i = 0; i < prefixes.length; i++) {
    unit = Math.pow(base, i + 2);
    prefix = prefixes[i] as string;
    if (bytes < unit) break;
  }
  return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
}

/** Python's json.dumps(sort_keys=True) as Jinja's tojson does it, with HTML-safe escapes. */
export function jsonDumps(value: unknown, indent: number | null, sortKeys: boolean, level = 0): string {
  const nl = indent === null ? '' : `\n${' '.repeat(indent * (level + 1))}`;
  const close = indent === null ? '' : `\n${' '.repeat(indent * level)}`;
  const sep = indent === null ? ', ' : ',';
  if (value === null || isUndefined(value)) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (isNumber(value)) return pyRepr(value).replace(/^inf$/, 'Infinity').replace(/^-inf$/, '-Infinity').replace(/^nan$/, 'NaN');
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return value.length ? `[${nl}${value.map((v) => jsonDumps(v, indent, sortKeys, level + 1)).join(sep + nl)}${close}]` : '[]';
  if (isMapping(value)) {
    const keys = Object.keys(value);
    if (sortKeys) keys.sort();
    return keys.length ? `{${nl}${keys.map((k) => `${jsonDumps(k, indent, sortKeys)}: ${jsonDumps(value[k], indent, sortKeys, level + 1)}`).join(sep + nl)}${close}}` : '{}';
  }
  throw new PyError('TypeError', `Object of type ${typeof value} is not JSON serializable`);
}

/** The number and collection filters, by Jinja name. */
export const COLLECTION_FILTERS: Record<string, FilterFn> = {
  abs: (v) => {
    if (!isNumeric(v)) throw new PyError('TypeError', `bad operand type for abs(): '${typeof v === 'string' ? 'str' : 'list'}'`);
    return isFloat(v) ? makeFloat(Math.abs(toNumber(v))) : Math.abs(toNumber(v));
  },
  batch: (v, a, k) => batch(v, a, k),
  count: (v) => len(v),
  length: (v) => len(v),
  default: (v, a, k) => {
    const dflt = arg(a, k, 0, 'default_value', '');
    const boolean = arg(a, k, 1, 'boolean', false);
    if (isUndefined(v) || (boolean && !truthy(v))) return dflt;
    return v;
  },
  dictsort: (v, a, k) => dictsort(v, a, k),
  first: (v) => {
    const items = iterate(v);
    return items.length ? items[0] : new Undefined('No first item, sequence was empty.');
  },
  last: (v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.');
  },
  float: (v, a, k) => {
    const f = parseFloatPy(v);
    return f === undefined ? arg(a, k, 0, 'default', makeFloat(0)) : makeFloat(f);
  },
  int: (v, a, k) => doInt(v, a, k),
  groupby: (v, a, k) => groupby(v, a, k),
  items: (v) => (isUndefined(v) ? [] : Object.entries(strict(v) as Record<string, unknown>).map(([key, val]) => makeTuple([key, val]))),
  join: (v, a, k) => {
    const sep = toStr(arg(a, k, 0, 'd', ''));
    const key = attrGetter(arg(a, k, 1, 'attribute', null));
    return iterate(v)
      .map((x) => toStr(key(x)))
      .join(sep);
  },
  list: (v) => [...iterate(v)],
  max: (v, a, k) => minMax(v, a, k, -1),
  min: (v, a, k) => minMax(v, a, k, 1),
  random: (v) => randomItem(v),
  reverse: (v) => (typeof v === 'string' ? Array.from(v).reverse().join('') : [...iterate(v)].reverse()),
  round: (v, a, k) => {
    const precision = toInt(arg(a, k, 0, 'precision', 0));
    const method = arg(a, k, 1, 'method', 'common');
    const x = toNumber(v);
    if (method === 'common') return isFloat(v) ? makeFloat(pyRound(x, precision)) : v;
    const scale = Math.pow(10, precision);
    if (method === 'ceil') return makeFloat(Math.ceil(x * scale) / scale);
    if (method === 'floor') return makeFloat(Math.floor(x * scale) / scale);
    throw new PyError('TypeError', 'method must be common, ceil or floor');
  },
  slice: (v, a, k) => sliceFilter(v, a, k),
  sort: (v, a, k) => {
    const attribute = arg(a, k, 3, 'attribute', null);
    const caseSensitive = Boolean(arg(a, k, 1, 'case_sensitive', false));
    const keys = typeof attribute === 'string' && attribute.includes(',') ? attribute.split(',').map((part) => sortKey(part, caseSensitive)) : [sortKey(attribute, caseSensitive)];
    return sorted(iterate(v), (item) => (keys.length === 1 ? (keys[0] as (x: unknown) => unknown)(item) : keys.map((key) => key(item))), Boolean(arg(a, k, 0, 'reverse', false)));
  },
  sum: (v, a, k) => sum(v, a, k),
  unique: (v, a, k) => unique(v, a, k),
  filesizeformat: (v, a, k) => filesizeformat(v, a, k),
  tojson: (v, a, k) => {
    const indent = arg(a, k, 0, 'indent', null);
    return jsonDumps(v, indent === null ? null : toInt(indent), true)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/'/g, '\\u0027');
  },
};
