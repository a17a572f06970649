import type { ModuleDefinition } from '../src/executor/module-contract.js';

/** fail: stop this host with a message. */
export const fail: ModuleDefinition<{ msg?: unknown }, never> = {
  name: 'ansible.builtin.fail',
  aliases: ['fail', 'ansible.legacy.fail'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: { type: 'object', properties: { msg: {} }, additionalProperties: false },
  doc: {
    shortDescription: 'Fail with custom message',
    description: ['This module fails the progress with a custom message.', 'It can be useful for bailing out when a certain condition is met using `when\'.', 'This module is also supported for Windows targets.'],
    options: {
      msg: 'The customized message used for failing execution. If omitted, fail will simply bail out with a generic message.',
    },
    examples: `- name: Example using fail and when together
  ansible.builtin.fail:
    msg: The system may not be provisioned according to the CMDB status.
  when: cmdb_status != "to-be-staged"
`,
  },
  async plan(args) {
    return { changed: false, reason: 'asked to fail', result: { failed: true, msg: args.msg ?? 'Failed as requested from task' } };
  },
  async apply() {
    throw new Error('fail never changes a host');
  },
};
