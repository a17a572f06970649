// Behaviour the captured fixtures cannot pin down: files the password lookup writes, unseeded randomness,
// Undefined results, and values outside the JSON fixture format.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSIBLE_FILTERS, ANSIBLE_LOOKUPS } from '../../../src/template/ansible/index.js';
import { PyRandom } from '../../../src/template/ansible/py-random.js';
import { PyDatetime } from '../../../src/template/ansible/time.js';
import { isUndefined, pyRepr, Undefined } from '../../../src/template/values.js';
import { fakeContext } from './fixture-cases.js';

const ctx = fakeContext({});
const filter = (name: string, value: unknown, args: unknown[] = [], kwargs: Record<string, unknown> = {}): unknown => {
  const fn = ANSIBLE_FILTERS[name];
  if (!fn) throw new Error(`no filter ${name}`);
  return fn(value, args, kwargs, ctx);
};
const lookup = (name: string, terms: unknown[], kwargs: Record<string, unknown> = {}, c = ctx): unknown[] => {
  const fn = ANSIBLE_LOOKUPS[name];
  if (!fn) throw new Error(`no lookup ${name}`);
  return fn(terms, kwargs, c);
};

describe('password lookup', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsible-password-'));

  it('creates the file (mode 0600) with a 20-char password and returns the same one next time', () => {
    const file = path.join(dir, 'creds', 'db');
    const [first] = lookup('password', [file]);
    expect(first).toMatch(/^[A-Za-z0-9.,:\-_]{20}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${String(first)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lookup('password', [file])).toEqual([first]);
  });

  it('honours length= and chars= in the term', () => {
    const [pw] = lookup('password', [`${path.join(dir, 'pin')} length=6 chars=digits`]);
    expect(pw).toMatch(/^\d{6}$/);
  });

  it('stores a salt when encrypt= is given and hashes with it like passlib (rounds=656000)', () => {
    const file = path.join(dir, 'hashed');
    writeFileSync(file, 'secret salt=mysalt\n');
    expect(lookup('password', [file], { encrypt: 'sha512_crypt' })).toEqual([
      '$6$rounds=656000$mysalt$cDA0t8lm/qt.LT6DzpoHxJ.NwTpx.WTkOPwhseSva8pRixDSH2./ffedCjAMbTX1Uo1QNT7jJPJ6FIzU2i59K/',
    ]);
  });

  it('never writes /dev/null', () => {
    const [pw] = lookup('password', ['/dev/null length=12']);
    expect(pw).toHaveLength(12);
  });
});

describe('unseeded randomness', () => {
  it('random(end) stays in range(start, end, step)', () => {
    for (let i = 0; i < 50; i++) {
      const n = filter('random', 60, [], { start: 10, step: 5 }) as number;
      expect(n >= 10 && n < 60 && n % 5 === 0).toBe(true);
    }
  });

  it('shuffle keeps the elements', () => {
    expect((filter('shuffle', [1, 2, 3, 4]) as number[]).sort()).toEqual([1, 2, 3, 4]);
  });

  it('random_choice picks one of the terms', () => {
    expect(['a', 'b']).toContain(lookup('random_choice', ['a', 'b'])[0]);
  });
});

describe('CPython random.Random', () => {
  // values printed by /usr/bin/python3: random.Random(seed).random()
  it('reproduces random() for str and int seeds', () => {
    expect(new PyRandom('host1').random()).toBe(0.4862009007345398);
    expect(new PyRandom(42).random()).toBe(0.6394267984578837);
  });
});

describe('values outside the JSON fixtures', () => {
  it('extract of a missing key is Undefined, like Jinja', () => {
    expect(isUndefined(filter('extract', 'missing', [{ a: 1 }]))).toBe(true);
  });

  it('mandatory passes defined values through and names the variable otherwise', () => {
    expect(filter('mandatory', 0)).toBe(0);
    expect(() => filter('mandatory', new Undefined("'x' is undefined", 'x'))).toThrow("Mandatory variable 'x'  not defined.");
  });

  it('to_datetime values subtract to a timedelta with days and total_seconds()', () => {
    const a = filter('to_datetime', '2024-03-01 12:00:00') as PyDatetime;
    const b = filter('to_datetime', '2024-02-28 11:30:00') as PyDatetime;
    const delta = a.minus(b);
    expect(delta.days).toBe(2);
    expect(delta.total_seconds()).toBe(2 * 86400 + 1800);
    expect(pyRepr(delta)).toBe('datetime.timedelta(days=2, seconds=1800)');
    expect(String(delta)).toBe('2 days, 0:30:00');
    expect(a.strftime('%d/%m/%Y')).toBe('01/03/2024');
  });

  it('to_json and to_yaml write datetimes like AnsibleJSONEncoder and SafeRepresenter', () => {
    const dt = filter('to_datetime', '2024-03-01 12:00:00');
    expect(filter('to_json', { t: dt })).toBe('{"t": "2024-03-01T12:00:00"}');
    expect(filter('to_yaml', { t: dt })).toBe("{t: ! '2024-03-01 12:00:00'}\n");
  });

  it('zip returns tuples, which render with parentheses', () => {
    expect(pyRepr(filter('zip', [1, 2], [['a', 'b']]))).toBe("[(1, 'a'), (2, 'b')]");
  });
});

describe('template lookup', () => {
  it('renders the file found under templates/ with ctx.render', () => {
    expect(lookup('template', ['greet.j2'], {}, fakeContext({ name: 'tsible' }))).toEqual(['Hello tsible!\n']);
  });
});
