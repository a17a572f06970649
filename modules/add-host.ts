import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { parseAddress } from '../src/inventory/parse-address.js';

const SPECIAL = new Set(['name', 'hostname', 'groupname', 'groups']);

/** add_host: describes a host to add to the in-memory inventory; the engine adds it (runs once per task, not per host). */
export const addHost: ModuleDefinition<Record<string, unknown>, never> = {
  name: 'ansible.builtin.add_host',
  aliases: ['add_host', 'ansible.legacy.add_host'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'The hostname/ip of the host to add to the inventory, can include a colon and a port number.' },
      hostname: { type: 'string', description: 'Alias of name.' },
      host: { type: 'string', description: 'Alias of name.' },
      groups: { description: 'The groups to add the hostname to (a list, or a comma separated string).' },
      group: { description: 'Alias of groups.' },
      groupname: { description: 'Alias of groups.' },
    },
    additionalProperties: true,
  },
  doc: {
    shortDescription: 'Add a host (and alternatively a group) to the ansible-playbook in-memory inventory',
    description: [
      'Use variables to create new hosts and groups in inventory for use in later plays of the same playbook.',
      'Takes variables so you can define the new hosts more fully.',
      'This module bypasses the play host loop and only runs once for all the hosts in the play; if you need it to iterate use a loop keyword.',
      'Any other option is a variable of the new host (ansible_host, ansible_port, ...).',
    ],
    optionAliases: { name: ['host', 'hostname'], groups: ['group', 'groupname'] },
    examples: `- name: Add host to group 'just_created' with variable foo=42
  ansible.builtin.add_host:
    name: '{{ ip_from_ec2 }}'
    groups: just_created
    foo: 42

- name: Add a host with a non-standard port local to your machines
  ansible.builtin.add_host:
    name: '{{ new_ip }}:{{ new_port }}'
`,
  },
  async plan(args) {
    const rawName = args.name ?? args.hostname ?? args.host;
    if (rawName === undefined || rawName === null) return { changed: false, reason: 'no name', result: { failed: true, msg: 'name, host or hostname needs to be provided' } };
    const requested = String(rawName);
    const vars: Record<string, unknown> = {};
    let name = requested;
    const parsed = parseAddress(requested, false);
    if (parsed) {
      name = parsed.host;
      if (parsed.port !== undefined) vars.ansible_ssh_port = parsed.port;
    }
    const groupsArg = args.groupname ?? args.groups ?? args.group ?? '';
    let list: unknown[];
    if (Array.isArray(groupsArg)) list = groupsArg;
    else if (typeof groupsArg === 'string') list = groupsArg === '' ? [] : groupsArg.split(',');
    else return { changed: false, reason: 'bad groups', result: { failed: true, msg: 'Groups must be specified as a list.' } };
    const groups: string[] = [];
    for (const group of list) if (!groups.includes(String(group))) groups.push(String(group).trim());
    for (const [key, value] of Object.entries(args)) if (!SPECIAL.has(key)) vars[key] = value;
    return { changed: false, reason: 'the engine adds the host', result: { add_host: { host_name: name, groups, host_vars: vars } } };
  },
  async apply() {
    throw new Error('add_host never changes a host');
  },
};
