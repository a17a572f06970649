// Jinja 3.1's builtin tests (`x is defined`, `is divisibleby 3`, `is sameas false`...).
import { isFloat, isMapping, isNumber, isUndefined, toNumber, type TestFn } from '../values.js';
import { compare, contains, eq, isNumeric } from '../eval/ops.js';
import { PyFunction } from '../eval/py-objects.js';
import { Macro } from '../eval/macro.js';
import { HIGHER_ORDER_FILTERS } from './higher-order.js';

let knownFilter: (name: string) => boolean = (name) => name in HIGHER_ORDER_FILTERS;
let knownTest: (name: string) => boolean = () => false;

/** The registry tells the `filter`/`test` tests which names exist. */
export function bindNames(filter: (name: string) => boolean, test: (name: string) => boolean): void {
  knownFilter = filter;
  knownTest = test;
}

const cmpTest = (op: string): TestFn => (v, [other]) => compare(op, v, other);

/** The tests, by Jinja name (aliases included). */
export const JINJA_TESTS: Record<string, TestFn> = {
  boolean: (v) => typeof v === 'boolean',
  callable: (v) => v instanceof PyFunction || v instanceof Macro,
  defined: (v) => !isUndefined(v),
  undefined: (v) => isUndefined(v),
  divisibleby: (v, [n]) => toNumber(v) % toNumber(n) === 0,
  eq: cmpTest('=='),
  equalto: cmpTest('=='),
  '==': cmpTest('=='),
  ne: cmpTest('!='),
  '!=': cmpTest('!='),
  lt: cmpTest('<'),
  lessthan: cmpTest('<'),
  '<': cmpTest('<'),
  le: cmpTest('<='),
  '<=': cmpTest('<='),
  gt: cmpTest('>'),
  greaterthan: cmpTest('>'),
  '>': cmpTest('>'),
  ge: cmpTest('>='),
  '>=': cmpTest('>='),
  even: (v) => toNumber(v) % 2 === 0,
  odd: (v) => Math.abs(toNumber(v) % 2) === 1,
  escaped: () => false,
  false: (v) => v === false,
  true: (v) => v === true,
  filter: (v) => typeof v === 'string' && knownFilter(v),
  test: (v) => typeof v === 'string' && knownTest(v),
  float: (v) => isFloat(v),
  integer: (v) => isNumber(v) && !isFloat(v),
  in: (v, [seq]) => contains(seq, v),
  iterable: (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v),
  lower: (v) => typeof v === 'string' && v === v.toLowerCase() && v !== v.toUpperCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase() && v !== v.toLowerCase(),
  mapping: (v) => isMapping(v),
  none: (v) => v === null,
  number: (v) => isNumeric(v),
  sameas: (v, [other]) => (isNumeric(v) && isNumeric(other) ? typeof v === typeof other && eq(v, other) : v === other),
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v),
  string: (v) => typeof v === 'string',
};
