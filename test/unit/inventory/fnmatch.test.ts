import { describe, expect, it } from 'vitest';
import { fnmatchToRegExp } from '../../../src/inventory/fnmatch.js';

const matches = (pattern: string, name: string): boolean => fnmatchToRegExp(pattern).test(name);

describe('fnmatchToRegExp (Python fnmatch, as host patterns use it)', () => {
  it('matches * and ? and treats dots literally, case-sensitively', () => {
    expect(matches('web*.example.com', 'web01.example.com')).toBe(true);
    expect(matches('web*.example.com', 'web01xexample.com')).toBe(false);
    expect(matches('db?', 'db1')).toBe(true);
    expect(matches('db?', 'db12')).toBe(false);
    expect(matches('Web*', 'web1')).toBe(false);
  });

  it('supports [seq], [!seq] and ranges', () => {
    expect(matches('db-[ab]', 'db-a')).toBe(true);
    expect(matches('db-[!ab]', 'db-a')).toBe(false);
    expect(matches('db-[!ab]', 'db-c')).toBe(true);
    expect(matches('node[1-3]', 'node2')).toBe(true);
    expect(matches('node[1-3]', 'node4')).toBe(false);
    expect(matches('x[]]', 'x]')).toBe(true);
  });

  it('takes an unclosed [ literally', () => {
    expect(matches('web[1', 'web[1')).toBe(true);
  });
});
