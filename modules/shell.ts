import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { command, type CommandArgs, type CommandSteps } from './command.js';

/** shell is command through /bin/sh (or `executable`), exactly as Ansible's shell action sets _uses_shell. */
export const shell: ModuleDefinition<CommandArgs, CommandSteps> = {
  ...command,
  name: 'ansible.builtin.shell',
  aliases: ['shell', 'ansible.legacy.shell'],
  doc: {
    shortDescription: 'Execute shell commands on targets',
    description: ['The `shell\' module takes the command name followed by a list of space-delimited arguments.', 'Either a free form command or `cmd\' parameter is required, see the examples.', 'It is almost exactly like the [ansible.builtin.command] module but runs the command through a shell (`/bin/sh\') on the remote node.', 'For Windows targets, use the [ansible.windows.win_shell] module instead.'],
    options: {
      chdir: 'Change into this directory before running the command.',
      cmd: 'The command to run followed by optional arguments.',
      creates: 'A filename, when it already exists, this step will `not\' be run.',
      executable: 'Change the shell used to execute the command. This expects an absolute path to the executable.',
      free_form: 'The shell module takes a free form command to run, as a string. There is no actual parameter named \'free form\'. See the examples on how to use this module.',
      removes: 'A filename, when it does not exist, this step will `not\' be run.',
      stdin: 'Set the stdin of the command directly to the specified value.',
      stdin_add_newline: 'Whether to append a newline to stdin data.',
    },
    examples: `- name: Execute the command in remote shell; stdout goes to the specified file on the remote
  ansible.builtin.shell: somescript.sh >> somelog.txt
`,
    returns: {
      cmd: { description: 'The command executed by the task.', returned: 'always', type: 'str', sample: "rabbitmqctl join_cluster rabbit@master" },
      delta: { description: 'The command execution delta time.', returned: 'always', type: 'str', sample: "0:00:00.325771" },
      end: { description: 'The command execution end time.', returned: 'always', type: 'str', sample: "2016-02-25 09:18:26.755339" },
      msg: { description: 'changed', returned: 'always', type: 'bool', sample: true },
      rc: { description: 'The command return code (0 means success).', returned: 'always', type: 'int', sample: 0 },
      start: { description: 'The command execution start time.', returned: 'always', type: 'str', sample: "2016-02-25 09:18:26.429568" },
    },
  },
  plan: (args, ctx) => command.plan({ ...args, _uses_shell: true }, ctx),
  apply: (plan, args, ctx) => command.apply(plan, { ...args, _uses_shell: true }, ctx),
};
