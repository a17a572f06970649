import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../src/playbook/load.js';

function playbook(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tsible-pb-')), 'site.yml');
  writeFileSync(file, text);
  return file;
}

const noWarn = (): void => {};

describe('loading a playbook', () => {
  it('reads plays and tasks in every argument form', () => {
    const file = playbook(`- name: p
  hosts: web,db
  gather_facts: no
  vars: { port: 80 }
  tasks:
    - shell: echo hi chdir=/tmp
    - name: dict form
      command:
        argv: [ls, -l]
    - name: with args
      command: make
      args: { chdir: /src }
      register: out
      ignore_errors: yes
`);
    const [play] = loadPlaybook(file, noWarn);
    expect(play?.hosts).toEqual(['web', 'db']);
    expect(play?.gatherFacts).toBe(false);
    const tasks = (play?.sections[1] ?? []).flatMap((item) => (item.kind === 'task' ? [item] : []));
    expect(tasks.map((t) => [t.action, t.args])).toEqual([
      ['shell', { _raw_params: 'echo hi', chdir: '/tmp' }],
      ['command', { argv: ['ls', '-l'] }],
      ['command', { _raw_params: 'make', chdir: '/src' }],
    ]);
    expect(tasks[2]).toMatchObject({ register: 'out', keywords: { ignoreErrors: true }, origin: { file, line: 10, column: 7 } });
    expect(play?.vars).toEqual({ port: 80 });
  });

  it('command-like modules take the command as cmd: too, but not besides free-form text', () => {
    const [play] = loadPlaybook(playbook('- hosts: all\n  tasks:\n    - command:\n        cmd: "true"\n        chdir: /tmp\n    - shell: { cmd: echo hi | tr h j }\n'), noWarn);
    const tasks = (play?.sections[1] ?? []).flatMap((item) => (item.kind === 'task' ? [item] : []));
    expect(tasks.map((t) => t.args)).toEqual([{ _raw_params: 'true', chdir: '/tmp' }, { _raw_params: 'echo hi | tr h j' }]);
    expect(() => loadPlaybook(playbook('- hosts: all\n  tasks:\n    - command: echo x\n      args: { cmd: echo hi }\n'), noWarn)).toThrow(/The 'cmd' argument cannot be used when other raw parameters are specified/);
  });

  it('a YAML syntax error names file, line, column and shows the line', () => {
    const file = playbook('- hosts: all\n  tasks:\n    - shell: echo\n   bad: indent\n');
    expect(() => loadPlaybook(file, noWarn)).toThrow(/Syntax Error while loading YAML\.[\s\S]*The error appears to be in '.*site\.yml': line 4, column \d+[\s\S]*   bad: indent/);
  });

  it('conflicting actions, unknown modules and bad literal arguments fail before any host is contacted', () => {
    expect(() => loadPlaybook(playbook('- hosts: all\n  tasks:\n    - shell: echo\n      bogus: 1\n'), noWarn)).toThrow(/conflicting action statements: shell, bogus[\s\S]*line 3, column 7/);
    expect(() => loadPlaybook(playbook('- hosts: all\n  tasks:\n    - shel: echo\n'), noWarn)).toThrow(/couldn't resolve module\/action 'shel'/);
    expect(() => loadPlaybook(playbook('- hosts: all\n  tasks:\n    - ping: data=x foo=1\n'), noWarn)).toThrow(/Unsupported parameters for \(ping\) module: foo\. Supported parameters include: data\./);
    expect(() => loadPlaybook(playbook('- hosts: all\n  tasks:\n    - ping: hello\n'), noWarn)).toThrow(/this task 'ping' has extra params/);
    expect(() => loadPlaybook(playbook('- tasks: []\n'), noWarn)).toThrow(/the field 'hosts' is required but was not set/);
  });

  it("names each of the 50 modules of Ansible's RAW_PARAM_MODULES once when a task has extra params", () => {
    let message = '';
    try {
      loadPlaybook(playbook('- hosts: all\n  tasks:\n    - debug: msg=h1 ran\n'), noWarn);
    } catch (err) {
      message = (err as Error).message;
    }
    const names = /only allowed in the following modules: (.*)/.exec(message)?.[1]?.split(', ') ?? [];
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
    expect(names).toEqual(expect.arrayContaining(['set_fact', 'ansible.legacy.meta', 'ansible.builtin.include_role', 'ansible.windows.win_shell', 'group_by']));
  });
});
