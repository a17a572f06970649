import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../../src/output/python-json.js';

// Expected strings are what Python 3's json.dumps(..., sort_keys=True, ensure_ascii=False) prints.
describe('pythonJsonDumps', () => {
  const value = { ping: 'pong', changed: false, list: [1, 'ü', null], empty: {}, none: [] };

  it('one line with Python separators', () => {
    expect(pythonJsonDumps(value)).toBe('{"changed": false, "empty": {}, "list": [1, "ü", null], "none": [], "ping": "pong"}');
  });

  it('indent=4 as the minimal callback prints', () => {
    expect(pythonJsonDumps({ b: [1, { d: 2 }], a: 'x' }, { indent: 4 })).toBe('{\n    "a": "x",\n    "b": [\n        1,\n        {\n            "d": 2\n        }\n    ]\n}');
  });

  it('indent=0 then newlines removed, as the oneline callback does', () => {
    expect(pythonJsonDumps({ ping: 'pong', changed: false }, { indent: 0 }).replace(/\n/g, '')).toBe('{"changed": false,"ping": "pong"}');
  });

  it('escapes control characters like Python', () => {
    expect(pythonJsonDumps('a\tb\n\u0001"')).toBe('"a\\tb\\n\\u0001\\""');
  });
});
