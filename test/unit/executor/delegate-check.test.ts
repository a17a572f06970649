// delegate_to is templated before the task's banner (VariableManager._get_delegated_vars): an unknown filter
// there ends the run with ERROR! and exit 1, no recap (ansible-core 2.14's template target, filter_plugins.yml);
// an undefined variable is left for the task to fail on.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';

async function playbook(tasks: string): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-delegate-'));
  mkdirSync(join(dir, 'roles', 'role_filter', 'tasks'), { recursive: true });
  writeFileSync(join(dir, 'roles', 'role_filter', 'tasks', 'main.yml'), `- name: test\n  debug: msg=hello\n  delegate_to: "{{ '127.0.0.1' | parse_ip }}"\n`);
  writeFileSync(join(dir, 'inv'), 'localhost ansible_connection=local\n');
  writeFileSync(join(dir, 'play.yml'), `- hosts: localhost\n  gather_facts: no\n  tasks:\n${tasks}`);
  let out = '';
  let err = '';
  const code = await run('tsible-playbook', ['-i', join(dir, 'inv'), join(dir, 'play.yml')], { out: (t) => (out += t), err: (t) => (err += t), isTty: false, columns: 80 });
  return { code, out, err };
}

describe('delegate_to templated before the task runs', () => {
  it('ends the run with ERROR! on an unknown filter, before the banner', async () => {
    const { code, out, err } = await playbook(`    - debug: msg=first\n    - name: second\n      debug: msg=never\n      delegate_to: "{{ '127.0.0.1' | parse_ip }}"\n`);
    expect(code).toBe(1);
    expect(err).toContain(`ERROR! template error while templating string: Could not load "parse_ip": 'parse_ip'. String: {{ '127.0.0.1' | parse_ip }}. Could not load "parse_ip": 'parse_ip'`);
    expect(out).not.toContain('TASK [second]');
    expect(out).not.toContain('PLAY RECAP');
  });
  it('leaves an undefined variable for the task to fail on', async () => {
    const { code, out } = await playbook(`    - name: second\n      debug: msg=never\n      delegate_to: "{{ nowhere }}"\n`);
    expect(code).toBe(2);
    expect(out).toContain('TASK [second]');
    expect(out).toContain("'nowhere' is undefined");
  });
});

describe('an unnamed include_role', () => {
  it('is called include_role : <role> in its banner, and its role task ends the run the same way', async () => {
    const { code, out, err } = await playbook(`    - include_role:\n        name: role_filter\n`);
    expect(out).toContain('TASK [include_role : role_filter]');
    expect(out).not.toContain('TASK [role_filter : test]');
    expect(err).toContain('ERROR! template error while templating string');
    expect(code).toBe(1);
  });
});
