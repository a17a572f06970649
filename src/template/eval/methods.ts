// Python methods on str, dict and list values (`'a,b'.split(',')`, `d.items()`, `l.append(x)`): templates call them.
import { isMapping, makeTuple, pyRepr, type Kwargs } from '../values.js';
import { cmp, eq, hasKey, isNumeric, strict, toInt, toStr } from './ops.js';
import { PyError } from './py-error.js';
import { PyFunction } from './py-objects.js';
import { pyToExponential, pyToFixed } from './float-format.js';

type Method<T> = (self: T, args: unknown[], kwargs: Kwargs) => unknown;

const WS = ' \t\n\r\x0b\x0c';

function stripChars(text: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : toStr(chars);
  let start = 0;
  let end = text.length;
  if (left) while (start < end && set.includes(text[start] as string)) start++;
  if (right) while (end > start && set.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

function pySplit(text: string, sep: unknown, maxsplit: number): string[] {
  if (sep === undefined || sep === null) {
    const parts: string[] = [];
    let rest = text.replace(/^\s+/, '');
    while (rest.length) {
      if (maxsplit >= 0 && parts.length === maxsplit) {
        parts.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        parts.push(rest);
        break;
      }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const s = toStr(sep);
  if (s === '') throw new PyError('ValueError', 'empty separator');
  const all = text.split(s);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(s)];
}

function titleCase(text: string): string {
  return text.replace(/[A-Za-z\u00c0-\uffff]+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

function pad(text: string, width: number, fill: string, align: '<' | '>' | '^'): string {
  const room = width - Array.from(text).length;
  if (room <= 0) return text;
  if (align === '<') return text + fill.repeat(room);
  if (align === '>') return fill.repeat(room) + text;
  const left = Math.floor(room / 2) + (room % 2 && width % 2 ? 1 : 0);
  return fill.repeat(left) + text + fill.repeat(room - left);
}

/** str.format(): `{}`, `{0}`, `{name}`, `{!r}`, `{:>8}`, `{:.2f}`. */
export function strFormat(fmt: string, args: unknown[], kwargs: Kwargs): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const name = field ?? '';
    const [head, ...path] = name.split(/(?=[.[])/);
    let value: unknown = head === undefined || head === '' || head.startsWith('.') || head.startsWith('[') ? args[auto++] : /^\d+$/.test(head) ? args[Number(head)] : kwargs[head];
    for (const part of head?.startsWith('.') || head?.startsWith('[') ? [head, ...path] : path) {
      const key = part.startsWith('[') ? part.slice(1, -1) : part.slice(1);
      value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : (value as Record<string, unknown>)[key];
    }
    if (value === undefined) throw new PyError('IndexError', 'Replacement index out of range for positional args tuple');
    let text = conv === 'r' ? pyRepr(value) : undefined;
    const sm = /^(?:(.)?([<>^=]))?([-+ ])?(#)?(0)?(\d+)?(,)?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec ?? '');
    if (!sm) throw new PyError('ValueError', `Invalid format specifier '${spec}'`);
    const [, fill, align, , , zero, width, comma, precision, type] = sm;
    if (text === undefined) {
      if (type && 'eEfFgG%'.includes(type) && isNumeric(value)) {
        const n = Number(value instanceof Object ? value.valueOf() : value);
        text = type === '%' ? `${pyToFixed(n * 100, precision ? Number(precision) : 6)}%` : type === 'e' || type === 'E' ? pyToExponential(n, precision ? Number(precision) : 6) : pyToFixed(n, precision ? Number(precision) : 6);
      } else if (type && 'xXob'.includes(type)) {
        text = toInt(value).toString(type === 'o' ? 8 : type === 'b' ? 2 : 16);
        if (type === 'X') text = text.toUpperCase();
      } else if (precision && isNumeric(value)) {
        text = pyToFixed(Number(value instanceof Object ? value.valueOf() : value), Number(precision));
      } else {
        text = toStr(value);
        if (precision && typeof value === 'string') text = text.slice(0, Number(precision));
      }
      if (comma) text = text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    }
    const defaultAlign = isNumeric(value) && conv === undefined ? '>' : '<';
    const w = width ? Number(width) : 0;
    if (zero && !align) return text.startsWith('-') ? `-${text.slice(1).padStart(w - 1, '0')}` : text.padStart(w, '0');
    return pad(text, w, fill ?? ' ', ((align === '=' ? '>' : align) ?? defaultAlign) as '<' | '>' | '^');
  });
}

function findIndex(text: string, sub: unknown, start: unknown, end: unknown, reverse: boolean): number {
  const hay = text.slice(start === undefined || start === null ? 0 : toInt(start), end === undefined || end === null ? undefined : toInt(end));
  const at = reverse ? hay.lastIndexOf(toStr(sub)) : hay.indexOf(toStr(sub));
  return at < 0 ? -1 : at + (start === undefined || start === null ? 0 : toInt(start));
}

const STR_METHODS: Record<string, Method<string>> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  title: (s) => titleCase(s),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (s) => Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, [chars]) => stripChars(s, chars, true, true),
  lstrip: (s, [chars]) => stripChars(s, chars, true, false),
  rstrip: (s, [chars]) => stripChars(s, chars, false, true),
  split: (s, [sep, max], kw) => pySplit(s, sep ?? kw.sep, toInt(max ?? kw.maxsplit ?? -1)),
  rsplit: (s, [sep, max], kw) => {
    const maxsplit = toInt(max ?? kw.maxsplit ?? -1);
    const all = pySplit(s, sep ?? kw.sep, -1);
    if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
    const joiner = sep === undefined || sep === null ? ' ' : toStr(sep);
    return [all.slice(0, all.length - maxsplit).join(joiner), ...all.slice(all.length - maxsplit)];
  },
  splitlines: (s, [keep]) => {
    const parts = s.split(/(\r\n|\n|\r)/);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const line = parts[i] as string;
      const nl = parts[i + 1] ?? '';
      if (line === '' && nl === '' && i === parts.length - 1) break;
      out.push(keep ? line + nl : line);
    }
    return out;
  },
  replace: (s, [old, rep, count]) => {
    const n = count === undefined ? -1 : toInt(count);
    if (toStr(old) === '') {
      const chars = Array.from(s);
      const slots = n < 0 ? chars.length + 1 : Math.min(n, chars.length + 1);
      return chars.map((c, i) => (i < slots ? toStr(rep) + c : c)).join('') + (slots > chars.length ? toStr(rep) : '');
    }
    const parts = s.split(toStr(old));
    if (n < 0 || parts.length - 1 <= n) return parts.join(toStr(rep));
    return parts.slice(0, n + 1).join(toStr(rep)) + toStr(old) + parts.slice(n + 1).join(toStr(old));
  },
  startswith: (s, [prefix, start]) => {
    const text = s.slice(start === undefined ? 0 : toInt(start));
    return Array.isArray(prefix) ? prefix.some((p) => text.startsWith(toStr(p))) : text.startsWith(toStr(prefix));
  },
  endswith: (s, [suffix]) => (Array.isArray(suffix) ? suffix.some((p) => s.endsWith(toStr(p))) : s.endsWith(toStr(suffix))),
  find: (s, [sub, start, end]) => findIndex(s, sub, start, end, false),
  rfind: (s, [sub, start, end]) => findIndex(s, sub, start, end, true),
  index: (s, [sub, start, end]) => {
    const at = findIndex(s, sub, start, end, false);
    if (at < 0) throw new PyError('ValueError', 'substring not found');
    return at;
  },
  count: (s, [sub]) => (toStr(sub) === '' ? s.length + 1 : s.split(toStr(sub)).length - 1),
  join: (s, [items]) => iterateStr(items).join(s),
  format: (s, args, kwargs) => strFormat(s, args, kwargs),
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\d]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  istitle: (s) => s.length > 0 && titleCase(s) === s && /[A-Za-z]/.test(s),
  zfill: (s, [width]) => {
    const w = toInt(width);
    const sign = /^[-+]/.test(s) ? (s[0] as string) : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  center: (s, [width, fill]) => pad(s, toInt(width), fill === undefined ? ' ' : toStr(fill), '^'),
  ljust: (s, [width, fill]) => pad(s, toInt(width), fill === undefined ? ' ' : toStr(fill), '<'),
  rjust: (s, [width, fill]) => pad(s, toInt(width), fill === undefined ? ' ' : toStr(fill), '>'),
  partition: (s, [sep]) => {
    const at = s.indexOf(toStr(sep));
    return makeTuple(at < 0 ? [s, '', ''] : [s.slice(0, at), toStr(sep), s.slice(at + toStr(sep).length)]);
  },
  rpartition: (s, [sep]) => {
    const at = s.lastIndexOf(toStr(sep));
    return makeTuple(at < 0 ? ['', '', s] : [s.slice(0, at), toStr(sep), s.slice(at + toStr(sep).length)]);
  },
  removeprefix: (s, [p]) => (s.startsWith(toStr(p)) ? s.slice(toStr(p).length) : s),
  removesuffix: (s, [p]) => (toStr(p) && s.endsWith(toStr(p)) ? s.slice(0, -toStr(p).length) : s),
  encode: (s) => s,
  decode: (s) => s,
  expandtabs: (s, [size]) => s.replace(/\t/g, ' '.repeat(size === undefined ? 8 : toInt(size))),
};

function iterateStr(items: unknown): string[] {
  const list = Array.isArray(items) ? items : isMapping(items) ? Object.keys(items) : typeof items === 'string' ? Array.from(items) : null;
  if (!list) throw new PyError('TypeError', 'can only join an iterable');
  return list.map((x, i) => {
    if (typeof x !== 'string') throw new PyError('TypeError', `sequence item ${i}: expected str instance, ${x === null ? 'NoneType' : typeof x === 'number' ? 'int' : 'list'} found`);
    return x;
  });
}

function keyOf(key: unknown): string {
  return typeof key === 'string' ? key : toStr(key);
}

const MISSING_ARG = Symbol('missing');

const DICT_METHODS: Record<string, Method<Record<string, unknown>>> = {
  items: (d) => Object.entries(d).map(([k, v]) => makeTuple([k, v])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, [key, dflt]) => (hasKey(d, keyOf(key)) ? d[keyOf(key)] : (dflt ?? null)),
  copy: (d) => ({ ...d }),
  update: (d, [other], kwargs) => {
    if (isMapping(other)) Object.assign(d, other);
    else if (Array.isArray(other)) for (const pair of other) d[keyOf((pair as unknown[])[0])] = (pair as unknown[])[1];
    Object.assign(d, kwargs);
    return null;
  },
  setdefault: (d, [key, dflt]) => {
    if (!Object.prototype.hasOwnProperty.call(d, keyOf(key))) d[keyOf(key)] = dflt ?? null;
    return d[keyOf(key)];
  },
  pop: (d, [key, dflt = MISSING_ARG]) => {
    const k = keyOf(key);
    if (!Object.prototype.hasOwnProperty.call(d, k)) {
      if (dflt === MISSING_ARG) throw new PyError('KeyError', pyRepr(key));
      return dflt;
    }
    const value = d[k];
    delete d[k];
    return value;
  },
  clear: (d) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
};

function listIndex(list: unknown[], i: unknown): number {
  const n = toInt(i);
  return n < 0 ? Math.max(0, list.length + n) : Math.min(n, list.length);
}

const LIST_METHODS: Record<string, Method<unknown[]>> = {
  append: (l, [x]) => (l.push(x), null),
  extend: (l, [xs]) => (l.push(...(Array.isArray(xs) ? xs : isMapping(xs) ? Object.keys(xs) : Array.from(toStr(xs)))), null),
  insert: (l, [i, x]) => (l.splice(listIndex(l, i), 0, x), null),
  index: (l, [x]) => {
    const at = l.findIndex((y) => eq(y, x));
    if (at < 0) throw new PyError('ValueError', `${pyRepr(x)} is not in list`);
    return at;
  },
  count: (l, [x]) => l.filter((y) => eq(y, x)).length,
  pop: (l, [i]) => {
    if (!l.length) throw new PyError('IndexError', 'pop from empty list');
    const at = i === undefined ? l.length - 1 : toInt(i) < 0 ? l.length + toInt(i) : toInt(i);
    if (at < 0 || at >= l.length) throw new PyError('IndexError', 'pop index out of range');
    return l.splice(at, 1)[0];
  },
  remove: (l, [x]) => {
    const at = l.findIndex((y) => eq(y, x));
    if (at < 0) throw new PyError('ValueError', 'list.remove(x): x not in list');
    l.splice(at, 1);
    return null;
  },
  sort: (l, _args, kw) => {
    l.sort((a, b) => cmp(a, b, '<'));
    if (kw.reverse) l.reverse();
    return null;
  },
  reverse: (l) => (l.reverse(), null),
  copy: (l) => [...l],
  clear: (l) => (l.splice(0), null),
};

/** The bound method `value.name`, or undefined when the type has no such method. */
export function pyMethod(value: unknown, name: string): PyFunction | undefined {
  const table: Record<string, Method<never>> | undefined = typeof value === 'string' ? STR_METHODS : Array.isArray(value) ? LIST_METHODS : isMapping(value) ? DICT_METHODS : undefined;
  if (!table || !Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  const method = table[name] as Method<unknown>;
  return new PyFunction(name, (args, kwargs) => method(value, args.map(strict), kwargs));
}

