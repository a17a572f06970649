import { describe, expect, it } from 'vitest';
import { InventoryData } from '../../../src/inventory/inventory-data.js';
import { parseYamlInventory } from '../../../src/inventory/yaml-inventory.js';
import { loadYaml11 } from '../../../src/parsing/yaml-11.js';

function parse(yaml: string, warnings: string[] = []): InventoryData {
  const warn = (m: string): void => void warnings.push(m);
  const data = new InventoryData(warn);
  parseYamlInventory(data, '/inv/hosts.yml', loadYaml11(yaml, '/inv/hosts.yml', warn), 'yaml', warn);
  return data;
}

describe('YAML inventory', () => {
  it('reads hosts with ranges and ports, vars with YAML 1.1 types, and children', () => {
    const data = parse(`
all:
  vars: {mode: 0644, debug: no, letter: y}
  children:
    web:
      hosts:
        'web[1:2]:8022': {tier: front}
    prod:
      children:
        web:
`);
    const { groups, hosts } = data.inventory;
    expect(groups.get('all')?.vars).toEqual({ mode: 420, debug: false, letter: 'y' });
    expect(groups.get('prod')?.children).toEqual(['web']);
    expect(hosts.get('web2')?.vars).toEqual({ ansible_port: 8022, tier: 'front' });
  });

  it('merges a group that appears several times', () => {
    const data = parse(`
web:
  hosts: {w1: {a: 1}}
  vars: {x: 1}
other:
  children:
    web:
      hosts: {w2: }
      vars: {y: 2}
`);
    expect(data.inventory.groups.get('web')).toMatchObject({ hosts: ['w1', 'w2'], vars: { x: 1, y: 2 } });
  });

  it('warns about keys it skips', () => {
    const warnings: string[] = [];
    parse('g1:\n  hosts: {h1: }\n  foo: {a: 1}\n  bar: [1]\ng2: [1, 2]\n', warnings);
    expect(warnings).toEqual([
      'Skipping unexpected key (foo) in group (g1), only "vars", "children" and "hosts" are valid',
      "Skipping key (bar) in group (g1) as it is not a mapping, it is a <class 'ansible.parsing.yaml.objects.AnsibleSequence'>",
      "Skipping 'g2' as this is not a valid group definition",
    ]);
  });

  it('rejects a hosts list, which is a common mistake', () => {
    expect(() => parse('g1:\n  hosts: [h1, h2]\n')).toThrow(
      `Invalid "hosts" entry for "g1" group, requires a dictionary, found "<class 'ansible.parsing.yaml.objects.AnsibleSequence'>" instead.`,
    );
  });

  it('rejects empty files, non-mappings and plugin configs', () => {
    expect(() => parse('# nothing\n')).toThrow('Parsed empty YAML file');
    expect(() => parse('- a\n')).toThrow(
      "YAML inventory has invalid structure, it should be a dictionary, got: <class 'ansible.parsing.yaml.objects.AnsibleSequence'>",
    );
    expect(() => parse('plugin: constructed\n')).toThrow('Plugin configuration YAML file, not YAML inventory');
  });
});
