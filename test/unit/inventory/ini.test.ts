import { describe, expect, it } from 'vitest';
import { parseIniInventory } from '../../../src/inventory/ini.js';
import { InventoryData } from '../../../src/inventory/inventory-data.js';
import { ParseError } from '../../../src/parsing/parse-error.js';

function parse(text: string, warnings: string[] = []): InventoryData {
  const data = new InventoryData((m) => warnings.push(m));
  parseIniInventory(data, '/inv/hosts', text);
  return data;
}

function errorOf(text: string): ParseError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('INI inventory', () => {
  it('reads groups, children, group vars and typed host vars', () => {
    const data = parse(
      [
        'loose.example.com',
        '[web]',
        'web[1:2] http_port=8080 tls=True owner="ops team"',
        '[web:vars]',
        'max_conn = 100',
        'greeting = hello world',
        '[prod:children]',
        'web',
      ].join('\n'),
    );
    const { groups, hosts } = data.inventory;
    expect(groups.get('web')?.hosts).toEqual(['web1', 'web2']);
    expect(groups.get('prod')?.children).toEqual(['web']);
    expect(groups.get('web')?.vars).toEqual({ max_conn: 100, greeting: 'hello world' });
    expect(hosts.get('web2')?.vars).toEqual({ http_port: 8080, tls: true, owner: 'ops team' });
    expect(groups.get('ungrouped')?.hosts).toEqual(['loose.example.com']);
  });

  it('takes the port from host:port, only where a host first appears', () => {
    const data = parse('h1:2222\n[g]\nh1:3333\n');
    expect(data.inventory.hosts.get('h1')?.vars).toEqual({ ansible_port: 2222 });
  });

  it('strips # comments on host lines but not in :vars lines', () => {
    const data = parse('[g]\nh1 a=1 # note\n[g:vars]\nb = x # kept\nc = 5 # python comment\n');
    expect(data.inventory.hosts.get('h1')?.vars).toEqual({ a: 1 });
    expect(data.inventory.groups.get('g')?.vars).toEqual({ b: 'x # kept', c: 5 });
  });

  it('lets [g:children] name groups declared further down', () => {
    const data = parse('[all_dbs:children]\npg\n[pg]\npg1\n');
    expect(data.inventory.groups.get('all_dbs')?.children).toEqual(['pg']);
  });

  it('keeps ansible_group_priority out of the vars', () => {
    const data = parse('[g]\nh\n[g:vars]\nansible_group_priority=7\n');
    expect(data.inventory.groups.get('g')).toMatchObject({ vars: {}, priority: 7 });
  });

  it('warns once per name about group names that are not valid variable names', () => {
    const warnings: string[] = [];
    parse('[web-servers]\nh1\n', warnings);
    expect(warnings[0]).toBe('Invalid characters were found in group names but not replaced, use -vvvv to see details');
  });

  it('reports errors with file and line', () => {
    const e = errorOf('[g]\nh1\nh2 foo\n');
    expect(e.message).toBe('/inv/hosts:3: Expected key=value host variable assignment, got: foo');
    expect(e.position).toEqual({ file: '/inv/hosts', line: 3 });
  });

  it("uses Ansible's wording for each kind of mistake", () => {
    expect(errorOf('[g:foo]\n').message).toBe('/inv/hosts:1: Section [g:foo] has unknown type: foo');
    expect(errorOf('[g h]\n').message).toMatch(/^\/inv\/hosts:1: Invalid section entry: '\[g h\]'. Please make sure/);
    expect(errorOf('[g:vars]\na=1\n').message).toBe('/inv/hosts:1: Section [g:vars] not valid for undefined group: g');
    expect(errorOf('[p:children]\nnope\n').message).toBe('/inv/hosts:2: Section [p:children] includes undefined group: nope');
    expect(errorOf('[g]\nh\n[g:vars]\nnovalue\n').message).toBe('/inv/hosts:4: Expected key=value, got: novalue');
    expect(errorOf('[g]\nh\n[p:children]\ng extra\n').message).toBe('/inv/hosts:4: Expected group name, got: g extra');
    expect(errorOf('h1 a="x\n').message).toBe(`/inv/hosts:1: Error parsing host definition 'h1 a="x': No closing quotation`);
    expect(errorOf('h1:\n').message).toBe(
      "Invalid host pattern 'h1:' supplied, ending in ':' is not allowed, this character is reserved to provide a port.",
    );
    expect(errorOf('---\n').message).toBe("Invalid host pattern '---' supplied, '---' is normally a sign this is a YAML file.");
  });

  it('keeps what it read before an error, as Ansible does', () => {
    const data = new InventoryData(() => {});
    expect(() => parseIniInventory(data, '/inv/hosts', 'good1\n[g]\ngood2\nbad line\n')).toThrow(ParseError);
    expect([...data.inventory.hosts.keys()]).toEqual(['good1', 'good2']);
  });
});
