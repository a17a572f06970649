import type { ModuleDefinition, ModuleResult } from '../src/executor/module-contract.js';
import { templateValue } from '../src/template/index.js';
import { UndefinedVariableError } from '../src/template/values.js';

export interface DebugArgs {
  msg?: unknown;
  var?: unknown;
  verbosity?: number;
}

/**
 * The debug action's `Templar.template(var, convert_bare=True)`: a bare name becomes `{{ name }}` and is templated
 * like any playbook string, so `r.attempts` shows as the string "3" while a lone `n` keeps its type; a result equal
 * to the name is templated once more.
 */
function templateBare(name: string, vars: Record<string, unknown>): unknown {
  const firstPart = name.split('|')[0]?.split('.')[0]?.split('[')[0] ?? '';
  const bare = (name.includes('|') || firstPart in vars) && !name.includes('{{') ? `{{${name}}}` : name;
  const results = templateValue(bare, vars);
  return results === name ? templateValue(`{{${name}}}`, vars) : results;
}

/** debug: prints a message or a variable from the controller, exactly as Ansible's debug action does. */
export const debug: ModuleDefinition<DebugArgs, never> = {
  name: 'ansible.builtin.debug',
  aliases: ['debug', 'ansible.legacy.debug'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: {
    type: 'object',
    properties: { msg: {}, var: {}, verbosity: { type: 'integer', default: 0 } },
    additionalProperties: false,
  },
  doc: {
    shortDescription: 'Print statements during execution',
    description: ['This module prints statements during execution and can be useful for debugging variables or expressions without necessarily halting the playbook.', 'Useful for debugging together with the \'when:\' directive.', 'This module is also supported for Windows targets.'],
    options: {
      msg: 'The customized message that is printed. If omitted, prints a generic message.',
      var: 'A variable name to debug. Mutually exclusive with the `msg\' option. Be aware that this option already runs in Jinja2 context and has an implicit `{{ }}\' wrapping, so you should not be using Jinja2 delimiters unless you are looking for double interpolation.',
      verbosity: 'A number that controls when the debug is run, if you set to 3 it will only run debug when -vvv or above.',
    },
    examples: `- name: Print the gateway for each host when defined
  ansible.builtin.debug:
    msg: System {{ inventory_hostname }} has gateway {{ ansible_default_ipv4.gateway }}
  when: ansible_default_ipv4.gateway is defined
`,
  },
  async plan(args, ctx) {
    if (args.msg !== undefined && args.var !== undefined) {
      return { changed: false, reason: 'bad args', result: { failed: true, msg: "'msg' and 'var' are incompatible options" } };
    }
    if ((args.verbosity ?? 0) > ctx.verbosity) {
      return { changed: false, reason: 'quiet', result: { skipped: true, skipped_reason: 'Verbosity threshold not met.', failed: false } };
    }
    const result: ModuleResult = { _ansible_verbose_always: true, failed: false };
    if (args.msg !== undefined) result.msg = args.msg;
    else if (args.var !== undefined) {
      const key = typeof args.var === 'string' ? args.var : Array.isArray(args.var) ? "<class 'list'>" : "<class 'dict'>";
      try {
        result[key] = typeof args.var === 'string' ? templateBare(args.var, ctx.vars) : args.var;
      } catch (error) {
        if (!(error instanceof UndefinedVariableError)) throw error;
        // Ansible's AnsibleUndefinedVariable(e, orig_exc=e) says its message twice
        result[key] = ctx.verbosity > 0 ? `VARIABLE IS NOT DEFINED!: ${error.message}. ${error.message}` : 'VARIABLE IS NOT DEFINED!';
      }
    } else result.msg = 'Hello world!';
    return { changed: false, reason: 'debug never changes anything', result };
  },
  async apply() {
    throw new Error('debug never changes anything');
  },
};
