// A loop item sees what the items before it registered and set (TaskExecutor._execute updates the loop's vars).
import { describe, expect, it } from 'vitest';
import { runPlaybook } from './playbook-run.js';

const play = (tasks: string): string => `- hosts: localhost\n  gather_facts: no\n  tasks:\n${tasks}`;

describe('a loop item sees the items before it', () => {
  it('builds a list with set_fact item by item, paused or not', async () => {
    const { code, out } = await runPlaybook({
      'play.yml': play(`    - set_fact:\n        seen: "{{ seen | default([]) + [item] }}"\n      loop: [a, b, c]\n      loop_control:\n        pause: 0.1\n    - debug: msg="{{ seen | join(',') }}"\n`),
    });
    expect(code).toBe(0);
    expect(out).toContain('(item=c) => {"ansible_facts": {"seen": ["a", "b", "c"]}');
    expect(out).toContain('"msg": "a,b,c"');
  });
  it("sees the previous item's registered result under the register name", async () => {
    const { out } = await runPlaybook({
      'play.yml': play(`    - debug:\n        msg: "prev={{ r.msg | default('none') }}"\n      register: r\n      loop: [1, 2, 3]\n    - debug: msg="{{ r.results | length }}"\n`),
    });
    expect(out).toContain('"msg": "prev=prev=none"');
    expect(out).toContain('"msg": "prev=prev=prev=none"');
    expect(out).toContain('"msg": "3"');
  });
  it('does not carry what a skipped item would have set', async () => {
    const { out } = await runPlaybook({
      'play.yml': play(`    - set_fact:\n        seen: "{{ seen | default([]) + [item] }}"\n      loop: [a, b, c]\n      when: item != 'b'\n    - debug: msg="{{ seen | join(',') }}"\n`),
    });
    expect(out).toContain('"msg": "a,c"');
  });
});

describe('with_<lookup> given a dict', () => {
  it('loops over its keys with with_items, and fails with_list', async () => {
    const { out } = await runPlaybook({
      'play.yml': play(`    - debug: msg="{{ item }}"\n      with_items: "{{ d }}"\n      vars:\n        d: {k1: v1, k2: v2}\n    - debug: msg="{{ item }}"\n      with_list: "{{ {'k': 'v'} }}"\n      ignore_errors: true\n`),
    });
    expect(out).toContain('(item=k1)');
    expect(out).toContain('(item=k2)');
    expect(out).toContain('"msg": "with_list expects a list"');
  });
});

describe('set_fact', () => {
  it('templates its names, and hostvars leaves a value with an undefined var as written (issue 64169)', async () => {
    const { code, out } = await runPlaybook({
      'v.yml': `__foo:\n  - "foo{{ version_64169 }}"\n`,
      'play.yml': play(`    - include_vars: v.yml\n    - set_fact: "{{ item.key }}={{ hostvars[inventory_hostname][item.value] }}"\n      with_dict:\n        foo: __foo\n    - debug: msg="{{ foo[0] }}"\n`),
    });
    expect(code).toBe(0);
    expect(out).toContain('"msg": "foo{{ version_64169 }}"');
  });
});
