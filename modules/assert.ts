import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { truthy } from '../src/template/values.js';

export interface AssertArgs {
  that: unknown;
  fail_msg?: unknown;
  msg?: unknown;
  success_msg?: unknown;
  quiet?: boolean;
}

/** assert: every `that` expression must hold; Ansible's messages and result keys. */
export const assertModule: ModuleDefinition<AssertArgs, never> = {
  name: 'ansible.builtin.assert',
  aliases: ['assert', 'ansible.legacy.assert'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: {
    type: 'object',
    properties: { that: {}, fail_msg: {}, msg: {}, success_msg: {}, quiet: { type: 'boolean', default: false } },
    required: ['that'],
    additionalProperties: false,
  },
  doc: {
    shortDescription: 'Asserts given expressions are true',
    description: ['This module asserts that given expressions are true with an optional custom message.', 'This module is also supported for Windows targets.'],
    options: {
      fail_msg: 'The customized message used for a failing assertion. This argument was called \'msg\' before Ansible 2.7, now it is renamed to \'fail_msg\' with alias \'msg\'.',
      quiet: 'Set this to `true\' to avoid verbose output.',
      success_msg: 'The customized message used for a successful assertion.',
      that: 'A list of string expressions of the same form that can be passed to the \'when\' statement.',
    },
    optionAliases: { fail_msg: ['msg'] },
    examples: `- ansible.builtin.assert: { that: "ansible_os_family != 'RedHat'" }

- ansible.builtin.assert:
    that:
      - "'foo' in some_command_result.stdout"
      - number_of_the_counting == 3
`,
  },
  async plan(args, ctx) {
    const conditions = (Array.isArray(args.that) ? args.that : [args.that]).map((c) => (typeof c === 'boolean' ? (c ? 'True' : 'False') : String(c)));
    for (const condition of conditions) {
      const value = ctx.evaluate(condition);
      const ok = typeof value === 'string' ? !['', 'False', 'false', '0', 'None'].includes(value.trim()) : truthy(value);
      if (!ok) {
        const msg = args.fail_msg ?? args.msg ?? 'Assertion failed';
        // Ansible marks the result verbose before it tests: a failed assertion prints indented too, unless quiet
        const result: Record<string, unknown> = { failed: true, evaluated_to: false, assertion: condition, msg };
        if (!args.quiet) result._ansible_verbose_always = true;
        return { changed: false, reason: 'assertion failed', result };
      }
    }
    const result: Record<string, unknown> = { changed: false, msg: args.success_msg ?? 'All assertions passed' };
    if (!args.quiet) result._ansible_verbose_always = true;
    return { changed: false, reason: 'all assertions passed', result };
  },
  async apply() {
    throw new Error('assert never changes a host');
  },
};
