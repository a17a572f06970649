// random and shuffle filters; with seed= they reproduce CPython's random.Random sequence.
import { isNumber, isMapping, pyStr, TemplateError, toNumber } from '../values.js';
import type { FilterFn } from '../values.js';
import { PyRandom, systemRandom } from './py-random.js';

function generator(seed: unknown): PyRandom | typeof systemRandom {
  if (seed === undefined || seed === null) return systemRandom;
  if (typeof seed === 'number' || typeof seed === 'bigint') return new PyRandom(Number.isInteger(seed as number) || typeof seed === 'bigint' ? seed : String(seed));
  return new PyRandom(pyStr(seed));
}

/** random(start=None, step=None, seed=None): randrange for an int end, choice for a sequence. */
export const random: FilterFn = (value, args, kwargs) => {
  const start = kwargs.start ?? args[0] ?? null;
  const step = kwargs.step ?? args[1] ?? null;
  const r = generator(kwargs.seed ?? args[2]);
  if (typeof value === 'number' || typeof value === 'bigint') {
    return r.randrange(start ? toNumber(start) : 0, toNumber(value), step ? toNumber(step) : 1);
  }
  if (Array.isArray(value) || typeof value === 'string' || isMapping(value)) {
    if (start || step) throw new TemplateError('start and step can only be used with integer values');
    if (isMapping(value)) {
      // Python's choice() indexes the dict with an int: a KeyError unless such a key exists
      const i = r.randrange(0, Object.keys(value).length);
      throw new TemplateError(String(i));
    }
    return r.choice(Array.isArray(value) ? value : [...value]);
  }
  if (isNumber(value)) throw new TemplateError('random can only be used on sequences and integers');
  throw new TemplateError('random can only be used on sequences and integers');
};

/** shuffle(seed=None): a shuffled copy; non-iterables come back unchanged (Ansible swallows the error). */
export const shuffle: FilterFn = (value, args, kwargs) => {
  const seed = kwargs.seed ?? args[0];
  if (!Array.isArray(value) && typeof value !== 'string' && !isMapping(value)) return value;
  const list = Array.isArray(value) ? [...value] : typeof value === 'string' ? [...value] : Object.keys(value);
  // Ansible uses `if seed:` here, so a falsy seed is unseeded
  if (seed) new PyRandom(typeof seed === 'number' || typeof seed === 'bigint' ? seed : pyStr(seed)).shuffle(list);
  else systemRandom.shuffle(list);
  return list;
};
