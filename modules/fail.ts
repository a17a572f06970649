import type { ModuleDefinition } from '../src/executor/module-contract.js';

/** fail: stop this host with a message. */
export const fail: ModuleDefinition<{ msg?: unknown }, never> = {
  name: 'ansible.builtin.fail',
  aliases: ['fail', 'ansible.legacy.fail'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: { type: 'object', properties: { msg: {} }, additionalProperties: false },
  async plan(args) {
    return { changed: false, reason: 'asked to fail', result: { failed: true, msg: args.msg ?? 'Failed as requested from task' } };
  },
  async apply() {
    throw new Error('fail never changes a host');
  },
};
