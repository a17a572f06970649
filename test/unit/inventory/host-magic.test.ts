import { describe, expect, it } from 'vitest';
import { groupNames, inventoryFileVars, inventoryHostnameShort } from '../../../src/inventory/host-magic.js';
import { inventoryOf } from './inventory-of.js';

describe('inventory magic var helpers', () => {
  it('lists a host\'s groups with parents, sorted, keeping ungrouped (as Ansible 2.14 does)', () => {
    const inv = inventoryOf('loner\n[web]\nw1\n[prod:children]\nweb\n');
    expect(groupNames(inv, 'w1')).toEqual(['prod', 'web']);
    expect(groupNames(inv, 'loner')).toEqual(['ungrouped']);
    expect(groupNames(inv, 'localhost')).toEqual([]);
  });

  it('shortens names at the first dot but keeps IP addresses whole', () => {
    expect(inventoryHostnameShort('web1.example.com')).toBe('web1');
    expect(inventoryHostnameShort('10.0.0.1')).toBe('10.0.0.1');
    expect(inventoryHostnameShort('fe80::1')).toBe('fe80::1');
  });

  it('gives inventory_file/inventory_dir from where the host was first seen', () => {
    const inv = inventoryOf('h1\n');
    const h1 = inv.hosts.get('h1');
    if (h1) h1.source = 'web1,db1,';
    expect(inventoryFileVars(inv, 'h1')).toEqual({ inventory_file: 'web1,db1,', inventory_dir: 'None' });
    expect(inventoryFileVars(inv, 'localhost')).toEqual({});
  });
});
