// The 80 probe templates of spec/artifacts/jinja, rendered by Ansible's Templar (fixtures/jinja_out.json):
// tsible's templateValue must give the same result, or an error of the same class and message start.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateValue } from '../../../src/template/index.js';
import { pyRepr, TemplateError, UndefinedVariableError } from '../../../src/template/values.js';

const here = new URL('./fixtures/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', here), 'utf8')) as [string, string][];
const expected = JSON.parse(readFileSync(new URL('jinja_out.json', here), 'utf8')) as Record<string, string>;

// the vars of jinja_side.py
const vars = {
  d: { x: 1, y: 2 },
  n: null,
  users: [
    { name: 'bob', active: true },
    { name: 'al', active: false },
    { name: 'cy', active: true },
  ],
};

/** Python exception class names as tsible's error classes. */
const CLASS_OF: Record<string, string> = {
  AnsibleUndefinedVariable: 'UndefinedVariableError',
  AnsibleError: 'TemplateError',
  ValueError: 'TemplateError',
};

function run(src: string): string {
  try {
    const result = templateValue(src, vars);
    return typeof result === 'string' ? result : pyRepr(result);
  } catch (error) {
    if (error instanceof TemplateError) return `ERROR: ${error instanceof UndefinedVariableError ? 'UndefinedVariableError' : 'TemplateError'}: ${error.message.split('\n')[0]}`;
    throw error;
  }
}

describe('Ansible Templar probes', () => {
  for (const [name, src] of cases) {
    it(name, () => {
      const want = expected[name] as string;
      const got = run(src);
      const err = /^ERROR: (\w+): (.*)$/s.exec(want);
      if (err) {
        const ours = /^ERROR: (\w+): (.*)$/s.exec(got);
        expect(ours, `expected an error, got ${JSON.stringify(got)}`).not.toBeNull();
        expect(ours?.[1]).toBe(CLASS_OF[err[1] as string]);
        expect((err[2] as string).startsWith((ours?.[2] as string).slice(0, 100)) || (ours?.[2] as string).startsWith(err[2] as string), `${ours?.[2]} vs ${err[2]}`).toBe(true);
      } else {
        expect(got).toBe(want);
      }
    });
  }
});
