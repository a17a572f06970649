import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { containsWrapper } from '../src/template/unsafe.js';
import { pyStr } from '../src/template/values.js';
import { withMarkedFacts } from '../src/vars/unsafe.js';

/** set_fact: the arguments (already templated) become host facts; the engine stores them (precedence 19). */
export const setFact: ModuleDefinition<Record<string, unknown>, never> = {
  name: 'ansible.builtin.set_fact',
  aliases: ['set_fact', 'ansible.legacy.set_fact'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: { type: 'object', properties: { cacheable: { type: 'boolean', default: false } }, additionalProperties: true },
  doc: {
    shortDescription: 'Set host variable(s) and fact(s).',
    description: ['This action allows setting variables associated to the current host.', 'These variables will be available to subsequent plays during an ansible-playbook run via the host they were set on.', 'Set `cacheable\' to `true\' to save variables across executions using a fact cache. Variables will keep the set_fact precedence for the current run, but will used \'cached fact\' precedence for subsequent ones.', 'Per the standard Ansible variable precedence rules, other types of variables have a higher priority, so this value may be overridden.'],
    options: {
      cacheable: 'This boolean converts the variable into an actual \'fact\' which will also be added to the fact cache. It does not enable fact caching across runs, it just means it will work with it if already enabled. Normally this module creates \'host level variables\' and has much higher precedence, this option changes the nature and precedence (by 7 steps) of the variable created. https://docs.ansible.com/ansible/latest/user_guide/playbooks_variables.html#variable-precedence-where-should-i-put-a-variable This actually creates 2 copies of the variable, a normal \'set_fact\' host variable with high precedence and a lower \'ansible_fact\' one that is available for persistence via the facts cache plugin. This creates a possibly confusing interaction with `meta: clear_facts\' as it will remove the \'ansible_fact\' but not the host variable.',
      key_value: 'The `set_fact\' module takes `key=value\' pairs or `key: value\' (YAML notation) as variables to set in the playbook scope. The \'key\' is the resulting variable name and the value is, of course, the value of said variable. You can create multiple variables at once, by supplying multiple pairs, but do NOT mix notations.',
    },
    examples: `- name: Setting host facts using key=value pairs, this format can only create strings or booleans
  ansible.builtin.set_fact: one_fact="something" other_fact="{{ local_var }}"
`,
  },
  async plan(args, ctx) {
    const { cacheable, ...given } = args;
    // the names are templated too: `set_fact: "{{ item.key }}={{ item.value }}"`
    const named = Object.entries(given).map(([key, value]) => [key.includes('{') && ctx.template ? pyStr(ctx.template(key)) : key, value, ctx.markedArgs?.[key]] as const);
    const facts = Object.fromEntries(named.map(([name, value]) => [name, value]));
    // stored as templated: a value whose template read an unsafe value is never templated again, the others are when read
    const marked = Object.fromEntries(named.map(([name, value, held]) => [name, containsWrapper(held) ? held : value]));
    if (Object.keys(facts).length === 0) {
      return { changed: false, reason: 'nothing to set', result: { failed: true, msg: 'No key/value pairs provided, at least one is required for this action to succeed' } };
    }
    for (const key of Object.keys(facts)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        return { changed: false, reason: 'bad name', result: { failed: true, msg: `The variable name '${key}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` } };
      }
    }
    return { changed: false, reason: 'facts are set on the controller', result: withMarkedFacts({ ansible_facts: facts, _ansible_facts_cacheable: cacheable === true }, marked) };
  },
  async apply() {
    throw new Error('set_fact never changes a host');
  },
};
