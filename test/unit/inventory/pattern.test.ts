import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostPatternError, limitHosts, selectHosts } from '../../../src/inventory/pattern.js';
import type { Host, Inventory } from '../../../src/inventory/types.js';
import { inventoryOf } from './inventory-of.js';
import { tempTree } from './temp-tree.js';

const INI = `
bastion
[web]
web1
web2
web3
[db]
db1
db2
[prod:children]
web
db
[prod]
web1
`;

function names(hosts: Host[]): string[] {
  return hosts.map((h) => h.name);
}

function select(inv: Inventory, pattern: string | string[], warnings: string[] = []): string[] {
  return names(selectHosts(inv, pattern, (m) => warnings.push(m)));
}

describe('selectHosts', () => {
  const inv = inventoryOf(INI);

  it('selects all, groups, hosts, globs and regexes', () => {
    expect(select(inv, 'all')).toEqual(['bastion', 'web1', 'web2', 'web3', 'db1', 'db2']);
    expect(select(inv, '*')).toEqual(select(inv, 'all'));
    expect(select(inv, 'db')).toEqual(['db1', 'db2']);
    expect(select(inv, 'web2')).toEqual(['web2']);
    expect(select(inv, 'web*')).toEqual(['web1', 'web2', 'web3']);
    // groups matching a regex come first, then hosts matching it (Ansible's order)
    expect(select(inv, '~(db|bast)')).toEqual(['db1', 'db2', 'bastion']);
    expect(select(inv, 'prod')).toEqual(['web1', 'web2', 'web3', 'db1', 'db2']);
  });

  it('unions, then intersects, then excludes, whatever the written order', () => {
    expect(select(inv, 'web:db')).toEqual(['web1', 'web2', 'web3', 'db1', 'db2']);
    expect(select(inv, 'web,db')).toEqual(select(inv, 'web:db'));
    expect(select(inv, ['web', 'db'])).toEqual(select(inv, 'web:db'));
    expect(select(inv, '!web2:prod:&web')).toEqual(['web1', 'web3']);
    expect(select(inv, '&web')).toEqual(['web1', 'web2', 'web3']);
    expect(select(inv, '!prod')).toEqual(['bastion']);
  });

  it('supports subscripts on groups', () => {
    expect(select(inv, 'web[0]')).toEqual(['web1']);
    expect(select(inv, 'web[-1]')).toEqual(['web3']);
    expect(select(inv, 'web[1:2]')).toEqual(['web2', 'web3']);
    expect(select(inv, 'web[1:]')).toEqual(['web2', 'web3']);
    expect(() => select(inv, 'web[5]')).toThrow(new HostPatternError("No hosts matched the subscripted pattern 'web[5]'"));
  });

  it('warns about names that match nothing', () => {
    const warnings: string[] = [];
    expect(select(inv, 'nosuch:db', warnings)).toEqual(['db1', 'db2']);
    expect(warnings).toEqual(['Could not match supplied host pattern, ignoring: nosuch']);
  });

  it('rejects an invalid regex', () => {
    expect(() => select(inv, '~web(')).toThrow('Invalid host list pattern: ~web(');
  });

  it('provides an implicit localhost that all does not match', () => {
    const local = inventoryOf('h1\n');
    const [host] = selectHosts(local, 'localhost', () => {});
    expect(host).toMatchObject({ name: 'localhost', implicit: true, vars: { ansible_connection: 'local' } });
    expect(select(local, 'all')).toEqual(['h1']);
    expect(select(local, 'all:localhost')).toEqual(['h1', 'localhost']);
  });

  it('reuses the implicit localhost under whichever name created it (an Ansible quirk)', () => {
    const local = inventoryOf('h1\n');
    expect(select(local, '127.0.0.1,localhost')).toEqual(['127.0.0.1']);
    expect(select(local, 'localhost')).toEqual(['127.0.0.1']);
  });

  it('answers localhost with an inventory host named 127.0.0.1', () => {
    expect(select(inventoryOf('127.0.0.1 ansible_connection=local\n'), 'localhost')).toEqual(['127.0.0.1']);
  });
});

describe('limitHosts', () => {
  const inv = inventoryOf(INI);
  const limit = (pattern: string, lim: string): string[] =>
    names(limitHosts(inv, selectHosts(inv, pattern, () => {}), lim, () => {}));

  it('keeps the selection order and applies the same pattern language', () => {
    expect(limit('all', 'db:web1')).toEqual(['web1', 'db1', 'db2']);
    expect(limit('prod', '!web')).toEqual(['db1', 'db2']);
    expect(limit('all', '')).toEqual(names(selectHosts(inv, 'all', () => {})));
  });

  it('reads @file limits, one host per line', () => {
    const dir = tempTree({ 'retry.txt': 'db2\n\nweb3\n' });
    try {
      expect(limit('all', `@${path.join(dir, 'retry.txt')}`)).toEqual(['web3', 'db2']);
      expect(() => limit('all', `@${path.join(dir, 'missing.txt')}`)).toThrow(
        `Unable to find limit file ${path.join(dir, 'missing.txt')}`,
      );
      expect(() => limit('all', `@${dir}`)).toThrow(`Limit starting with "@" must be a file, not a directory: ${dir}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
