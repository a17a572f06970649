// The registry exposes every name a role may use: short names, ansible.builtin.*, and the collection FQCNs.
import { describe, expect, it } from 'vitest';
import { ANSIBLE_FILTERS, ANSIBLE_LOOKUPS, ANSIBLE_TESTS } from '../../../src/template/ansible/index.js';

describe('ANSIBLE_FILTERS', () => {
  it.each(['to_nice_yaml', 'regex_replace', 'combine', 'password_hash', 'ipaddr', 'json_query', 'flatten', 'fileglob'])('has %s by short name', (name) => {
    expect(ANSIBLE_FILTERS[name]).toBeTypeOf('function');
  });

  it.each([
    'ansible.builtin.to_json',
    'ansible.builtin.dict2items',
    'ansible.utils.ipaddr',
    'ansible.utils.ipv4',
    'ansible.utils.nthhost',
    'ansible.netcommon.ipaddr',
    'ansible.netcommon.ipsubnet',
    'community.general.json_query',
  ])('has %s', (name) => {
    expect(ANSIBLE_FILTERS[name]).toBeTypeOf('function');
  });

  it('maps the netcommon ipaddr redirect to the same function as ansible.utils', () => {
    expect(ANSIBLE_FILTERS['ansible.netcommon.ipaddr']).toBe(ANSIBLE_FILTERS['ansible.utils.ipaddr']);
    expect(ANSIBLE_FILTERS.ipaddr).toBe(ANSIBLE_FILTERS['ansible.utils.ipaddr']);
  });
});

describe('ANSIBLE_TESTS and ANSIBLE_LOOKUPS', () => {
  it.each(['succeeded', 'ansible.builtin.version', 'match', 'ansible.builtin.subset', 'truthy', 'same_file'])('has test %s', (name) => {
    expect(ANSIBLE_TESTS[name]).toBeTypeOf('function');
  });

  it.each(['file', 'ansible.builtin.password', 'first_found', 'sequence', 'ini', 'csvfile', 'inventory_hostnames'])('has lookup %s', (name) => {
    expect(ANSIBLE_LOOKUPS[name]).toBeTypeOf('function');
  });
});
