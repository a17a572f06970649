// How Ansible's unsafe marks flow through templating (ansible-core 2.14, AnsibleContext.unsafe): a result is unsafe
// when a var it read holds an unsafe value or a lookup answered; a var holding one is never templated again.
import { describe, expect, it } from 'vitest';
import { templateMarked, templateValue } from '../../../src/template/index.js';
import { Unsafe } from '../../../src/template/values.js';
import { loadYaml11 } from '../../../src/parsing/yaml-11.js';
import { lazyVars } from '../../../src/vars/lazy-vars.js';
import { overlayVars } from '../../../src/vars/overlay.js';

const TEXT = '{{ 1 + 1 }}';
const view = (raw: Record<string, unknown>): Record<string, unknown> => lazyVars(raw, templateValue);

describe('what a template reads makes its result unsafe', () => {
  const vars = view({
    registered: new Unsafe({ stdout: TEXT, rc: 0 }),
    counts: new Unsafe([1, 2]),
    plain: 'text',
    derived: '{{ registered.stdout }}',
    tagged: (loadYaml11(`t: !unsafe '${TEXT}'`, 'vars.yml', () => undefined) as { t: string }).t,
  });

  it('a string built from an unsafe var, or from a var whose own template read one, is unsafe', () => {
    expect(templateMarked('x{{ registered.stdout }}', vars)).toEqual(new Unsafe(`x${TEXT}`));
    expect(templateMarked('{{ derived }}', vars)).toEqual(new Unsafe(TEXT));
    expect(templateMarked('{{ tagged }}', vars)).toEqual(new Unsafe(TEXT));
  });

  it('a string from safe vars and literals is safe, even when it holds template text', () => {
    expect(templateMarked(`{{ '${TEXT}' }}`, vars)).toBe(TEXT);
    expect(templateMarked('{{ plain | upper }}', vars)).toBe('TEXT');
  });

  it('an unsafe value without text (numbers only) leaves the result safe, as wrap_var marks text only', () => {
    expect(templateMarked('{{ counts | sum }}', vars)).toBe('3');
  });

  it('a lookup that answers makes it unsafe, unless allow_unsafe=True or it answered nothing', () => {
    expect(templateMarked("{{ lookup('items', 'a') }}", vars)).toEqual(new Unsafe('a'));
    // Templar._lookup joins only an answer it marks: allowed unsafe, lookup() gives the list
    expect(templateMarked("{{ lookup('items', 'a', allow_unsafe=True) }}", vars)).toEqual(['a']);
    expect(templateMarked("{{ query('items', []) | length }}", vars)).toBe('0');
  });

  it('marks each string of a list or dict on its own', () => {
    expect(templateMarked(['{{ plain }}', '{{ registered.stdout }}'], vars)).toEqual(['text', new Unsafe(TEXT)]);
  });
});

describe('reading a var', () => {
  it('templates a safe value again, never an unsafe one or the unsafe part of a list', () => {
    const vars = view({ safe: TEXT, held: new Unsafe(TEXT), both: [new Unsafe(TEXT), TEXT] });
    expect(templateValue('{{ safe }}', vars)).toBe('2');
    expect(templateValue('{{ held }}', vars)).toBe(TEXT);
    expect(vars.both).toEqual([TEXT, '2']);
  });

  it('an unsafe loop item on top of the vars is handed out plain, and what reads it is unsafe', () => {
    const vars = overlayVars(view({ plain: 'text' }), { item: new Unsafe({ key: 'foo', value: TEXT }) });
    expect(vars.item).toEqual({ key: 'foo', value: TEXT });
    expect(templateMarked('{{ item.value }}', vars)).toEqual(new Unsafe(TEXT));
    expect(templateMarked('{{ plain }}', vars)).toBe('text');
  });

  it('type_debug says AnsibleUnsafeText for a var whose template read an unsafe value', () => {
    const vars = view({ registered: new Unsafe({ stdout: 'hi' }), derived: '{{ registered.stdout }}', plain: '{{ "hi" }}' });
    expect(templateValue('{{ derived | type_debug }}', vars)).toBe('AnsibleUnsafeText');
    expect(templateValue('{{ plain | type_debug }}', vars)).toBe('str');
  });
});
