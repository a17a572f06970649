import { describe, expect, it } from 'vitest';
import { iniValue, literalEval } from '../../../src/inventory/literal-eval.js';

describe('iniValue (Python ast.literal_eval, as the INI plugin applies it)', () => {
  it('types numbers, booleans and None like Python', () => {
    expect(iniValue('5')).toBe(5);
    expect(iniValue('-5')).toBe(-5);
    expect(iniValue('1.5')).toBe(1.5);
    expect(iniValue('1e3')).toBe(1000);
    expect(iniValue('0x1F')).toBe(31);
    expect(iniValue('0o17')).toBe(15);
    expect(iniValue('0b101')).toBe(5);
    expect(iniValue('1_000')).toBe(1000);
    expect(iniValue('True')).toBe(true);
    expect(iniValue('False')).toBe(false);
    expect(iniValue('None')).toBeNull();
  });

  it('keeps YAML-ish and shell-ish words as strings', () => {
    for (const word of ['yes', 'no', 'true', 'FALSE', 'none', 'hello world', '/usr/bin/python3', '192.168.1.1', '~/x']) {
      expect(iniValue(word)).toBe(word);
    }
  });

  it('rejects leading zeros in integers, so 007 stays a string', () => {
    expect(iniValue('007')).toBe('007');
    expect(iniValue('00')).toBe(0);
    expect(iniValue('01.5')).toBe(1.5);
  });

  it('unquotes Python string literals, with escapes and implicit concatenation', () => {
    expect(iniValue("'42'")).toBe('42');
    expect(iniValue('"a\\tb"')).toBe('a\tb');
    expect(iniValue("r'a\\tb'")).toBe('a\\tb');
    expect(iniValue("'\\x41\\u00e9'")).toBe('Aé');
    expect(iniValue("'a' 'b'")).toBe('ab');
    expect(iniValue("'03#pa33w0rd'")).toBe('03#pa33w0rd');
  });

  it('builds lists, tuples and dicts of literals', () => {
    expect(iniValue('[1, 2,]')).toEqual([1, 2]);
    expect(iniValue('(1,)')).toEqual([1]);
    expect(iniValue('1, 2')).toEqual([1, 2]);
    expect(iniValue('()')).toEqual([]);
    expect(iniValue("{'a': [1, (2, 3)], 'b': None}")).toEqual({ a: [1, [2, 3]], b: null });
    expect(iniValue('{1: "one"}')).toEqual({ 1: 'one' });
  });

  it('ignores a trailing Python comment but keeps text that is no literal, comment and all', () => {
    expect(iniValue('42 # the answer')).toBe(42);
    expect(iniValue('hello world  # not a comment?')).toBe('hello world  # not a comment?');
  });

  it('treats expressions, names and calls as text', () => {
    for (const text of ['1+2', 'a.b', 'foo(1)', '--5', '-True', 'f"x"', '[1, 2', '"unterminated', '1 2', 'set([1])']) {
      expect(literalEval(text).ok).toBe(false);
    }
    expect(iniValue('-(5)')).toBe(-5);
  });

  it('keeps what has no JSON form as text (complex numbers) or as a list (sets)', () => {
    expect(iniValue('1j')).toBe('1j');
    expect(iniValue('{1, 2, 2}')).toEqual([1, 2]);
    expect(iniValue('set()')).toEqual([]);
  });
});
