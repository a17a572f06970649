import type { ModuleDefinition } from '../src/executor/module-contract.js';

export interface RawArgs {
  _raw_params?: string;
  executable?: string;
}

/** raw: the string goes to the remote shell as it is; no checks, always changed, like Ansible's. */
export const raw: ModuleDefinition<RawArgs, { line: string }> = {
  name: 'ansible.builtin.raw',
  aliases: ['raw', 'ansible.legacy.raw'],
  freeForm: true,
  // discovered_interpreter_python: runs no Python on the target
  pythonFact: 'never',
  output: 'command',
  schema: {
    type: 'object',
    properties: { _raw_params: { type: 'string', minLength: 1 }, executable: { type: 'string' } },
    required: ['_raw_params'],
    additionalProperties: false,
  },
  doc: {
    shortDescription: 'Executes a low-down and dirty command',
    description: ['Executes a low-down and dirty SSH command, not going through the module subsystem.', 'This is useful and should only be done in a few cases. A common case is installing `python\' on a system without python installed by default. Another is speaking to any devices such as routers that do not have any Python installed. In any other case, using the [ansible.builtin.shell] or [ansible.builtin.command] module is much more appropriate.', 'Arguments given to `raw\' are run directly through the configured remote shell.', 'Standard output, error output and return code are returned when available.', 'There is no change handler support for this module.', 'This module does not require python on the remote system, much like the [ansible.builtin.script] module.', 'This module is also supported for Windows targets.'],
    options: {
      executable: 'Change the shell used to execute the command. Should be an absolute path to the executable. When using privilege escalation (`become\') a default shell will be assigned if one is not provided as privilege escalation requires a shell.',
      free_form: 'The raw module takes a free form command to run. There is no parameter actually named \'free form\'; see the examples!',
    },
    examples: `- name: Bootstrap a host without python2 installed
  ansible.builtin.raw: dnf install -y python2 python2-dnf libselinux-python
`,
  },
  async plan(args) {
    const line = args.executable ? `${args.executable} -c '${(args._raw_params ?? '').replace(/'/g, `'"'"'`)}'` : (args._raw_params ?? '');
    return { changed: true, steps: { line } };
  },
  async apply(plan, _args, ctx) {
    const out = await ctx.conn.exec(plan.steps.line, { become: ctx.become, env: ctx.env, ownSession: true });
    const result: Record<string, unknown> = { changed: true, rc: out.rc, stdout: out.stdout, stderr: out.stderr };
    if (out.rc !== 0) {
      result.failed = true;
      result.msg = 'non-zero return code';
    }
    return result;
  },
  checkResult: () => ({ changed: false, skipped: true, msg: 'check mode is not supported for this task.' }),
};
