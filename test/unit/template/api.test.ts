// The public templating API as the executor uses it: typed results, conditionals, the template module, errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, isTemplate, renderTemplate, templateValue } from '../../../src/template/index.js';
import { renderValue } from '../../../src/template/render.js';
import { PyFloat, TemplateError, UndefinedVariableError } from '../../../src/template/values.js';

const vars = { n: 5, s: 'text', l: [1, 2], d: { k: 'v' }, none: null, flag: true, f: 2.5 };

describe('templateValue (Templar.template)', () => {
  it('keeps the type of a lone {{ var }} for numbers, bools and None', () => {
    expect(templateValue('{{ n }}', vars)).toBe(5);
    expect(templateValue('{{ flag }}', vars)).toBe(true);
    expect(templateValue('{{ none }}', vars)).toBeNull();
    expect(templateValue('{{ f }}', vars)).toBe(2.5);
  });
  it('turns list/dict/bool-looking results into data and leaves other results strings', () => {
    expect(templateValue('{{ l }}', vars)).toEqual([1, 2]);
    expect(templateValue('{{ d }}', vars)).toEqual({ k: 'v' });
    expect(templateValue('{{ n + 1 }}', vars)).toBe('6');
    expect(templateValue('{{ n > 1 }}', vars)).toBe(true);
    expect(templateValue('{{ 4 / 2 }}', vars)).toBe('2.0');
    expect(templateValue('{{ d | to_json }}', vars)).toBe('{"k": "v"}');
  });
  it('walks lists and dicts and leaves non-templates alone', () => {
    expect(templateValue({ a: ['{{ s }}', 'plain', 3], b: { c: '{{ n * 2 }}' } }, vars)).toEqual({ a: ['text', 'plain', 3], b: { c: '10' } });
    expect(templateValue('no braces', vars)).toBe('no braces');
  });
  it('escapes backslashes inside {{ }} like playbook strings', () => {
    expect(templateValue("{{ 'a\\nb' }}", vars)).toBe('a\\nb');
    expect(renderTemplate("{{ 'a\\nb' }}", vars)).toBe('a\nb');
  });
  it('reads a lazy Proxy vars object by key only', () => {
    const seen: string[] = [];
    const lazy = new Proxy({} as Record<string, unknown>, {
      has: (_t, key) => key === 'x' || key === 'y',
      get: (_t, key) => (seen.push(String(key)), key === 'x' ? 1 : key === 'y' ? [String(key)] : undefined),
      ownKeys: () => {
        throw new Error('enumerated');
      },
    });
    expect(templateValue('{{ x + 1 }} {{ y | first }} {{ z | default(0) }}', lazy)).toBe('2 y 0');
    expect(seen).toContain('x');
  });
  it('raises Ansible undefined errors with the variable named', () => {
    expect(() => templateValue('{{ nope }}', vars)).toThrow(UndefinedVariableError);
    expect(() => templateValue('{{ nope }}', vars)).toThrow("'nope' is undefined");
    expect(() => templateValue('{{ d.missing }}', vars)).toThrow("'dict object' has no attribute 'missing'");
    expect(() => templateValue('{{ l[5] }}', vars)).toThrow('list object has no element 5');
    expect(templateValue('{{ nope.a.b is defined }}', vars)).toBe(false);
  });
  it('names the template string on syntax errors', () => {
    expect(() => templateValue('{{ n n }}', vars)).toThrow("template error while templating string: expected token 'end of print statement', got 'n'. String: {{ n n }}");
    expect(() => templateValue('{% do x %}', vars)).toThrow("Encountered unknown tag 'do'");
  });
  it('reports Python TypeErrors the way Ansible does', () => {
    expect(() => templateValue("{{ 'a' + 1 }}", vars)).toThrow(`Unexpected templating type error occurred on ({{ 'a' + 1 }}): can only concatenate str (not "int") to str`);
  });
  it('keeps render.ts working as a thin wrapper', () => {
    expect(renderValue({ x: '{{ n }}' }, vars)).toEqual({ x: 5 });
    expect(isTemplate('{# c #}')).toBe(true);
  });
});

describe('evaluateExpression (when/changed_when/until)', () => {
  it('gives the raw value', () => {
    expect(evaluateExpression('n > 3', vars)).toBe(true);
    expect(evaluateExpression('l', vars)).toEqual([1, 2]);
    expect(evaluateExpression('s == "text" and flag', vars)).toBe(true);
    expect(evaluateExpression('nope is defined', vars)).toBe(false);
    expect(evaluateExpression('{{ n }} == 5', vars)).toBe(true);
  });
  it('fails on undefined names like Ansible', () => {
    expect(() => evaluateExpression('nope', vars)).toThrow(UndefinedVariableError);
    expect(() => evaluateExpression('nope == 1', vars)).toThrow("'nope' is undefined");
  });
});

describe('renderTemplate (template module)', () => {
  it('keeps trailing newlines and trims blocks', () => {
    expect(renderTemplate('{% for x in l %}\n{{ x }}\n{% endfor %}\n', vars)).toBe('1\n2\n');
    expect(renderTemplate('a\n\n', vars)).toBe('a\n\n');
  });
  it('renders floats, None and data the Python way', () => {
    expect(renderTemplate('{{ 4 / 2 }} {{ none }} {{ [none, flag] }} {{ d }}', vars)).toBe("2.0  [None, True] {'k': 'v'}");
    expect(templateValue('{{ 4 / 2 }}', vars)).not.toBeInstanceOf(PyFloat);
  });
  it('includes and imports templates from the search path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-tpl-'));
    writeFileSync(join(dir, 'part.j2'), 'part {{ n }}\n');
    writeFileSync(join(dir, 'lib.j2'), '{% macro hi(x) %}hi {{ x }}{% endmacro %}');
    expect(renderTemplate("{% include 'part.j2' %}{% from 'lib.j2' import hi %}{{ hi(s) }}", vars, { searchPath: [dir] })).toBe('part 5hi text');
  });
  it('names the file and line of a syntax error', () => {
    expect(() => renderTemplate('ok\n{{ x y }}\n', vars, { file: 'roles/web/templates/site.j2' })).toThrow(/File "roles\/web\/templates\/site.j2", line 2/);
    expect(() => renderTemplate('ok\n{{ x y }}\n', vars, { file: 'site.j2' })).toThrow(TemplateError);
  });
});
