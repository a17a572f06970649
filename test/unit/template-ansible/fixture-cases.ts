// Loads the cases regen.py captured from real Ansible 2.14 and runs them against tsible's implementations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { ANSIBLE_FILTERS, ANSIBLE_LOOKUPS, ANSIBLE_TESTS } from '../../../src/template/ansible/index.js';
import { makeFloat, pyRepr, pyStr, Undefined } from '../../../src/template/values.js';
import type { TemplateContext } from '../../../src/template/values.js';

export interface FixtureCase {
  kind: 'filter' | 'test' | 'lookup';
  name: string;
  input: unknown;
  args: unknown[];
  kwargs: Record<string, unknown>;
  vars?: Record<string, unknown>;
  env?: Record<string, string>;
  post?: 'str';
  /** a difference from Ansible that is accepted for now, and why */
  known?: string;
  repr?: string;
  error?: string;
  errorType?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_FILES = path.join(here, 'fixtures', 'files');

export function loadCases(): FixtureCase[] {
  return JSON.parse(readFileSync(path.join(here, 'fixtures', 'ansible-cases.json'), 'utf8')) as FixtureCase[];
}

/** {"$float": 2} -> PyFloat(2); {"$int": "1234..."} -> bigint; {"$undefined": "x"} -> Undefined. */
export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === '$float') return makeFloat(Number(obj.$float));
    if (keys.length === 1 && keys[0] === '$int') return BigInt(String(obj.$int));
    if (keys.length === 1 && keys[0] === '$undefined') return new Undefined(`'${String(obj.$undefined)}' is undefined`, String(obj.$undefined));
    return Object.fromEntries(keys.map((k) => [k, decode(obj[k])]));
  }
  // Python reads 1e20 in the fixture as a float; JSON.parse gives an integral number
  return value;
}

/** A stand-in for the template engine: `{{ name }}` substitution is all the fixture templates use. */
export function fakeContext(vars: Record<string, unknown>): TemplateContext {
  const render = (text: string): string => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => pyStr(vars[name]));
  return {
    vars,
    basedir: FIXTURE_FILES,
    searchPath: [],
    render,
    template: (value) => (typeof value === 'string' ? render(value) : value),
    warn: () => undefined,
  };
}

/** Runs one case; returns Python's repr of the result (or throws what the implementation threw). */
export function runCase(c: FixtureCase): string {
  for (const [k, v] of Object.entries(c.env ?? {})) process.env[k] = v;
  const ctx = fakeContext(decode(c.vars ?? {}) as Record<string, unknown>);
  const input = decode(c.input);
  const args = decode(c.args) as unknown[];
  const kwargs = decode(c.kwargs) as Record<string, unknown>;
  if (c.kind === 'filter') {
    const fn = ANSIBLE_FILTERS[c.name];
    if (!fn) throw new Error(`no filter ${c.name}`);
    const result = fn(input, args, kwargs, ctx);
    // PyDatetime is outside the shared value model; its toString() is Python's str()
    return c.post === 'str' ? pyRepr(String(result)) : pyRepr(result);
  }
  if (c.kind === 'test') {
    const fn = ANSIBLE_TESTS[c.name];
    if (!fn) throw new Error(`no test ${c.name}`);
    return pyRepr(Boolean(fn(input, args, kwargs, ctx)));
  }
  const fn = ANSIBLE_LOOKUPS[c.name];
  if (!fn) throw new Error(`no lookup ${c.name}`);
  return pyRepr(fn(input as unknown[], kwargs, ctx));
}
