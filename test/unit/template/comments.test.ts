// Jinja's comments (ansible-core 2.14's template target, corner_cases.yml): the first `#}` ends a comment, and a
// `#}` outside any comment is plain text.
import { describe, expect, it } from 'vitest';
import { templateValue } from '../../../src/template/index.js';

describe('{# comments #}', () => {
  const vars = { dont: 'I SHOULD NOT BE TEMPLATED' };
  it('end at the first #}, whatever {# or {{ they hold', () => {
    expect(templateValue('{# {{nothing}} {# #} + [dont]', vars)).toBe(' + [dont]');
  });
  it('leave a later #} as text', () => {
    expect(templateValue('{# {{nothing}} {# #} #} + [dont]', vars)).toBe(' #} + [dont]');
    expect(templateValue('a #} {{ 1 }}', vars)).toBe('a #} 1');
  });
  it('still fail when never closed', () => {
    expect(() => templateValue('{# open', vars)).toThrow();
  });
});
