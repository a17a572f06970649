// cluster.yml, the old PaaS deploy tool's topology file, read as an inventory source. Ansible has no
// counterpart, so the expectations are written by hand from inventories/cluster.yml.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isClusterYmlSource, readClusterTopology } from '../../../src/inventory/cluster-yml.js';
import { groupHosts, hostVars } from '../../../src/inventory/host-vars.js';
import { loadInventory } from '../../../src/inventory/load.js';
import type { Inventory } from '../../../src/inventory/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'inventories', 'cluster.yml');
const PROD = path.join(ROOT, 'inventories', 'prod');

const ORDER = ['nats', 'postgres', 'uaa', 'cc', 'router', 'health_manager', 'dea', 'mysql_gateway', 'mysql_node', 'lvs_director'];
const CLUSTER = { nats: '192.0.2.10', uaa: '192.0.2.30', cc: '192.0.2.40', ccdb: '192.0.2.70', vip: '203.0.113.10' };
const ALL_VARS = { ...CLUSTER, domain: 'paas.example.com', cluster: CLUSTER, cluster_components: ORDER };

async function load(sources: string[]): Promise<{ inv: Inventory; warnings: string[] }> {
  const warnings: string[] = [];
  const inv = await loadInventory(sources, (m) => warnings.push(m));
  return { inv, warnings };
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tsible-cluster-')), name);
  writeFileSync(file, text);
  return file;
}

describe('inventories/cluster.yml', () => {
  it('has one group per component, in deployment order, each a child of all', async () => {
    const { inv, warnings } = await load([EXAMPLE]);
    expect(warnings).toEqual([]);
    expect(inv.groups.get('all')?.children).toEqual(['ungrouped', ...ORDER]);
    expect(Object.fromEntries(ORDER.map((g) => [g, groupHosts(inv, g)]))).toEqual({
      nats: ['192.0.2.10'],
      postgres: ['192.0.2.70'],
      uaa: ['192.0.2.30'],
      cc: ['192.0.2.40'],
      router: ['192.0.2.20', '192.0.2.21'],
      health_manager: ['192.0.2.50'],
      dea: ['198.51.100.11', '198.51.100.12', '198.51.100.13', '198.51.100.14'],
      mysql_gateway: ['192.0.2.60'],
      mysql_node: ['198.51.100.21', '198.51.100.22', '198.51.100.23'],
      lvs_director: ['203.0.113.11', '203.0.113.12'],
    });
    expect(groupHosts(inv, 'ungrouped')).toEqual([]);
  });

  it('puts the top-level addresses, the cluster dict and the component order on all', async () => {
    const { inv } = await load([EXAMPLE]);
    expect(inv.groups.get('all')?.vars).toEqual(ALL_VARS);
    expect(hostVars(inv, '192.0.2.10')).toEqual(ALL_VARS);
  });

  it('gives component keys other than ip to the group, and per-address vars to the host', async () => {
    const { inv } = await load([EXAMPLE]);
    expect(inv.groups.get('dea')?.vars).toEqual({ dea_stacks: ['ruby19', 'node'], dea_max_memory_mb: 4096 });
    expect(inv.hosts.get('203.0.113.11')?.vars).toEqual({ keepalived_state: 'MASTER', keepalived_priority: 150 });
    expect(hostVars(inv, '203.0.113.12')).toEqual({
      ...ALL_VARS,
      keepalived_state: 'BACKUP',
      keepalived_priority: 100,
      keepalived_virtual_router_id: 51,
      lvs_real_servers: ['192.0.2.20', '192.0.2.21'],
    });
  });

  it('describes the same cluster as the INI inventory inventories/prod', async () => {
    const cluster = (await load([EXAMPLE])).inv;
    const prod = (await load([PROD])).inv;
    expect([...cluster.hosts.keys()]).toEqual([...prod.hosts.keys()]);
    for (const host of prod.hosts.keys()) expect(hostVars(cluster, host), host).toEqual(hostVars(prod, host));
    for (const group of ORDER) expect(groupHosts(cluster, group), group).toEqual(groupHosts(prod, group));
  });
});

describe('cluster.yml reading rules', () => {
  it('puts a host that runs several components in several groups', async () => {
    const file = tempFile('cluster.yml', 'components: [nats, router]\nserver:\n  nats: {ip: 192.0.2.1}\n  router: {ip: [192.0.2.1, 192.0.2.2]}\n');
    const { inv } = await load([file]);
    expect(inv.hosts.get('192.0.2.1')?.groups).toEqual(['nats', 'router']);
    expect(groupHosts(inv, 'router')).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('runs a component without a server entry on its top-level address, and keeps unlisted servers after the order', () => {
    const topology = readClusterTopology('c.yml', { nats: '192.0.2.5', components: ['nats', 'cc'], server: { dea: { ip: ['192.0.2.9'] } } });
    expect(topology.components).toEqual([
      { name: 'nats', hosts: [{ name: '192.0.2.5', vars: {} }], vars: {} },
      { name: 'cc', hosts: [], vars: {} },
      { name: 'dea', hosts: [{ name: '192.0.2.9', vars: {} }], vars: {} },
    ]);
    expect(topology.allVars).toEqual({ nats: '192.0.2.5', cluster: { nats: '192.0.2.5' }, cluster_components: ['nats', 'cc'] });
  });

  it('keeps only addresses in the cluster dict; other top-level keys are plain all vars', () => {
    const { allVars } = readClusterTopology('c.yml', { v6: '2001:db8::1', name: 'prod', port: 4222, server: {} });
    expect(allVars).toEqual({ v6: '2001:db8::1', name: 'prod', port: 4222, cluster: { v6: '2001:db8::1' }, cluster_components: [] });
  });

  it.each([
    [{ components: 'nats', server: {} }, "c.yml: 'components' must be a list of component names, got: \"nats\""],
    [{ components: [1], server: {} }, "c.yml: 'components' entries must be component names (strings), got: 1"],
    [{ server: [] }, "c.yml: 'server' must be a mapping of component: {ip: [addresses]}, got: []"],
    [{ server: { dea: ['192.0.2.1'] } }, "c.yml: 'server.dea' must be a mapping with an 'ip' list, got: [\"192.0.2.1\"]"],
    [{ server: { dea: { ip: [{ a: 1, b: 2 }] } } }, "c.yml: 'server.dea.ip' entries must be an address, or {address: {var: value}}, got: {\"a\":1,\"b\":2}"],
    [{ server: { all: { ip: [] } } }, "c.yml: 'all' cannot be a component name (it is an Ansible group of its own)"],
    [{ cluster: 'x', server: {} }, "c.yml: 'cluster' is set by tsible from the file's contents and cannot be a top-level key"],
    [{ all: { hosts: {} } }, "c.yml: not a cluster.yml: it has neither 'server' nor 'components'"],
  ])('refuses %j', (content, message) => {
    expect(() => readClusterTopology('c.yml', content)).toThrow(message);
  });

  it('is recognised by name, or by the server+components shape, and never by anything else', () => {
    expect(isClusterYmlSource('/x/cluster.yaml', () => ({ components: [] }))).toBe(true);
    expect(isClusterYmlSource('/x/cluster.yaml', () => ({ all: {} }))).toBe(false);
    expect(isClusterYmlSource('/x/paas.yml', () => ({ server: {}, components: [] }))).toBe(true);
    expect(isClusterYmlSource('/x/paas.yml', () => ({ all: { hosts: {} } }))).toBe(false);
    expect(isClusterYmlSource('/x/paas.ini', () => ({ server: {}, components: [] }))).toBe(false);
    expect(
      isClusterYmlSource('/x/broken.yml', () => {
        throw new Error('not YAML');
      }),
    ).toBe(false);
  });

  it('lets an ordinary YAML inventory named cluster.yml fall through to the yaml plugin, silently', async () => {
    const file = tempFile('cluster.yml', 'all:\n  children:\n    web:\n      hosts:\n        web1:\n');
    const { inv, warnings } = await load([file]);
    expect(warnings).toEqual([]);
    expect(groupHosts(inv, 'web')).toEqual(['web1']);
  });

  it('reports a broken cluster.yml as Ansible reports an unparsable source', async () => {
    const file = tempFile('cluster.yml', 'components: [nats]\nserver: [oops]\n');
    const { warnings } = await load([file]);
    expect(warnings[0]).toMatch(`Failed to parse ${file} with cluster_yml plugin: ${file}: 'server' must be a mapping`);
    expect(warnings.join('\n')).not.toContain('yaml plugin');
    expect(warnings).toContain(`Unable to parse ${file} as an inventory source`);
  });
});
