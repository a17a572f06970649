// type_debug says AnsibleUnsafeText for a string Ansible holds unsafe (ansible-core 2.14's template target, unsafe.yml).
import { describe, expect, it } from 'vitest';
import { templateValue } from '../../../src/template/index.js';
import { Unsafe } from '../../../src/template/values.js';
import { lazyVars } from '../../../src/vars/lazy-vars.js';

const vars = lazyVars({ registered: new Unsafe({ stdout: 'hi', lines: ['a'] }), plain: 'text' }, (value, view) => templateValue(value, view));

describe('type_debug of unsafe text', () => {
  it('is AnsibleUnsafeText for a string from an unsafe var or a lookup', () => {
    expect(templateValue('{{ registered.stdout | type_debug }}', vars)).toBe('AnsibleUnsafeText');
    expect(templateValue('{{ registered.lines[0] | type_debug }}', vars)).toBe('AnsibleUnsafeText');
    expect(templateValue("{{ lookup('list', ['a'])[0] | type_debug }}", vars)).toBe('AnsibleUnsafeText');
    expect(templateValue("{{ query('list', 'a')[0] | type_debug }}", vars)).toBe('AnsibleUnsafeText');
  });
  it('is str for text built from it, or from a safe var, or a lookup with allow_unsafe', () => {
    expect(templateValue("{{ (registered.stdout ~ 'x') | type_debug }}", vars)).toBe('str');
    expect(templateValue('{{ plain | type_debug }}', vars)).toBe('str');
    // allow_unsafe=True also keeps lookup()'s answer a list (Templar._lookup joins only what it marks)
    expect(templateValue("{{ lookup('items', 'a', allow_unsafe=True)[0] | type_debug }}", vars)).toBe('str');
  });
  it('keeps the container types', () => {
    expect(templateValue('{{ registered.lines | type_debug }}', vars)).toBe('list');
  });
  it('is str for a loop variable shadowing an unsafe var', () => {
    expect(templateValue("{% for registered in ['x'] %}{{ registered | type_debug }}{% endfor %}", vars)).toBe('str');
  });
});
