// Since ansible-core 2.14 a var whose own template meets an undefined variable is itself undefined, and fails only
// when used (lazy_eval.yml); the message then names that var's template (undefined_var_info.yml).
import { describe, expect, it } from 'vitest';
import { evaluateExpression, templateValue } from '../../../src/template/index.js';
import { lazyVars } from '../../../src/vars/lazy-vars.js';

const vars = lazyVars({ foo: [], bar: '{{ foo[0] }}', deep_undefined: '{{ nested_undefined_variable }}', flag: true }, (value, view) => templateValue(value, view));

describe('a var whose template meets an undefined variable', () => {
  it('is undefined, not an error, until used', () => {
    expect(evaluateExpression('deep_undefined is undefined', vars)).toBe(true);
    expect(evaluateExpression('flag or deep_undefined', vars)).toBe(true);
    expect(templateValue("{{ deep_undefined | default('defaulted') }}", vars)).toBe('defaulted');
  });
  it('fails when used, naming its template and the original error', () => {
    expect(() => templateValue('{{ deep_undefined }}', vars)).toThrow("{{ nested_undefined_variable }}: 'nested_undefined_variable' is undefined. 'nested_undefined_variable' is undefined");
    expect(() => templateValue('{{ bar }}', vars)).toThrow('{{ foo[0] }}: list object has no element 0. list object has no element 0');
    expect(() => templateValue('{{ bar ~ "x" }}', vars)).toThrow('{{ foo[0] }}: list object has no element 0');
  });
});
