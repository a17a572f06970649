// The same ad-hoc commands and the same playbook, run by Debian's ansible-core and by tsible on this
// machine (local connection): the output and the exit code must be the same.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansibleAvailable, ROOT, runCli, runCommand } from './cli.js';


// Timings differ between runs of any tool; nothing else may.
const normalise = (text: string): string =>
  text
    .replace(/ \d{2}:\d{2}:\d{2} up .*load average: [\d., ]+/g, ' <uptime>')
    .replace(/"(start|end)": "[\d-]+ [\d:.]+"/g, '"$1": "<time>"')
    .replace(/"delta": "[\d:.]+"/g, '"delta": "<delta>"');

const CASES: string[][] = [
  ['localhost', '-m', 'shell', '-a', 'echo hi; echo err >&2'],
  ['localhost', '-m', 'command', '-a', '/bin/false'],
  ['localhost', '-m', 'command', '-a', 'echo hi creates=/etc/passw?'],
  ['localhost', '-m', 'command', '-a', 'echo hi removes=/nonexistent'],
  ['localhost', '-m', 'command', '-a', 'nosuchcommand --flag'],
  ['localhost', '-m', 'command', '-a', 'pwd chdir=/nonexistent'],
  ['localhost', '-m', 'raw', '-a', 'echo raw'],
  ['localhost', '-m', 'shell', '-a', 'printf "a\\nb"', '-o'],
  ['localhost', '-m', 'shell', '-a', 'exit 3', '-o'],
  ['localhost', '-m', 'ping', '-a', 'foo=1'],
  ['localhost', '-m', 'nosuchmodule'],
  ['localhost', '-m', 'shell'],
  ['nosuchhost', '-m', 'ping'],
  ['localhost', '-m', 'command', '-a', 'echo {{ inventory_hostname }}'],
  // an inventory's localhost discovers its interpreter (the implicit one has Ansible's own)
  ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'ping'],
  ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'raw', '-a', 'echo raw'],
  ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'setup', '-a', 'filter=ansible_hostname'],
];

describe.runIf(ansibleAvailable())('side by side with ansible-core on localhost', () => {
  const home = mkdtempSync(join(tmpdir(), 'tsible-sbs-home-'));
  const env = { ANSIBLE_LOCALHOST_WARNING: 'True' };

  for (const args of CASES) {
    it(`ansible ${args.join(' ')}`, async () => {
      const [theirs, ours] = await Promise.all([runCommand('ansible', args, { home, env }), runCli('tsible', args, { home, env })]);
      expect(ours.code).toBe(theirs.code);
      // an options error prints the tool's own --help first; that text is the tool's, not a behaviour to copy
      if (theirs.code !== 5) expect(normalise(ours.stdout)).toBe(normalise(theirs.stdout));
      // argparse prints its whole --help before an options error; tsible prints a usage line: compare the error itself
      const errorLine = (text: string): string => (text.includes('ERROR!') ? text.slice(text.indexOf('ERROR!')) : text);
      expect(errorLine(ours.stderr)).toBe(errorLine(theirs.stderr));
      expect(ours.code).toBe(theirs.code);
    });
  }

  /** A fixture playbook run by both on `-i localhost,`: the output (timings aside) and the exit code must be the same. */
  const samePlaybook = async (fixture: string, ...extra: string[]): Promise<{ stdout: string; code: number }> => {
    const args = ['-i', 'localhost,', join(ROOT, 'test', 'integration', 'fixtures', fixture), ...extra];
    const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { home, env }), runCli('tsible-playbook', args, { home, env })]);
    expect(normalise(ours.stdout)).toBe(normalise(theirs.stdout));
    expect(ours.code).toBe(theirs.code);
    return ours;
  };

  it('a playbook with an ignored failure, a registered result and an undefined variable', async () => {
    expect((await samePlaybook('local-failures.yml')).code).toBe(2);
  });

  // What is not there stops the run before any task, with Ansible's words and its exit code 1 (an AnsibleError, not a
  // parser error): a role (in a play, in a role's dependencies), a task file, a vars file, an imported playbook.
  const MISSING: Record<string, string> = {
    'play role': '- hosts: localhost\n  gather_facts: false\n  roles:\n    - other\n    - nosuchrole\n',
    'dependency': '- hosts: localhost\n  gather_facts: false\n  roles: [needs-common]\n',
    'import_tasks': '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - import_tasks: nope.yml\n',
    'vars_files': '- hosts: localhost\n  gather_facts: false\n  vars: {x: nope}\n  vars_files: [[a.yml, b.yml]]\n  tasks:\n    - debug: msg=x\n',
    'import_playbook': '- import_playbook: nope.yml\n',
    // `- role : handler` unquoted is a mapping: Ansible names it as Python prints it
    'handler (named by a mapping)': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n    - command: /bin/true\n      notify:\n        - other : restart\n',
  };
  for (const [what, playbook] of Object.entries(MISSING)) {
    it(`a missing ${what}: the same error and exit code`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tsible-sbs-missing-'));
      for (const role of ['other', 'needs-common']) mkdirSync(join(dir, 'roles', role, 'meta'), { recursive: true });
      writeFileSync(join(dir, 'roles', 'needs-common', 'meta', 'main.yml'), 'dependencies:\n  - common\n');
      writeFileSync(join(dir, 'site.yml'), playbook);
      const args = ['-i', 'localhost,', 'site.yml'];
      const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { home, env, cwd: dir }), runCli('tsible-playbook', args, { home, env, cwd: dir })]);
      expect(ours.stderr).toBe(theirs.stderr);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(1);
      expect(theirs.code).toBe(1);
    });
  }

  it('strategy free: banners come with results (an include shows its own), names templated for the host', async () => {
    const { stdout } = await samePlaybook('free-strategy.yml', '-v');
    expect(stdout).toContain('TASK [first pv on localhost]');
    expect(stdout).toContain('TASK [include_tasks] ***');
  });

  it("the implicit localhost: the all group's vars, in hostvars, and the facts delegated to it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-sbs-implicit-'));
    writeFileSync(join(dir, 'inventory'), '[web]\nw1 ansible_connection=local\n[all:vars]\nfoo=allvar\n');
    writeFileSync(
      join(dir, 'site.yml'),
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        '    - debug: msg="{{ foo | default(0) }} {{ hostvars.localhost.foo | default(1) }} {{ \'localhost\' in hostvars }}"',
        '- hosts: web',
        '  gather_facts: false',
        '  tasks:',
        '    - set_fact: {x: "{{ inventory_hostname }}"}',
        '      delegate_to: localhost',
        '      delegate_facts: true',
        '    - debug: msg="{{ hostvars.localhost.x | default(\'none\') }} {{ hostvars.localhost.foo }}"',
        '',
      ].join('\n'),
    );
    const args = ['-i', 'inventory', 'site.yml'];
    const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { home, env, cwd: dir }), runCli('tsible-playbook', args, { home, env, cwd: dir })]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.code).toBe(theirs.code);
    expect(ours.stdout).toContain('"msg": "allvar allvar True"');
  });

  it("templates that do not parse fail with Jinja's words", async () => {
    const { stdout } = await samePlaybook('template-syntax-errors.yml');
    expect(stdout).toContain("Expected an expression, got 'end of print statement'. String: {{ }}");
    expect(stdout).toContain("unexpected 'end of print statement'. String: {{ x == }}");
  });

  it('conditions that cannot be evaluated: when, changed_when, failed_when, until, as Ansible words them', async () => {
    const { stdout } = await samePlaybook('conditional-errors.yml');
    expect(stdout).toContain("The conditional check 'item == nope4' failed. The error was: error while evaluating conditional (item == nope4)");
    expect(stdout).toContain('"changed_when_result": "The conditional check');
  });

  it('what register stores: no internal keys, failed on what ran, skipped on a loop; -v shows no gathered facts', async () => {
    const { stdout } = await samePlaybook('registered.yml', '-v');
    expect(stdout).toContain('"ansible_facts,changed,failed"');
    expect(stdout).not.toContain('_ansible_');
  });

  it('discovered_interpreter_python: in the results and registered vars where Ansible reports it (-v)', async () => {
    expect((await samePlaybook('discovery.yml', '-v')).stdout).toContain('"discovered_interpreter_python"');
  });

  it('discovered_interpreter_python: gathered with the facts, not reported again', async () => {
    expect((await samePlaybook('discovery-gather.yml')).stdout).toContain('"ansible_facts.discovered_interpreter_python": "');
  });

  /** site.yml of a fixture dir, run by both from that dir: the output and the exit code must be the same. */
  const sameSite = async (fixture: string): Promise<string> => {
    const dir = join(ROOT, 'test', 'integration', 'fixtures', fixture);
    const [theirs, ours] = await Promise.all([
      runCommand('ansible-playbook', ['-i', 'localhost,', 'site.yml'], { home, env, cwd: dir }),
      runCli('tsible-playbook', ['-i', 'localhost,', 'site.yml'], { home, env, cwd: dir }),
    ]);
    expect(normalise(ours.stdout)).toBe(normalise(theirs.stdout));
    expect(ours.code).toBe(theirs.code);
    // the warnings too (on stderr), in sorted order: Ansible prints some from a set, in no fixed order
    const warnings = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('[WARNING]')).sort();
    expect(warnings(ours.stderr)).toEqual(warnings(theirs.stderr));
    return ours.stdout;
  };

  it('the engine: roles with dependencies and params, blocks, loops, handlers, includes, tags, until, set_fact', async () => {
    expect(await sameSite('engine')).toContain('rescued=1    ignored=3');
  });

  it('role defaults and vars reach the play tasks around the role (roles:, import_role, a role with no tasks); task names templated; reserved names warned about', async () => {
    const stdout = await sameSite('role-vars');
    expect(stdout).toContain('"msg": "D V playwins"');
    // a role definition's vars sit below the role's vars/main.yml; import_role's vars reach the play
    expect(stdout).toContain('"msg": "V defvars imp"');
    expect(stdout).toContain('TASK [configure WEB on 8080 for localhost]');
    expect(stdout).toContain('TASK [install {{ item }}]');
  });

  it('actions that fail before their module runs: template render errors, a missing src; the traceback line above', async () => {
    const stdout = await sameSite('action-failures');
    expect(stdout).toContain('An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ansible.errors.AnsibleUndefinedVariable');
    expect(stdout).not.toContain('discovered_interpreter_python');
  });

  it('set_fact values templated again when read, unless their template read an unsafe value (issue 64169)', async () => {
    expect(await sameSite('unsafe')).toContain('"2 loop"');
  });

  // -v and -vv: the task paths, the handlers notified, the summary line of a skipped loop, static imports, the PLAYBOOK
  // banner. What is each tool's own goes: -vv's version block (`ansible-playbook [core ...]` and its indented lines)
  // and Ansible's callback plugin loading.
  const withoutToolHeader = (text: string): string =>
    normalise(text.replace(/^\S+ \[(core|tsible) [^\]]+\]\n(  .*\n)+/, '').replace(/^Skipping callback .*\n/gm, ''));
  for (const [fixture, verbosity] of [['engine', '-v'], ['engine', '-vv'], ['loop-shapes', '-vv']] as const) {
    it(`${fixture} with ${verbosity}: the same output but for the version block`, async () => {
      const dir = join(ROOT, 'test', 'integration', 'fixtures', fixture);
      const [theirs, ours] = await Promise.all([
        runCommand('ansible-playbook', ['-i', 'localhost,', 'site.yml', verbosity], { home, env, cwd: dir }),
        runCli('tsible-playbook', ['-i', 'localhost,', 'site.yml', verbosity], { home, env, cwd: dir }),
      ]);
      expect(withoutToolHeader(ours.stdout)).toBe(withoutToolHeader(theirs.stdout));
      if (verbosity === '-vv') expect(ours.stdout).toMatch(/^task path: .*site\.yml:\d+$/m);
      expect(ours.code).toBe(theirs.code);
    });
  }

  for (const args of [['--list-tasks'], ['--list-tags'], ['--list-hosts'], ['--list-tasks', '--skip-tags', 'always'], ['--list-tasks', '-t', 'r']]) {
    it(`listing: ${args.join(' ')} (roles, includes, never and always tags, unnamed tasks and play)`, async () => {
      const dir = join(ROOT, 'test', 'integration', 'fixtures', 'listing');
      const [theirs, ours] = await Promise.all([
        runCommand('ansible-playbook', ['-i', 'localhost,', 'site.yml', ...args], { home, env, cwd: dir }),
        runCli('tsible-playbook', ['-i', 'localhost,', 'site.yml', ...args], { home, env, cwd: dir }),
      ]);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(theirs.code);
    });
  }

  for (const [play, shows] of [['site.yml', 'NOTIFIED HANDLER r1 : r1 handler for localhost'], ['meta.yml', 'META: ending play']]) {
    it(`listing/${play} at -vv (roles with params, handlers notified, include_tasks in a loop; meta verbs)`, async () => {
      const dir = join(ROOT, 'test', 'integration', 'fixtures', 'listing');
      const [theirs, ours] = await Promise.all([
        runCommand('ansible-playbook', ['-i', 'localhost,', play, '-vv'], { home, env, cwd: dir }),
        runCli('tsible-playbook', ['-i', 'localhost,', play, '-vv'], { home, env, cwd: dir }),
      ]);
      expect(withoutToolHeader(ours.stdout)).toBe(withoutToolHeader(theirs.stdout));
      expect(ours.stdout).toContain(shows);
    });
  }

  it('loop items with tuples made lists, type_debug of undefined values, assert failures, tasks without a name', async () => {
    const out = await sameSite('loop-shapes');
    expect(out).toContain(`"msg": "[{'n': 'u1'}, 'k1'] list u1"`);
    expect(out).toContain('rescued=2    ignored=3');
  });

  const EXPRESSIONS = [
    'n + 1', 'n / 2', 'f * 2', 's | lower', 's.split()', 'l | sort', 'l | max', 'd', 'd | dict2items', "d.get('z', 'none')",
    "users | map(attribute='name') | join(',')", "users | selectattr('uid', 'gt', 1001) | map(attribute='name') | list",
    'none | default("dflt", true)', 'flag | ternary("yes", "no")', "ips | map('ansible.utils.ipaddr', 'address') | list",
    "csv.split(',') | reject('equalto', '') | list", "'%s-%03d' % (s, n)", '[1, 2] + [3]', 'range(3) | list', "{'k': n} | to_json",
    "l | to_nice_yaml", "s | regex_replace('(\\w+) (\\w+)', '\\2 \\1')", "s | b64encode", "users | json_query('[].name')",
    '(n > 3) and (s is string)', "lookup('env', 'NOPE_NOT_SET') | default('empty', true)", 'undefined_var | default(omit) == omit',
  ];
  for (const expression of EXPRESSIONS) {
    it(`debug msg={{ ${expression} }} -e @vars.json`, async () => {
      const args = ['localhost', '-m', 'debug', '-a', `msg={{ ${expression} }}`, '-e', `@${join(ROOT, 'test', 'integration', 'fixtures', 'debug', 'vars.json')}`];
      const [theirs, ours] = await Promise.all([runCommand('ansible', args, { home, env }), runCli('tsible', args, { home, env })]);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(theirs.code);
    });
  }

  it('ANSIBLE_STDOUT_CALLBACK=json: the same plays, tasks, per-host results and stats', async () => {
    const play = join(ROOT, 'test', 'integration', 'fixtures', 'local-failures.yml');
    const jsonEnv = { ...env, ANSIBLE_STDOUT_CALLBACK: 'json' };
    const [theirs, ours] = await Promise.all([
      runCommand('ansible-playbook', ['-i', 'localhost,', play], { home, env: jsonEnv }),
      runCli('tsible-playbook', ['-i', 'localhost,', play], { home, env: jsonEnv }),
    ]);
    const shape = (text: string) => {
      const doc = JSON.parse(text) as { plays: Array<{ play: { name: string }; tasks: Array<{ task: { name: string }; hosts: Record<string, Record<string, unknown>> }> }>; stats: unknown };
      return {
        stats: doc.stats,
        plays: doc.plays.map((p) => ({
          name: p.play.name,
          tasks: p.tasks.map((t) => ({ name: t.task.name, hosts: Object.fromEntries(Object.entries(t.hosts).map(([h, r]) => [h, { action: r.action, changed: r.changed, rc: r.rc, msg: typeof r.msg === 'string' ? r.msg.split('\n')[0] : r.msg }])) })),
        })),
      };
    };
    expect(shape(ours.stdout)).toEqual(shape(theirs.stdout));
    expect(ours.code).toBe(theirs.code);
  });

  it('the README demo playbook: same output on the first run (changed) and the second (ok)', async () => {
    const demo = join(ROOT, 'playbooks', 'demo.yml');
    const theirsDir = mkdtempSync(join(tmpdir(), 'demo-ansible-'));
    const oursDir = mkdtempSync(join(tmpdir(), 'demo-tsible-'));
    for (const round of [1, 2]) {
      const theirs = await runCommand('ansible-playbook', ['-i', 'localhost,', demo, '-e', `demo_dir=${theirsDir}`], { home, env });
      const ours = await runCli('tsible-playbook', ['-i', 'localhost,', demo, '-e', `demo_dir=${oursDir}`], { home, env });
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(theirs.code);
      expect(ours.stdout).toContain(round === 1 ? 'changed=2' : 'changed=0');
    }
    expect(execFileSync('cat', [join(oursDir, 'etc/demo.conf')], { encoding: 'utf8' })).toBe(execFileSync('cat', [join(theirsDir, 'etc/demo.conf')], { encoding: 'utf8' }));
  });
});
