// discovered_interpreter_python: which results carry it, and when the host keeps it (rules checked against
// ansible-playbook 2.14), on hosts reached through the scripted fake connection.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { statBlock, WHO } from '../modules/copy-probe-replies.js';
import { FakeConnection } from '../modules/fake-connection.js';

const opened: FakeConnection[] = [];

/** A host whose commands all succeed (rc 0, or 1 for /bin/false) and whose Python is /usr/bin/python3 (none on `nopy`). */
class PythonHost extends FakeConnection {
  constructor(private readonly name: string) {
    // copy's probe finds no file at its dest
    super((command) => (command.includes('/bin/false') ? { rc: 1 } : command.includes('umask') ? { stdout: `${WHO}\n${statBlock({ type: 'absent' })}\n` } : {}));
  }

  async python(): Promise<string | undefined> {
    return this.name === 'nopy' ? undefined : '/usr/bin/python3';
  }
}

vi.mock('../../../src/connection/open.js', () => ({
  openConnection: async (settings: { host: string }) => {
    const conn = new PythonHost(settings.host);
    opened.push(conn);
    return conn;
  },
}));

const INVENTORY = 'h1 ansible_host=192.0.2.1\nh2 ansible_host=192.0.2.2\nset ansible_host=192.0.2.3 ansible_python_interpreter=/usr/bin/python3\nnopy ansible_host=192.0.2.4\nauto ansible_host=192.0.2.5 ansible_python_interpreter=auto\n';

async function playbook(tasks: string, hosts = 'h1', ...extra: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-discovery-'));
  writeFileSync(join(dir, 'inv'), INVENTORY);
  writeFileSync(join(dir, 'play.yml'), `- hosts: ${hosts}\n  gather_facts: no\n  tasks:\n${tasks}`);
  let out = '';
  await run('tsible-playbook', ['-v', '-i', join(dir, 'inv'), join(dir, 'play.yml'), ...extra], { out: (t) => (out += t), err: () => {}, isTty: false, columns: 80 });
  return out;
}

/** The result lines of each task, `status [host]` and whether the fact came with it. */
function carried(out: string): string[] {
  return out.split('\n').filter((line) => /^(ok|changed|failed|fatal|skipping): /.test(line)).map((line) => `${line.slice(0, line.indexOf(']') + 1)}${line.includes('"discovered_interpreter_python": "/usr/bin/python3"') ? ' +python' : ''}`);
}

describe('discovered_interpreter_python', () => {
  it('comes with the first module result on a host, not with raw or controller-side tasks, and is then a fact', async () => {
    const out = await playbook('    - debug: msg=hi\n    - raw: echo hi\n    - command: echo one\n    - command: echo two\n    - debug: var=discovered_interpreter_python\n');
    expect(carried(out)).toEqual(['ok: [h1]', 'changed: [h1]', 'changed: [h1] +python', 'changed: [h1]', 'ok: [h1]']);
    expect(out).toContain('"discovered_interpreter_python": "/usr/bin/python3"\n}');
  });

  it('comes again after a failed task, ignored or not kept, and with a registered result', async () => {
    const out = await playbook('    - command: /bin/false\n      ignore_errors: true\n    - command: echo two\n      register: r\n    - debug: var=r.ansible_facts\n');
    expect(carried(out)).toEqual(['fatal: [h1] +python', 'changed: [h1] +python', 'ok: [h1]']);
    expect(out).toContain('"r.ansible_facts": {\n        "discovered_interpreter_python": "/usr/bin/python3"\n    }');
  });

  it('comes with the first item of a loop only, and a loop with a failed item keeps nothing', async () => {
    const out = await playbook('    - command: "{{ item }}"\n      loop: [/bin/true, /bin/false]\n      ignore_errors: true\n    - command: echo {{ item }}\n      loop: [1, 2]\n    - command: echo after\n');
    expect(carried(out)).toEqual(['changed: [h1] +python', 'failed: [h1]', 'changed: [h1] +python', 'changed: [h1]', 'changed: [h1]']);
  });

  it('never comes where ansible_python_interpreter is set, nor from a host without Python', async () => {
    expect(carried(await playbook('    - command: echo one\n', 'set,nopy')).sort()).toEqual(['changed: [nopy]', 'changed: [set]']);
  });

  it('never comes with an interpreter set by ANSIBLE_PYTHON_INTERPRETER (interpreter_python), unless the host sets auto', async () => {
    vi.stubEnv('ANSIBLE_PYTHON_INTERPRETER', '/usr/bin/python3');
    try {
      expect(carried(await playbook('    - command: echo one\n', 'h1,auto')).sort()).toEqual(['changed: [auto] +python', 'changed: [h1]']);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('stays with the task when delegated, and goes to the delegated host with delegate_facts', async () => {
    const out = await playbook('    - command: echo d\n      delegate_to: h2\n    - command: echo d\n      delegate_to: h2\n      delegate_facts: true\n    - command: echo d\n      delegate_to: h2\n      delegate_facts: true\n    - command: echo own\n');
    expect(carried(out)).toEqual(['changed: [h1 -> h2(192.0.2.2)]', 'changed: [h1 -> h2(192.0.2.2)] +python', 'changed: [h1 -> h2(192.0.2.2)]', 'changed: [h1] +python']);
  });

  it('does not come with a copy check mode reports as a change, and comes with the next module', async () => {
    const out = await playbook('    - copy: content=x dest=/tmp/x\n    - command: echo after\n      check_mode: false\n', 'h1', '--check');
    expect(carried(out)).toEqual(['changed: [h1]', 'changed: [h1] +python']);
  });

  it('is kept from a no_log task, whose registered result stays whole behind the censored output', async () => {
    const out = await playbook('    - command: echo secret\n      register: r\n      no_log: true\n    - command: echo after\n    - debug: var=r.cmd\n');
    expect(carried(out)).toEqual(['changed: [h1]', 'changed: [h1]', 'ok: [h1]']);
    expect(out).toContain('"censored"');
    expect(out).toContain('"r.cmd": [\n        "echo",\n        "secret"\n    ]');
  });

  it('costs no round trip of its own', async () => {
    opened.length = 0;
    await playbook('    - command: echo one\n');
    expect(opened[0]?.roundTrips.total).toBe(1);
  });
});
