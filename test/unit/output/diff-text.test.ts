import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDiff, renderResultDiff, unifiedDiff } from '../../../src/output/diff-text.js';

// cases.json -> capture.py (real ansible-playbook --diff, module emit_diff) -> expected.json
const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'diff-text');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { name: string; diff: unknown }[];
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { name: string; printed: string }[];

describe('renderDiff matches what ansible-playbook --diff printed', () => {
  for (const [i, c] of cases.entries()) {
    it(c.name, () => {
      expect(renderDiff(c.diff)).toBe(expected[i]?.printed);
    });
  }
});

describe('renderDiff', () => {
  it('prints the lineinfile diff of the spec §7.4 sample verbatim', () => {
    const diff = [
      { before: 'line1\nline2\n', after: 'line1\nline2\nadded\n', before_header: '/play/diff.txt (content)', after_header: '/play/diff.txt (content)' },
      { before_header: '/play/diff.txt (file attributes)', after_header: '/play/diff.txt (file attributes)' },
    ];
    expect(renderDiff(diff)).toBe(['--- before: /play/diff.txt (content)', '+++ after: /play/diff.txt (content)', '@@ -1,2 +1,3 @@', ' line1', ' line2', '+added', '', ''].join('\n'));
  });

  it('colours +, - and @@ lines per line, like stringc', () => {
    const out = renderDiff({ before: 'a\n', after: 'b\n' }, { color: true });
    expect(out).toContain('\u001b[0;31m-a\u001b[0m\n\u001b[0;31m\u001b[0m');
    expect(out).toContain('\u001b[0;32m+b\u001b[0m');
    expect(out).toContain('\u001b[0;36m@@ -1 +1 @@\u001b[0m');
  });

  it('honours the context size', () => {
    expect(unifiedDiff(['1\n', '2\n', '3\n'], ['1\n', 'X\n', '3\n'], 'a', 'b', 0)).toEqual(['--- a\n', '+++ b\n', '@@ -2 +2 @@\n', '-2\n', '+X\n']);
  });

  it('prints only for changed results, and per item in loops', () => {
    const diff = { before: 'a\n', after: 'b\n' };
    expect(renderResultDiff({ changed: false, diff })).toBe('');
    expect(renderResultDiff({ changed: true, diff: [] })).toBe('');
    expect(renderResultDiff({ changed: true, results: [{ changed: true, diff }, { changed: false, diff }] })).toBe('--- before\n+++ after\n@@ -1 +1 @@\n-a\n+b\n\n');
  });
});
