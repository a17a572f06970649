import type { ModuleDefinition } from '../src/executor/module-contract.js';

/** group_by: puts each host in a group named from its vars; the engine changes the inventory for later plays. */
export const groupBy: ModuleDefinition<{ key?: unknown; parents?: unknown }, never> = {
  name: 'ansible.builtin.group_by',
  aliases: ['group_by', 'ansible.legacy.group_by'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: {
    type: 'object',
    properties: {
      key: { type: 'string', description: 'The variables whose values will be used as groups.' },
      parents: { description: 'The list of the parent groups.', default: 'all' },
    },
    additionalProperties: true,
  },
  doc: {
    shortDescription: 'Create Ansible groups based on facts',
    description: ['Use facts to create ad-hoc groups that can be used later in a playbook.', 'Spaces in group names are converted to dashes (-).'],
    examples: `- name: Create groups based on the machine architecture
  ansible.builtin.group_by:
    key: machine_{{ ansible_machine }}

- name: Create a nested group
  ansible.builtin.group_by:
    key: el{{ ansible_distribution_major_version }}-{{ ansible_architecture }}
    parents:
      - el{{ ansible_distribution_major_version }}
`,
  },
  async plan(args) {
    if (args.key === undefined) return { changed: false, reason: 'no key', result: { failed: true, msg: "the 'key' param is required when using group_by" } };
    const parents = args.parents === undefined ? ['all'] : typeof args.parents === 'string' ? [args.parents] : Array.isArray(args.parents) ? args.parents.map(String) : [String(args.parents)];
    return {
      changed: false,
      reason: 'the engine groups the host',
      result: { add_group: String(args.key).replaceAll(' ', '-'), parent_groups: parents.map((p) => p.replaceAll(' ', '-')) },
    };
  },
  async apply() {
    throw new Error('group_by never changes a host');
  },
};
