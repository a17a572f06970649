import { describe, expect, it } from 'vitest';
import { templar } from '../../../src/executor/templar.js';
import { collectVars } from '../../../src/vars/collect.js';
import { mergeHash } from '../../../src/vars/combine.js';
import { lazyVars, templateFree } from '../../../src/vars/lazy-vars.js';
import { hostvarsView } from '../../../src/vars/magic-vars.js';

describe('variable precedence', () => {
  it('extra vars beat set_fact beat task vars beat play vars beat inventory beat role defaults', () => {
    const levels = {
      roleDefaults: { a: 'default', b: 'default', c: 'default', d: 'default', e: 'default', f: 'default' },
      inventory: { b: 'inventory', c: 'inventory', d: 'inventory', e: 'inventory', f: 'inventory' },
      playVars: { c: 'play', d: 'play', e: 'play', f: 'play' },
      taskVars: { d: 'task', e: 'task', f: 'task' },
      hostFacts: { e: 'set_fact', f: 'set_fact' },
      extraVars: { f: 'extra' },
    };
    expect(collectVars(levels, {})).toEqual({ a: 'default', b: 'inventory', c: 'play', d: 'task', e: 'set_fact', f: 'extra' });
  });

  it('hash_behaviour=merge merges dicts recursively and still replaces lists', () => {
    const levels = { inventory: { cfg: { a: 1, nested: { x: 1 }, list: [1, 2] } }, playVars: { cfg: { b: 2, nested: { y: 2 }, list: [3] } } };
    expect(collectVars(levels, {}, 'replace').cfg).toEqual({ b: 2, nested: { y: 2 }, list: [3] });
    expect(collectVars(levels, {}, 'merge').cfg).toEqual({ a: 1, b: 2, nested: { x: 1, y: 2 }, list: [3] });
    expect(mergeHash({ a: { b: 1 } }, { a: 2 })).toEqual({ a: 2 });
  });

  it('facts are visible under the names the module gave them, and under ansible_facts without the prefix', () => {
    const vars = collectVars({ facts: { ansible_hostname: 'web1', ansible_local: {}, module_setup: true } }, {});
    expect(vars.ansible_hostname).toBe('web1');
    expect(vars.module_setup).toBe(true);
    expect(vars.ansible_facts).toEqual({ hostname: 'web1', ansible_local: {}, module_setup: true });
  });
});

describe('lazy templating', () => {
  it('a var may use a var defined at any level, in any order', () => {
    const vars = lazyVars({ url: 'http://{{ host }}:{{ port }}/', host: '{{ name }}.lab', name: 'web', port: 8080 }, templar.template);
    expect(vars.url).toBe('http://web.lab:8080/');
  });

  it('a var that needs itself is a clear error naming the chain', () => {
    const vars = lazyVars({ a: '{{ b }}', b: '{{ a }}' }, templar.template);
    expect(() => vars.a).toThrow(/recursive loop detected in template string: \{\{ b \}\} \(a -> b -> a\)/);
  });

  it('hostvars builds a host view only when a template reads it', () => {
    const built: string[] = [];
    const hostvars = hostvarsView(['h1', 'h2', 'h3'], (host) => {
      built.push(host);
      return { who: host };
    });
    expect('h2' in hostvars).toBe(true);
    expect((hostvars.h2 as { who: string }).who).toBe('h2');
    expect((hostvars.h2 as { who: string }).who).toBe('h2');
    expect(hostvars.nope).toBeUndefined();
    expect(built).toEqual(['h2']);
  });

  it('reading hostvars or groups through a host\'s vars walks no other host (no work quadratic in the host count)', () => {
    const built: string[] = [];
    const names = Array.from({ length: 500 }, (_, i) => `h${i}`);
    const hostvars = hostvarsView(names, (host) => {
      built.push(host);
      return { who: host, greeting: '{{ who }}' };
    });
    const vars = lazyVars({ hostvars, groups: groupsLike(names), me: '{{ hostvars.h7.who }}' }, templar.template);
    expect(vars.hostvars).toBe(hostvars);
    expect(vars.me).toBe('h7');
    expect(built).toEqual(['h7']);
  });

  it('reading hostvars from a host\'s vars builds no other host\'s vars (no hosts x hosts work per template)', () => {
    const built: string[] = [];
    const hostvars = hostvarsView(['h1', 'h2', 'h3'], (host) => {
      built.push(host);
      return lazyVars({ who: host, greeting: 'hi {{ who }}' }, templar.template);
    });
    const vars = lazyVars({ hostvars, mine: '{{ hostvars.h3.greeting }}' }, templar.template);
    const copy = { ...vars };
    expect(copy.hostvars).toBe(hostvars);
    expect(built).toEqual(['h3']);
    expect(copy.mine).toBe('hi h3');
  });
});

function groupsLike(names: string[]): Record<string, string[]> {
  return templateFree({ all: names, web: names.slice(0, 10) });
}

describe('unsafe values', () => {
  it('a registered result containing {{ }} is handed out as it is, never templated', async () => {
    const { Unsafe } = await import('../../../src/vars/unsafe.js');
    const vars = lazyVars({ out: new Unsafe({ stdout: '{{ secret }}' }), secret: 'leaked' }, templar.template);
    expect(vars.out).toEqual({ stdout: '{{ secret }}' });
  });
});
