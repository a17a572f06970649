import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupHosts, hostVars } from '../../../src/inventory/host-vars.js';
import { loadInventory } from '../../../src/inventory/load.js';
import { VarsDir } from '../../../src/inventory/vars-dir.js';
import { inventoryOf } from './inventory-of.js';
import { tempTree } from './temp-tree.js';

describe('hostVars', () => {
  it('lets child groups override parents, whatever the names', () => {
    const inv = inventoryOf('[zz_parent:children]\naa_child\n[aa_child]\nh1\n[zz_parent:vars]\nv=parent\n[aa_child:vars]\nv=child\n');
    expect(hostVars(inv, 'h1')).toEqual({ v: 'child' });
  });

  it('orders groups of the same depth by ansible_group_priority, then by name', () => {
    const inv = inventoryOf('[a]\nh1\n[b]\nh1\n[a:vars]\nv=a\n[b:vars]\nv=b\n');
    expect(hostVars(inv, 'h1')).toEqual({ v: 'b' });
    const prioritised = inventoryOf('[a]\nh1\n[b]\nh1\n[a:vars]\nv=a\nansible_group_priority=5\n[b:vars]\nv=b\n');
    expect(hostVars(prioritised, 'h1')).toEqual({ v: 'a' });
  });

  it('applies all first and host vars last', () => {
    const inv = inventoryOf('[g]\nh1 v=host\n[g:vars]\nv=group\nw=group\n[all:vars]\nw=all\nx=all\n');
    expect(hostVars(inv, 'h1')).toEqual({ v: 'host', w: 'group', x: 'all' });
  });

  it('puts group_vars files above inline group vars, and host_vars above everything', async () => {
    const dir = tempTree({
      hosts: '[web]\nw1 v=inline_host\n[web:vars]\nv=inline_group\nu=inline_group\n[all:vars]\nt=inline_all\n',
      'group_vars/all.yml': 't: file_all\nu: file_all\n',
      'host_vars/w1.yml': 'v: file_host\n',
    });
    try {
      const inv = await loadInventory([path.join(dir, 'hosts')], () => {});
      // group_vars/all beats the inline vars of every group (Ansible's precedence levels 3 < 4)
      expect(hostVars(inv, 'w1')).toEqual({ t: 'file_all', u: 'file_all', v: 'file_host' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds playbook-adjacent group_vars/host_vars above the inventory ones', async () => {
    const dir = tempTree({
      'inv/hosts': '[web]\nw1\n',
      'inv/group_vars/web.yml': 'v: inventory\n',
      'play/group_vars/web.yml': 'v: playbook\n',
    });
    try {
      const inv = await loadInventory([path.join(dir, 'inv/hosts')], () => {});
      expect(hostVars(inv, 'w1', [new VarsDir(path.join(dir, 'play'), () => {})])).toEqual({ v: 'playbook' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the implicit localhost the all vars, a local connection and Ansible's own Python", () => {
    const inv = inventoryOf('[web]\nw1\n[all:vars]\nntp=pool.ntp.org\n[web:vars]\nweb_only=1\n');
    expect(hostVars(inv, 'localhost')).toEqual({ ntp: 'pool.ntp.org', ansible_connection: 'local', ansible_python_interpreter: '/usr/bin/python3' });
  });

  it('refuses hosts that are not in the inventory', () => {
    expect(() => hostVars(inventoryOf('h1\n'), 'nosuch')).toThrow(/nosuch is not in the inventory/);
  });
});

describe('groupHosts', () => {
  it('lists a group with its descendants, in inventory order, each host once', () => {
    const inv = inventoryOf('[prod:children]\nweb\ndb\n[web]\nw1\nboth\n[db]\nboth\nd1\n[prod]\np1\n');
    expect(groupHosts(inv, 'prod')).toEqual(['p1', 'w1', 'both', 'd1']);
  });

  it('lists every host for all, and nothing for unknown groups', () => {
    const inv = inventoryOf('u1\n[g]\nh1\n');
    expect(groupHosts(inv, 'all')).toEqual(['u1', 'h1']);
    expect(groupHosts(inv, 'nosuch')).toEqual([]);
  });
});
