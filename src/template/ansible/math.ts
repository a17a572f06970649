// mathstuff numeric filters: log/pow/root, human_readable, human_to_bytes.
import { isNumber, makeFloat, pyStr, TemplateError, toNumber, truthy } from '../values.js';
import type { FilterFn } from '../values.js';

function num(value: unknown, filter: string): number {
  if (!isNumber(value) && typeof value !== 'boolean') {
    throw new TemplateError(`${filter}() can only be used on numbers: must be real number, not ${typeof value === 'string' ? 'str' : 'list'}`);
  }
  return toNumber(value);
}

/** log(base=e): math.log / math.log10. */
export const log: FilterFn = (value, args, kwargs) => {
  const x = num(value, 'log');
  const base = kwargs.base ?? args[0];
  if (x <= 0) throw new TemplateError('math domain error');
  if (base === undefined) return makeFloat(Math.log(x));
  const b = num(base, 'log');
  return makeFloat(b === 10 ? Math.log10(x) : Math.log(x) / Math.log(b));
};

export const pow: FilterFn = (value, args, kwargs) => makeFloat(Math.pow(num(value, 'pow'), num(kwargs.y ?? args[0], 'pow')));

/** root(base=2): sqrt, or x ** (1/base). */
export const root: FilterFn = (value, args, kwargs) => {
  const x = num(value, 'root');
  const base = num(kwargs.base ?? args[0] ?? 2, 'root');
  if (base === 2) {
    if (x < 0) throw new TemplateError('root() can only be used on numbers: math domain error');
    return makeFloat(Math.sqrt(x));
  }
  return makeFloat(Math.pow(x, 1 / base));
};

const SIZE_RANGES: [string, number][] = [
  ['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10], ['B', 1],
];

/** Python's round() to an int: half to even. */
export function roundHalfEven(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** human_readable(isbits=False, unit=None): '%.2f %s'. */
export const humanReadable: FilterFn = (value, args, kwargs) => {
  const isbits = truthy(kwargs.isbits ?? args[0] ?? false);
  const unit = kwargs.unit ?? args[1] ?? null;
  if (typeof value === 'string') {
    throw new TemplateError(`human_readable() failed on bad input: '>=' not supported between instances of 'str' and 'int'`);
  }
  if (!isNumber(value)) throw new TemplateError(`human_readable() failed on bad input: '>=' not supported`);
  const size = toNumber(value);
  const base = isbits ? 'bits' : 'Bytes';
  let suffix = '';
  let limit = 1;
  for ([suffix, limit] of SIZE_RANGES) {
    if ((unit === null && size >= limit) || (unit !== null && pyStr(unit).toUpperCase() === suffix[0])) break;
  }
  suffix = limit !== 1 ? suffix + base[0] : base;
  return `${pyFormatFixed(size / limit, 2)} ${suffix}`;
};

/** '%.Nf' with Python's rounding of the exact binary value (toFixed agrees for doubles). */
export function pyFormatFixed(n: number, digits: number): string {
  return n.toFixed(digits);
}

/** human_to_bytes(default_unit=None, isbits=False). */
export const humanToBytes: FilterFn = (value, args, kwargs) => {
  const text = pyStr(value);
  const defaultUnit = kwargs.default_unit ?? args[0] ?? null;
  const isbits = truthy(kwargs.isbits ?? args[1] ?? false);
  const fail = (): never => {
    throw new TemplateError(`human_to_bytes() can't interpret following string: ${text}`);
  };
  const m = /^\s*(\d*\.?\d*)\s*([A-Za-z]+)?/.exec(text);
  if (!m || m[1] === '' || m[1] === '.') return fail();
  const n = Number(m[1]);
  const unit = m[2] ?? (defaultUnit === null ? null : pyStr(defaultUnit));
  if (unit === null) return roundHalfEven(n);
  const rangeKey = (unit[0] as string).toUpperCase();
  const limit = SIZE_RANGES.find(([k]) => k === rangeKey)?.[1];
  if (limit === undefined) return fail();
  const unitClass = isbits ? 'b' : 'B';
  const unitClassName = isbits ? 'bit' : 'byte';
  if (unit.length > 1 && !unit.toLowerCase().includes(unitClassName) && unit[1] !== unitClass) return fail();
  return roundHalfEven(n * limit);
};
