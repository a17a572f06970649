import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/parsing/parse-error.js';
import { loadYaml11 } from '../../../src/parsing/yaml-11.js';

const load = (text: string, warnings: string[] = []): unknown => loadYaml11(text, 'vars.yml', (m) => warnings.push(m));

describe('loadYaml11 (PyYAML typing, as Ansible loads YAML)', () => {
  it('reads 0644 as octal, yes/no/on/off as booleans, 1:20 as base 60', () => {
    expect(load('a: 0644\nb: yes\nc: off\nd: 1:20\ne: 0x1A\nf: 1_000\ng: 0b11')).toEqual({
      a: 420, b: true, c: false, d: 80, e: 26, f: 1000, g: 3,
    });
  });

  it('keeps y/n, 1e3, 0o17, 09 and -.5 as strings, as PyYAML does', () => {
    expect(load('a: y\nb: n\nc: 1e3\nd: 0o17\ne: 09\nf: -.5')).toEqual({ a: 'y', b: 'n', c: '1e3', d: '0o17', e: '09', f: '-.5' });
  });

  it('reads floats that have a dot, and ~ as null', () => {
    expect(load('a: .5\nb: 1.5e+3\nc: 1.\nd: ~\ne: null\nf:')).toEqual({ a: 0.5, b: 1500, c: 1, d: null, e: null, f: null });
  });

  it("keeps dates as the text Python's str() gives", () => {
    expect(load('d: 2001-12-14\nt: 2001-12-14 21:59:43.10 -5')).toEqual({ d: '2001-12-14', t: '2001-12-14 21:59:43.100000-05:00' });
  });

  it('reads JSON first, like Ansible', () => {
    expect(load('{"mode": "0644", "n": 1}')).toEqual({ mode: '0644', n: 1 });
  });

  it('supports merge keys, !unsafe and !vault', () => {
    expect(load('base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\nu: !unsafe "{{ x }}"\nv: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n')).toEqual({
      base: { x: 1 },
      use: { x: 1, y: 2 },
      u: '{% raw %}{{ x }}{% endraw %}', // templating it gives back '{{ x }}': never rendered
      v: { __ansible_vault: '$ANSIBLE_VAULT;1.1;AES256\n6162\n' },
    });
  });

  it('warns about duplicate keys and keeps the last value', () => {
    const warnings: string[] = [];
    expect(load('top:\n  a: 1\n  a: 2\n', warnings)).toEqual({ top: { a: 2 } });
    expect(warnings).toEqual([
      'While constructing a mapping from vars.yml, line 2, column 3, found a duplicate dict key (a). Using last defined value only.',
    ]);
  });

  it('names file, line and column of a syntax error', () => {
    expect(() => load('a: [1\nb: 2\n')).toThrow(ParseError);
    expect(() => load('a: [1\nb: 2\n')).toThrow(/\(vars\.yml, line 2, column 1\)/);
  });
});
