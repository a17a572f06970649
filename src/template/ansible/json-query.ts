// community.general.json_query: a JMESPath interpreter (jmespath.py's grammar and semantics).
// Supported: identifiers, "quoted", `literals`, 'raw strings', a.b, [n], [a:b:c], [*], .*, [], [?cond], |, @,
// comparisons, && || !, (..), multiselect [a, b] and {k: a}, and the built-in functions listed in FUNCTIONS.
import { isMapping, isNumber, pyStr, TemplateError, toNumber } from '../values.js';
import type { FilterFn } from '../values.js';
import { pyEquals } from './py-compare.js';
import { pyJsonDumps } from './py-json.js';
import { fail, parseJmespath } from './json-query-parser.js';
import type { Ast } from './json-query-parser.js';

function jmesTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMapping(v)) return Object.keys(v).length > 0;
  return true;
}

function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (isNumber(v)) return 'number';
  if (Array.isArray(v)) return 'array';
  if (isMapping(v) && (v as { type?: unknown }).type === 'expref' && 'ast' in v) return 'expref';
  return 'object';
}

function sliceList(list: unknown[], parts: (number | null)[]): unknown[] {
  const [startRaw, stopRaw, stepRaw] = parts;
  const step = stepRaw ?? 1;
  if (step === 0) fail('Invalid slice, step cannot be 0');
  const n = list.length;
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + n, step < 0 ? -1 : 0);
    return Math.min(v, step < 0 ? n - 1 : n);
  };
  const start = clamp(startRaw ?? null, step < 0 ? n - 1 : 0);
  const stop = clamp(stopRaw ?? null, step < 0 ? -1 : n);
  const out: unknown[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(list[i]);
  return out;
}

type Fn = (args: unknown[], ctx: unknown) => unknown;

function num(v: unknown): number {
  return toNumber(v);
}

const FUNCTIONS: Record<string, Fn> = {
  abs: ([x]) => Math.abs(num(x)),
  avg: ([x]) => ((x as unknown[]).length ? (x as unknown[]).reduce((a: number, b) => a + num(b), 0) / (x as unknown[]).length : null),
  ceil: ([x]) => Math.ceil(num(x)),
  floor: ([x]) => Math.floor(num(x)),
  contains: ([subject, search]) =>
    typeof subject === 'string' ? typeof search === 'string' && subject.includes(search) : (subject as unknown[]).some((x) => pyEquals(x, search)),
  ends_with: ([s, suffix]) => (s as string).endsWith(suffix as string),
  starts_with: ([s, prefix]) => (s as string).startsWith(prefix as string),
  join: ([sep, list]) => (list as string[]).join(sep as string),
  keys: ([o]) => Object.keys(o as object),
  values: ([o]) => Object.values(o as object),
  length: ([x]) => (typeof x === 'string' ? [...x].length : Array.isArray(x) ? x.length : Object.keys(x as object).length),
  max: ([x]) => ((x as unknown[]).length ? (x as unknown[]).reduce((a, b) => (compareJ(b, a) > 0 ? b : a)) : null),
  min: ([x]) => ((x as unknown[]).length ? (x as unknown[]).reduce((a, b) => (compareJ(b, a) < 0 ? b : a)) : null),
  merge: (args) => Object.assign({}, ...(args as object[])),
  not_null: (args) => args.find((a) => a !== null && a !== undefined) ?? null,
  reverse: ([x]) => (typeof x === 'string' ? [...x].reverse().join('') : [...(x as unknown[])].reverse()),
  sort: ([x]) => [...(x as unknown[])].sort(compareJ),
  sum: ([x]) => (x as unknown[]).reduce((a: number, b) => a + num(b), 0),
  to_array: ([x]) => (Array.isArray(x) ? x : [x]),
  to_number: ([x]) => {
    if (isNumber(x)) return x;
    if (typeof x === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(x.trim())) return Number(x);
    return null;
  },
  to_string: ([x]) => (typeof x === 'string' ? x : pyJsonDumps(x, { separators: [',', ':'] })),
  type: ([x]) => typeOf(x),
};

function compareJ(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return num(a) - num(b);
}

function evaluate(ast: Ast, value: unknown): unknown {
  const [c0, c1, c2] = ast.children;
  switch (ast.type) {
    case 'identity':
    case 'current':
      return value;
    case 'literal':
      return ast.value;
    case 'field':
      return isMapping(value) ? (value[ast.value as string] ?? null) : null;
    case 'subexpression':
    case 'index_expression':
      return evaluate(c1 as Ast, evaluate(c0 as Ast, value));
    case 'index': {
      if (!Array.isArray(value)) return null;
      const i = ast.value as number;
      return value[i < 0 ? value.length + i : i] ?? null;
    }
    case 'slice':
      return Array.isArray(value) ? sliceList(value, ast.value as (number | null)[]) : null;
    case 'projection': {
      const base = evaluate(c0 as Ast, value);
      if (!Array.isArray(base)) return null;
      return base.map((e) => evaluate(c1 as Ast, e)).filter((x) => x !== null && x !== undefined);
    }
    case 'value_projection': {
      const base = evaluate(c0 as Ast, value);
      if (!isMapping(base)) return null;
      return Object.values(base).map((e) => evaluate(c1 as Ast, e)).filter((x) => x !== null && x !== undefined);
    }
    case 'filter_projection': {
      const base = evaluate(c0 as Ast, value);
      if (!Array.isArray(base)) return null;
      return base.filter((e) => jmesTruthy(evaluate(c2 as Ast, e))).map((e) => evaluate(c1 as Ast, e)).filter((x) => x !== null && x !== undefined);
    }
    case 'flatten': {
      const base = evaluate(c0 as Ast, value);
      if (!Array.isArray(base)) return null;
      return base.flatMap((e) => (Array.isArray(e) ? e : [e]));
    }
    case 'comparator': {
      const a = evaluate(c0 as Ast, value);
      const b = evaluate(c1 as Ast, value);
      if (ast.value === 'eq') return jEquals(a, b);
      if (ast.value === 'ne') return !jEquals(a, b);
      // jmespath 1.0 orders numbers and strings; str vs number is a Python TypeError
      const comparable = (v: unknown): boolean => isNumber(v) || typeof v === 'string';
      if (!comparable(a) || !comparable(b)) return null;
      if (typeof a === 'string' !== (typeof b === 'string')) {
        const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[ast.value as 'lt'];
        const t = (v: unknown): string => (typeof v === 'string' ? 'str' : Number.isInteger(num(v)) ? 'int' : 'float');
        throw new TemplateError(`Error in jmespath.search in json_query filter plugin:\n'${op}' not supported between instances of '${t(a)}' and '${t(b)}'`);
      }
      const x = typeof a === 'string' ? a : num(a);
      const y = typeof b === 'string' ? b : num(b);
      return { lt: x < y, lte: x <= y, gt: x > y, gte: x >= y }[ast.value as 'lt'];
    }
    case 'or': {
      const a = evaluate(c0 as Ast, value);
      return jmesTruthy(a) ? a : evaluate(c1 as Ast, value);
    }
    case 'and': {
      const a = evaluate(c0 as Ast, value);
      return jmesTruthy(a) ? evaluate(c1 as Ast, value) : a;
    }
    case 'not_expression':
      return !jmesTruthy(evaluate(c0 as Ast, value));
    case 'pipe':
      return evaluate(c1 as Ast, evaluate(c0 as Ast, value));
    case 'multi_select_list':
      return value === null || value === undefined ? null : ast.children.map((c) => evaluate(c, value));
    case 'multi_select_hash':
      return value === null || value === undefined ? null : Object.fromEntries(ast.children.map((c) => [c.value as string, evaluate(c.children[0] as Ast, value)]));
    case 'expref':
      return { type: 'expref', ast: c0 };
    case 'function': {
      const name = ast.value as string;
      if (name === 'sort_by' || name === 'max_by' || name === 'min_by' || name === 'map') return byFunction(name, ast, value);
      const fn = FUNCTIONS[name];
      if (!fn) fail(`Unknown function: ${name}()`);
      return fn(ast.children.map((c) => evaluate(c, value)), value);
    }
    default:
      return fail(`Unknown node ${ast.type}`);
  }
}

function jEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return pyEquals(a, b);
}

function byFunction(name: string, ast: Ast, value: unknown): unknown {
  const [listAst, refAst] = ast.children;
  if (name === 'map') {
    const ref = evaluate(listAst as Ast, value) as { ast: Ast };
    const list = evaluate(refAst as Ast, value) as unknown[];
    return list.map((x) => evaluate(ref.ast, x));
  }
  const list = evaluate(listAst as Ast, value) as unknown[];
  const ref = evaluate(refAst as Ast, value) as { ast: Ast };
  const key = (x: unknown): unknown => evaluate(ref.ast, x);
  if (name === 'sort_by') return [...list].sort((a, b) => compareJ(key(a), key(b)));
  if (list.length === 0) return null;
  return list.reduce((a, b) => ((name === 'max_by' ? compareJ(key(b), key(a)) > 0 : compareJ(key(b), key(a)) < 0) ? b : a));
}

/** jmespath.search(expr, data). */
export function jmespathSearch(expression: string, data: unknown): unknown {
  return evaluate(parseJmespath(expression), data);
}

export const jsonQuery: FilterFn = (value, args, kwargs) => jmespathSearch(pyStr(kwargs.expr ?? args[0]), value);
