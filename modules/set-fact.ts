import type { ModuleDefinition } from '../src/executor/module-contract.js';

/** set_fact: the arguments (already templated) become host facts; the engine stores them (precedence 19). */
export const setFact: ModuleDefinition<Record<string, unknown>, never> = {
  name: 'ansible.builtin.set_fact',
  aliases: ['set_fact', 'ansible.legacy.set_fact'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: { type: 'object', properties: { cacheable: { type: 'boolean', default: false } }, additionalProperties: true },
  async plan(args) {
    const { cacheable, ...facts } = args;
    if (Object.keys(facts).length === 0) {
      return { changed: false, reason: 'nothing to set', result: { failed: true, msg: 'No key/value pairs provided, at least one is required for this action to succeed' } };
    }
    for (const key of Object.keys(facts)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        return { changed: false, reason: 'bad name', result: { failed: true, msg: `The variable name '${key}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` } };
      }
    }
    return { changed: false, reason: 'facts are set on the controller', result: { ansible_facts: facts, _ansible_facts_cacheable: cacheable === true } };
  },
  async apply() {
    throw new Error('set_fact never changes a host');
  },
};
