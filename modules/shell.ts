import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { command, type CommandArgs, type CommandSteps } from './command.js';

/** shell is command through /bin/sh (or `executable`), exactly as Ansible's shell action sets _uses_shell. */
export const shell: ModuleDefinition<CommandArgs, CommandSteps> = {
  ...command,
  name: 'ansible.builtin.shell',
  aliases: ['shell', 'ansible.legacy.shell'],
  plan: (args, ctx) => command.plan({ ...args, _uses_shell: true }, ctx),
  apply: (plan, args, ctx) => command.apply(plan, { ...args, _uses_shell: true }, ctx),
};
