// PyYAML's block output, as ansible-inventory --yaml prints it; expectations captured from PyYAML 6 (yaml.dump).
import { describe, expect, it } from 'vitest';
import { pyyamlDump } from '../../../src/inventory/pyyaml-dump.js';

const CASES: Array<[string, unknown, string]> = [
  [
    "wraps long plain and quoted strings at 80 columns, continuing 2 deeper",
    {"k": "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word end", "n": {"deep": {"x": "'word word word word word word word word word word word word word word word word word word word word end"}}},
    "k: word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word end\nn:\n  deep:\n    x: '''word word word word word word word word word word word word word word word\n      word word word word word end'\n",
  ],
  [
    "quotes strings that would read back as another type or as syntax",
    {"a": "yes", "b": "8080", "c": "", "d": "a: b", "e": "#x", "f": "- x", "g": " lead", "h": "2020-01-01", "i": "0755", "j": "~", "k": "a:b", "l": "it's"},
    "a: 'yes'\nb: '8080'\nc: ''\nd: 'a: b'\ne: '#x'\nf: '- x'\ng: ' lead'\nh: '2020-01-01'\ni: '0755'\nj: '~'\nk: a:b\nl: it's\n",
  ],
  [
    "writes line breaks and control characters as PyYAML does",
    {"ml": "a\nb", "tab": "a\tb", "ctrl": "a\u0001b", "u": "h\u00e9llo"},
    "ctrl: \"a\\x01b\"\nml: 'a\n\n  b'\ntab: \"a\\tb\"\nu: h\u00e9llo\n",
  ],
  [
    "lays out nested collections in block style, sequences in mappings unindented",
    {"lst": [{"a": 1, "b": [1, 2]}, [1, 2], [], {}], "empty": {}, "none": null, "f": 1.5, "t": true},
    "empty: {}\nf: 1.5\nlst:\n- a: 1\n  b:\n  - 1\n  - 2\n- - 1\n  - 2\n- []\n- {}\nnone: null\nt: true\n",
  ],
];

describe('pyyamlDump', () => {
  it.each(CASES)('%s', (_name, value, expected) => {
    expect(pyyamlDump(value)).toBe(expected);
  });

  it('anchors an object met twice (&id001) and aliases it after, numbered in output order', () => {
    const shared = { z: 1 };
    const list = [1, 2];
    expect(pyyamlDump({ h1: { d: shared, l: list }, h2: { d: shared, l: list }, h3: { d: shared } })).toBe(
      'h1:\n  d: &id001\n    z: 1\n  l: &id002\n  - 1\n  - 2\nh2:\n  d: *id001\n  l: *id002\nh3:\n  d: *id001\n',
    );
  });

  it('writes an empty mapping as {}', () => {
    expect(pyyamlDump({})).toBe('{}\n');
  });
});
