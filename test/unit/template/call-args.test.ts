// Calls with *args and **kwargs (Jinja's dyn_args/dyn_kwargs), and a lookup's terms templated again before it
// runs (listify_lookup_plugin_terms), unless they came from an unsafe value.
import { describe, expect, it } from 'vitest';
import { templateValue } from '../../../src/template/index.js';
import { Unsafe } from '../../../src/template/values.js';
import { lazyVars } from '../../../src/vars/lazy-vars.js';

// as the executor hands them over: raw values templated when read, a registered result held unsafe
const vars = lazyVars({ phrases: ['Hello', 'World'], kw: { d: '-' }, cmd: 'echo', registered: new Unsafe({ stdout: '{{ cmd }}' }) }, templateValue);

describe('*args and **kwargs in a call', () => {
  it('spreads a list into positional arguments, after keyword ones too', () => {
    expect(templateValue(`{{ lookup('list', wantlist=True, *phrases) }}`, vars)).toEqual(['Hello', 'World']);
    expect(templateValue(`{{ '{0} {1}'.format(*phrases) }}`, vars)).toBe('Hello World');
    expect(templateValue(`{{ range(*[1, 4]) | list }}`, vars)).toEqual([1, 2, 3]);
  });
  it('spreads a dict into keyword arguments', () => {
    expect(templateValue(`{{ phrases | join(**kw) }}`, vars)).toBe('Hello-World');
  });
  it('rejects a positional argument after *args as Jinja does', () => {
    expect(() => templateValue(`{{ lookup('list', *phrases, 'c') }}`, vars)).toThrow("template error while templating string: invalid syntax for function call expression. String: {{ lookup('list', *phrases, 'c') }}");
    expect(() => templateValue(`{{ dict(**kw, a=1) }}`, vars)).toThrow('invalid syntax for function call expression');
  });
  it('fails like Python on a spread of the wrong type', () => {
    expect(() => templateValue(`{{ dict(**phrases) }}`, vars)).toThrow('ansible.template.AnsibleContext.call() argument after ** must be a mapping, not list');
    expect(() => templateValue(`{{ range(*5) }}`, vars)).toThrow('ansible.template.AnsibleContext.call() argument after * must be an iterable, not int');
  });
});

describe("a lookup's terms", () => {
  it('are templated before the lookup runs', () => {
    expect(templateValue(`{{ lookup('list', '{{ cmd }} -c', wantlist=True) }}`, vars)).toEqual(['echo -c']);
    expect(templateValue(`{{ query('list', '{{ [1, 2] }}') }}`, vars)).toEqual([[1, 2]]);
  });
  it('are not templated again when they come from a registered result', () => {
    expect(templateValue(`{{ lookup('list', registered.stdout) }}`, vars)).toBe('{{ cmd }}');
  });
});
