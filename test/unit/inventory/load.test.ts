import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostVars } from '../../../src/inventory/host-vars.js';
import { loadInventory } from '../../../src/inventory/load.js';
import { tempTree } from './temp-tree.js';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = tempTree(files);
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function load(sources: string[]): Promise<{ inv: Awaited<ReturnType<typeof loadInventory>>; warnings: string[] }> {
  const warnings: string[] = [];
  const inv = await loadInventory(sources, (m) => warnings.push(m));
  return { inv, warnings };
}

describe('loadInventory', () => {
  it('always has all and ungrouped, and puts top-level groups under all', async () => {
    const dir = tree({ hosts: 'solo\n[web]\nw1\n[db]\nd1\n' });
    const { inv } = await load([path.join(dir, 'hosts')]);
    expect(inv.groups.get('all')?.children).toEqual(['ungrouped', 'web', 'db']);
    expect(inv.groups.get('ungrouped')?.hosts).toEqual(['solo']);
    expect(inv.hosts.get('w1')?.source).toBe(path.join(dir, 'hosts'));
  });

  it('reads a comma host list, with ports', async () => {
    const { inv } = await load(['web1,db1:2222,']);
    expect(inv.groups.get('ungrouped')?.hosts).toEqual(['web1', 'db1']);
    expect(inv.hosts.get('db1')?.vars).toEqual({ ansible_port: 2222 });
  });

  it('warns like Ansible about a source that does not exist', async () => {
    const { inv, warnings } = await load(['/nonexistent/inventory']);
    expect(warnings).toEqual([
      'Unable to parse /nonexistent/inventory as an inventory source',
      'No inventory was parsed, only implicit localhost is available',
    ]);
    expect(inv.hosts.size).toBe(0);
  });

  it.skipIf(existsSync('/etc/ansible/hosts'))('does not warn about a missing default /etc/ansible/hosts', async () => {
    const { warnings } = await load(['/etc/ansible/hosts']);
    expect(warnings).toEqual(['No inventory was parsed, only implicit localhost is available']);
  });

  it('fails instead of warning with any_unparsed_is_failed', async () => {
    await expect(loadInventory(['/nonexistent/x'], () => {}, { anyUnparsedIsFailed: true })).rejects.toThrow(
      'Completely failed to parse inventory source /nonexistent/x',
    );
  });

  it('reports every plugin that failed on a file', async () => {
    const dir = tree({ 'bad.yml': 'g1:\n  hosts: [a, b]\n' });
    const file = path.join(dir, 'bad.yml');
    const { warnings } = await load([file]);
    expect(warnings).toEqual([
      `\n* Failed to parse ${file} with auto plugin: no root 'plugin' key found, '${file}' is not a valid YAML inventory plugin config file`,
      `\n* Failed to parse ${file} with yaml plugin: Invalid "hosts" entry for "g1" group, requires a dictionary, found "<class 'ansible.parsing.yaml.objects.AnsibleSequence'>" instead.`,
      `\n* Failed to parse ${file} with ini plugin: Invalid host pattern 'g1:' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`,
      `Unable to parse ${file} as an inventory source`,
      'No inventory was parsed, only implicit localhost is available',
    ]);
  });

  it('tells YAML from INI by content when the file has no extension', async () => {
    const dir = tree({ yamlish: 'g:\n  hosts:\n    h1:\n', iniish: '[g2]\nh2\n' });
    const { inv } = await load([path.join(dir, 'yamlish'), path.join(dir, 'iniish')]);
    expect(inv.groups.get('g')?.hosts).toEqual(['h1']);
    expect(inv.groups.get('g2')?.hosts).toEqual(['h2']);
  });

  it('reads a directory in sorted order, skipping hidden files, vars dirs and ignored extensions like .ini', async () => {
    const dir = tree({
      'b-second': '[g]\nfrom_b\n',
      'a-first.yml': 'g:\n  hosts:\n    from_a:\n',
      'old.ini': '[g]\nfrom_ini\n',
      'notes.md': '[g]\nfrom_md\n',
      '.hidden': '[g]\nfrom_hidden\n',
      'nested/c-third': '[g]\nfrom_nested\n',
      'group_vars/g.yml': 'x: 1\n',
    });
    const { inv } = await load([dir]);
    expect(inv.groups.get('g')?.hosts).toEqual(['from_a', 'from_b', 'from_nested']);
    expect(hostVars(inv, 'from_a')).toEqual({ x: 1 });
  });

  it('merges several sources into one inventory', async () => {
    const dir = tree({ 'a.ini': '[db]\ndb1\n[db:vars]\nrole=db\n', 'b.yml': 'db:\n  vars: {role: database}\n  hosts: {db2: }\n' });
    const { inv } = await load([path.join(dir, 'a.ini'), path.join(dir, 'b.yml')]);
    expect(inv.groups.get('db')?.hosts).toEqual(['db1', 'db2']);
    expect(hostVars(inv, 'db1')).toEqual({ role: 'database' });
  });

  it('loads group_vars/ and host_vars/: NAME, NAME.yml/.yaml/.json or a NAME/ dir', async () => {
    const dir = tree({
      hosts: '[web]\nw1\n[db]\nd1\n',
      'group_vars/all.yml': 'everyone: true\n',
      'group_vars/web/10-base.yml': 'port: 80\nname: base\n',
      'group_vars/web/20-tls.yaml': 'port: 443\n',
      'group_vars/web/.hidden.yml': 'port: 1\n',
      'group_vars/db': 'engine: postgres\n',
      'group_vars/db.yml': 'engine: ignored-because-db-exists\n',
      'host_vars/d1.json': '{"engine_version": 15}',
    });
    const { inv } = await load([path.join(dir, 'hosts')]);
    expect(hostVars(inv, 'w1')).toEqual({ everyone: true, port: 443, name: 'base' });
    expect(hostVars(inv, 'd1')).toEqual({ everyone: true, engine: 'postgres', engine_version: 15 });
  });

  it('fails the load for a broken vars file, naming the file and line', async () => {
    const dir = tree({ hosts: 'h1\n', 'host_vars/h1.yml': 'a: [1\nb: 2\n' });
    await expect(load([path.join(dir, 'hosts')])).rejects.toThrow(/host_vars\/h1\.yml, line 2/);
  });

  it('warns when group_vars is a file', async () => {
    const dir = tree({ hosts: 'h1\n', group_vars: 'oops\n' });
    const { warnings } = await load([path.join(dir, 'hosts')]);
    expect(warnings).toContain(`Found group_vars that is not a directory, skipping: ${path.join(dir, 'group_vars')}`);
  });

  it('warns when a name is both a group and a host', async () => {
    const dir = tree({ hosts: 'web\n[web]\nh1\n' });
    const { warnings } = await load([path.join(dir, 'hosts')]);
    expect(warnings).toEqual(['Found both group and host with same name: web']);
  });

  it('opens vault-encrypted inventory and vars files through the decryptVault hook', async () => {
    const vaulted = (plain: string): string => `$ANSIBLE_VAULT;1.1;AES256\n${Buffer.from(plain).toString('hex')}\n`;
    const dir = tree({ hosts: vaulted('[g]\nh1\n'), 'group_vars/g.yml': vaulted('secret: 42\n') });
    const decryptVault = (text: string): string => Buffer.from(text.split('\n')[1] ?? '', 'hex').toString();
    const inv = await loadInventory([path.join(dir, 'hosts')], () => {}, { decryptVault });
    expect(hostVars(inv, 'h1')).toEqual({ secret: 42 });
  });

  it('without a vault secret, reports a vault inventory as unparsable', async () => {
    const dir = tree({ hosts: '$ANSIBLE_VAULT;1.1;AES256\n6162\n' });
    const file = path.join(dir, 'hosts');
    const { warnings } = await load([file]);
    expect(warnings[0]).toBe(`\n* Failed to parse ${file} with yaml plugin: Attempting to decrypt but no vault secrets found: ${file}`);
  });
});
