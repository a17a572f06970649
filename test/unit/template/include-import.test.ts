// `{% include %}` and `{% import %}` as Jinja has them (ansible-core 2.14's template target, 6653 and 72262).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../src/template/index.js';

function templatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-include-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('{% include %} with or without context', () => {
  const dir = templatesDir({ 'item.j2': '[{{ x | default("none") }}]' });
  it('sees the loop variable of the including template with context (the default)', () => {
    expect(renderTemplate("{% for x in xs %}{% include 'item.j2' with context %}{% endfor %}", { xs: ['a', 'b'] }, { searchPath: [dir] })).toBe('[a][b]');
    expect(renderTemplate("{% for x in xs %}{% include 'item.j2' %}{% endfor %}", { xs: ['a'] }, { searchPath: [dir] })).toBe('[a]');
  });
  it('sees neither the loop variable nor the vars without context', () => {
    expect(renderTemplate("{% for x in xs %}{% include 'item.j2' without context %}{% endfor %}", { xs: ['a'], x: 'var' }, { searchPath: [dir] })).toBe('[none]');
  });
  it('takes ignore missing before the context clause', () => {
    expect(renderTemplate("{% include 'gone.j2' ignore missing with context %}ok", {}, { searchPath: [dir] })).toBe('ok');
  });
});

describe('{% import %}', () => {
  const dir = templatesDir({ 'vars.j2': '{% set test = "I\'m test variable" %}{% set _private = 1 %}', 'show.j2': '{{ vars.test }}' });
  it('exports the top-level {% set %} names of the imported template', () => {
    expect(renderTemplate("{% import 'vars.j2' as v %}{{ v.test }}", {}, { searchPath: [dir] })).toBe("I'm test variable");
  });
  it('keeps names starting with an underscore private', () => {
    expect(renderTemplate("{% import 'vars.j2' as v %}{{ v._private is defined }}", {}, { searchPath: [dir] })).toBe('False');
  });
  it('lets a template included from a macro read the imported module', () => {
    const source = "{% import 'vars.j2' as vars with context %}{% macro included() %}{% include 'show.j2' %}{% endmacro %}{{ included() }}";
    expect(renderTemplate(source, {}, { searchPath: [dir] })).toBe("I'm test variable");
  });
});
