// Argument splitting compared with real Ansible 2.14 / Python (fixtures/expected.json, from fixtures/regen.sh).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shlexSplit } from '../../../src/parsing/shlex-split.js';
import { parseKv, splitArgs } from '../../../src/parsing/split-args.js';

type Outcome = { value: unknown } | { error: string };
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const expected = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as {
  split_args: Record<string, { split: Outcome; kv: Outcome; kv_raw: Outcome }>;
  shlex: Record<string, Outcome>;
};

function outcome(fn: () => unknown): Outcome {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Errors must match Ansible's text; a bare Python IndexError is reported with parse_kv's wording. */
function expectSame(got: Outcome, want: Outcome): void {
  if ('error' in want) {
    expect('error' in got).toBe(true);
    if (want.error !== 'list index out of range') expect(got).toEqual(want);
  } else {
    expect(got).toEqual(want);
  }
}

describe('splitArgs / parseKv match ansible.parsing.splitter', () => {
  for (const [input, want] of Object.entries(expected.split_args)) {
    it(JSON.stringify(input), () => {
      expectSame(outcome(() => splitArgs(input)), want.split);
      expectSame(outcome(() => parseKv(input)), want.kv);
      expectSame(outcome(() => parseKv(input, true)), want.kv_raw);
    });
  }
});

describe("shlexSplit matches Python's shlex.split(s, comments=True)", () => {
  for (const [input, want] of Object.entries(expected.shlex)) {
    it(JSON.stringify(input), () => {
      expect(outcome(() => shlexSplit(input, true))).toEqual(want);
    });
  }
});
