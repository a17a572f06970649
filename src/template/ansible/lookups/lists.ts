// Looping lookups: items, list, dict, sequence, subelements, nested, together, indexed_items, random_choice.
import { parseKv } from '../../../parsing/split-args.js';
import { isMapping, makeTuple, pyRepr, pyStr, TemplateError, truthy } from '../../values.js';
import type { LookupFn } from '../../values.js';
import { convertBool } from '../tests.js';
import { pyPercentFormat } from '../py-format.js';
import { systemRandom } from '../py-random.js';

/** LookupBase._flatten: one level. */
function flatten1(terms: unknown[]): unknown[] {
  return terms.flatMap((t) => (Array.isArray(t) ? t : [t]));
}

export const items: LookupFn = (terms) => flatten1(terms);

export const list: LookupFn = (terms) => terms;

export const dict: LookupFn = (terms) =>
  terms.flatMap((term) => {
    if (!isMapping(term)) throw new TemplateError('with_dict expects a dict');
    return Object.entries(term).map(([key, value]) => ({ key, value }));
  });

export const indexedItems: LookupFn = (terms) => flatten1(terms).map((item, i) => makeTuple([i, item]));

export const together: LookupFn = (terms) => {
  if (terms.length === 0) throw new TemplateError('with_together requires at least one element in each list');
  const lists = terms.map((t) => (Array.isArray(t) ? t : [t]));
  const n = Math.max(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => flatten1(lists.map((l) => (i < l.length ? l[i] : null))));
};

export const nested: LookupFn = (terms) => {
  if (terms.length === 0) throw new TemplateError('with_nested requires at least one element in the nested list');
  const lists = terms.map((t) => (Array.isArray(t) ? t : [t]));
  let result = lists[0] as unknown[];
  for (const next of lists.slice(1)) result = result.flatMap((x) => next.map((y) => flatten1([x, y])));
  return result.map((x) => (Array.isArray(x) ? flatten1(x) : x));
};

export const randomChoice: LookupFn = (terms) => (terms.length ? [systemRandom.choice(terms)] : terms);

/** Python int(text, 0): 0x/0o/0b prefixes, no leading zeros on decimals. */
function pyInt0(text: string, name: string): number {
  const t = text.trim().replace(/_/g, '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[1-9]\d*|0+)$/.exec(t);
  if (!m) throw new TemplateError(`can't parse ${name}=${text} as integer`);
  const body = m[2] as string;
  const value = /^0[xob]/i.test(body) ? Number(body.toLowerCase()) : Number(body);
  return m[1] === '-' ? -value : value;
}

const SHORTCUT = /^((0?x?[0-9a-f]+)-)?(0?x?[0-9a-f]+)(\/(0?x?[0-9a-f]+))?(:(.+))?$/i;

/** sequence: `[start-]end[/stride][:format]` or `start= end= count= stride= format=`. */
export const sequence: LookupFn = (terms) => {
  const out: string[] = [];
  for (const t of terms) {
    const term = pyStr(t);
    let start = 1;
    let end: number | null = null;
    let count: number | null = null;
    let stride = 1;
    let format = '%d';
    const m = SHORTCUT.exec(term);
    if (m) {
      if (m[2] !== undefined) start = pyInt0(m[2], 'start');
      end = pyInt0(m[3] as string, 'end');
      if (m[5] !== undefined) stride = pyInt0(m[5], 'stride');
      if (m[7] !== undefined) format = m[7];
    } else {
      const kv = parseKv(term);
      for (const key of ['start', 'end', 'count', 'stride']) {
        const raw = kv[key];
        delete kv[key];
        if (raw === undefined) continue;
        const v = pyInt0(raw, key);
        if (key === 'start') start = v;
        else if (key === 'end') end = v;
        else if (key === 'count') count = v;
        else stride = v;
      }
      if ('format' in kv) {
        format = kv.format as string;
        delete kv.format;
      }
      const extra = Object.keys(kv);
      if (extra.length) throw new TemplateError(`unrecognized arguments to with_sequence: ${pyRepr(extra)}`);
    }
    if (count === null && end === null) throw new TemplateError('must specify count or end in with_sequence');
    if (count !== null && end !== null) throw new TemplateError("can't specify both count and end in with_sequence");
    if (count !== null) {
      if (count !== 0) end = start + count * stride - 1;
      else start = end = stride = 0;
    }
    const last = end as number;
    if (stride > 0 && last < start) throw new TemplateError('to count backwards make stride negative');
    if (stride < 0 && last > start) throw new TemplateError("to count forward don't make stride negative");
    if (format.split('%').length - 1 !== 1) throw new TemplateError(`bad formatting string: ${format}`);
    if (stride === 0) continue;
    const stop = last + (stride >= 0 ? 1 : -1);
    for (let i = start; stride > 0 ? i < stop : i > stop; i += stride) {
      try {
        out.push(pyPercentFormat(format, i));
      } catch {
        throw new TemplateError(`problem formatting ${i} with ${pyRepr(format)}`);
      }
    }
  }
  return out;
};

/** subelements: [list-or-dict, 'a.b', {skip_missing}] -> [(item, subitem)]; the subkey is popped from item like Ansible. */
export const subelements: LookupFn = (terms) => {
  const fail = (msg = ''): never => {
    throw new TemplateError(`subelements lookup expects a list of two or three items, ${msg}`);
  };
  if (terms.length < 2 || terms.length > 3) fail();
  const [source, keyPath, flagsRaw] = terms;
  if (!(Array.isArray(source) || isMapping(source)) || typeof keyPath !== 'string') fail('first a dict or a list, second a string pointing to the subkey');
  const keys = (keyPath as string).split('.');
  let elements: unknown[];
  if (isMapping(source)) {
    if (source.skipped !== undefined && source.skipped !== false) return [];
    elements = Object.values(source);
  } else elements = source as unknown[];
  const flags = isMapping(flagsRaw) ? flagsRaw : {};
  const out: unknown[] = [];
  for (const original of elements) {
    if (!isMapping(original)) throw new TemplateError(`subelements lookup expects a dictionary, got '${pyStr(original)}'`);
    if (original.skipped !== undefined && original.skipped !== false) continue;
    const item0: Record<string, unknown> = { ...original };
    const skipMissing = convertBool(flags.skip_missing ?? false) ?? truthy(flags.skip_missing);
    let sub: Record<string, unknown> = item0;
    let sublist: unknown[] = [];
    for (const [i, key] of keys.entries()) {
      const lastKey = i === keys.length - 1;
      if (!(key in sub)) {
        if (skipMissing) continue;
        throw new TemplateError(`could not find '${key}' key in iterated item '${pyStr(sub)}'`);
      }
      const value = sub[key];
      if (!lastKey) {
        if (!isMapping(value)) {
          if (skipMissing) continue;
          throw new TemplateError(`the key ${key} should point to a dictionary, got '${pyStr(value)}'`);
        }
        sub[key] = { ...value };
        sub = sub[key] as Record<string, unknown>;
      } else {
        if (!Array.isArray(value)) throw new TemplateError(`the key ${key} should point to a list, got '${pyStr(value)}'`);
        sublist = value;
        delete sub[key];
      }
    }
    for (const item1 of sublist) out.push(makeTuple([item0, item1]));
  }
  return out;
};
