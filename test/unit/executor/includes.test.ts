// include_tasks in a loop: every include is announced before the first one runs, and the included tasks see
// the loop var, index_var and ansible_loop, but not ansible_loop_var (IncludedFile.process_include_results).
import { describe, expect, it } from 'vitest';
import { runPlaybook } from './playbook-run.js';

describe('include_tasks with a loop', () => {
  it('shows every included line first, then runs the included tasks with the loop vars', async () => {
    const { code, out } = await runPlaybook({
      'inc.yml': `- debug: msg="{{ item }} {{ my_idx }} {{ ansible_loop.index }} {{ ansible_loop_var | default('no loop var') }}"\n`,
      'play.yml': `- hosts: localhost\n  gather_facts: no\n  tasks:\n    - include_tasks: inc.yml\n      loop: [a, b]\n      loop_control:\n        index_var: my_idx\n        extended: true\n        label: "L{{ my_idx }}"\n`,
    });
    expect(code).toBe(0);
    const included = out.indexOf('included: ');
    expect(out.slice(included, out.indexOf('TASK [debug]'))).toMatch(/inc\.yml for localhost => \(item=L0\)\nincluded: .*inc\.yml for localhost => \(item=L1\)\n/);
    expect(out).toContain('"msg": "a 0 1 no loop var"');
    expect(out).toContain('"msg": "b 1 2 no loop var"');
  });
  it('announces the later includes even when the first one fails the host', async () => {
    const { code, out } = await runPlaybook({
      'inc.yml': `- fail: msg="stop at {{ item }}"\n`,
      'play.yml': `- hosts: localhost\n  gather_facts: no\n  tasks:\n    - include_tasks: inc.yml\n      loop: [a, b]\n`,
    });
    expect(code).toBe(2);
    expect(out).toMatch(/\(item=a\)\nincluded: .* \(item=b\)\n\nTASK \[fail\]/);
    expect(out).toContain('stop at a');
    expect(out).not.toContain('stop at b');
  });
});

describe('an include_tasks whose file is missing', () => {
  it('fails the host with the path it looked for, past ignore_errors, and no later play starts', async () => {
    const { code, out, dir } = await runPlaybook({
      'play.yml': `- hosts: localhost\n  gather_facts: no\n  tasks:\n    - include_tasks: nowhere.yml\n      ignore_errors: true\n- name: second\n  hosts: localhost\n  gather_facts: no\n  tasks:\n    - debug: msg=\"second play\"\n`,
    });
    expect(code).toBe(2);
    expect(out).toContain(`fatal: [localhost]: FAILED! => {"reason": "Could not find or access '${dir}/nowhere.yml' on the Ansible Controller."}`);
    expect(out).not.toContain('...ignoring');
    expect(out).not.toContain('PLAY [second]');
    expect(out).toMatch(/localhost +: ok=0 +changed=0 +unreachable=0 +failed=1 +skipped=0 +rescued=0 +ignored=0/);
  });
  it('counts as failed, not rescued, though the rescue runs', async () => {
    const { out } = await runPlaybook({
      'play.yml': `- hosts: localhost\n  gather_facts: no\n  tasks:\n    - block:\n        - include_tasks: nowhere.yml\n      rescue:\n        - debug: msg=\"rescue ran\"\n`,
    });
    expect(out).toContain('"msg": "rescue ran"');
    expect(out).toMatch(/localhost +: ok=1 +changed=0 +unreachable=0 +failed=1 +skipped=0 +rescued=0 +ignored=0/);
  });
});
