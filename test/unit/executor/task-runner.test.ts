// ansible_search_path: where a task's lookups find relative files (its role, its own dir, then the playbook's).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlaybook } from './playbook-run.js';

describe('a role task', () => {
  it("finds files in its role's files/ from a lookup in its arguments and in its loop", async () => {
    const { code, out, dir } = await runPlaybook({
      'roles/r1/files/data.txt': 'from the role\n',
      'roles/r1/tasks/main.yml': `- debug: msg="{{ lookup('file', 'data.txt') }}"\n- debug: msg="{{ item }}"\n  loop: "{{ q('file', 'data.txt') }}"\n- debug: var=ansible_search_path\n`,
      'play.yml': `- hosts: localhost\n  gather_facts: no\n  roles: [r1]\n`,
    });
    expect(code).toBe(0);
    expect(out).toContain('"msg": "from the role"');
    expect(out).toContain('(item=from the role)');
    expect(out).toContain(JSON.stringify({ ansible_search_path: [join(dir, 'roles/r1'), join(dir, 'roles/r1/tasks'), dir] }, null, 4).slice(2, -2));
  });
});

describe('a role template', () => {
  it("imports another template from the role's templates/ by its bare name", async () => {
    const { code, out, dir } = await runPlaybook({
      'roles/r1/templates/main.j2': "{% import 'lib' as lib with context %}{{ lib.greeting }}\n",
      'roles/r1/templates/lib': '{% set greeting = "hello from lib" %}\n',
      'roles/r1/tasks/main.yml': `- template: src=main.j2 dest={{ out }}\n- debug: msg="{{ lookup('file', out) }}"\n`,
      'play.yml': `- hosts: localhost\n  gather_facts: no\n  vars:\n    out: "{{ playbook_dir }}/rendered.txt"\n  roles: [r1]\n`,
    });
    expect(code, out).toBe(0);
    expect(out).toContain('"msg": "hello from lib"');
    expect(dir).not.toBe('');
  });
});
