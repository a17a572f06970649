import { isIP } from 'node:net';
import * as path from 'node:path';
import { ParseError } from '../parsing/parse-error.js';
import type { InventoryData } from './inventory-data.js';
import { InventoryError } from './inventory-data.js';

// The PaaS team's old deploy tool kept its topology in cluster.yml; inventories/README.md describes the mapping.

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/** Top-level keys with a meaning of their own; every other key becomes an `all` var. */
const STRUCTURE_KEYS = new Set(['server', 'components']);
/** Vars the source sets itself, so a top-level key may not take their names. */
const DERIVED_VARS = ['cluster', 'cluster_components'];
const FILE_NAMES = new Set(['cluster.yml', 'cluster.yaml']);
const EXTENSIONS = new Set(['', '.yml', '.yaml', '.json']);

/** What one component runs on: hosts (each with its own vars) and the component's group vars. */
export interface ClusterComponent {
  name: string;
  hosts: Array<{ name: string; vars: Mapping }>;
  vars: Mapping;
}

/** A cluster.yml read into inventory terms, before it is added to an inventory. */
export interface ClusterTopology {
  /** groups in deployment order (`components:`), then `server:` entries not listed there */
  components: ClusterComponent[];
  /** vars for `all`: other top-level keys, `cluster` (the top-level IPs) and `cluster_components` */
  allVars: Mapping;
}

/**
 * Whether a file is a cluster.yml source: named cluster.yml/cluster.yaml with `server:` or `components:`,
 * or any YAML mapping with both `server:` (a mapping) and `components:` (a list). Other files, an ordinary
 * YAML inventory named cluster.yml included, are left to Ansible's plugins without a message.
 */
export function isClusterYmlSource(file: string, load: () => unknown): boolean {
  const base = path.basename(file);
  if (!FILE_NAMES.has(base) && !EXTENSIONS.has(path.extname(base))) return false;
  let content: unknown;
  try {
    content = load();
  } catch {
    return false; // not YAML: the yaml plugin reports it, if it is its file
  }
  if (!isMapping(content)) return false;
  if (FILE_NAMES.has(base)) return 'server' in content || 'components' in content;
  return isMapping(content.server) && Array.isArray(content.components);
}

class ClusterReader {
  constructor(private readonly file: string) {}

  fail(message: string): never {
    throw new ParseError(`${this.file}: ${message}`, { file: this.file });
  }

  order(content: Mapping): string[] {
    const list = content.components ?? [];
    if (!Array.isArray(list)) this.fail(`'components' must be a list of component names, got: ${JSON.stringify(list)}`);
    for (const item of list) {
      if (typeof item !== 'string' || item === '') this.fail(`'components' entries must be component names (strings), got: ${JSON.stringify(item)}`);
    }
    return list as string[];
  }

  servers(content: Mapping): Mapping {
    const server = content.server ?? {};
    if (!isMapping(server)) this.fail(`'server' must be a mapping of component: {ip: [addresses]}, got: ${JSON.stringify(server)}`);
    return server;
  }

  /** `ip: 10.0.0.1`, `ip: [a, b]`, or list items `{10.0.0.1: {var: value}}` for per-host vars. */
  hosts(component: string, ip: unknown): Array<{ name: string; vars: Mapping }> {
    const where = `server.${component}.ip`;
    if (ip === undefined || ip === null) return [];
    const items = Array.isArray(ip) ? ip : [ip];
    return items.map((item) => {
      if (isScalar(item) && String(item) !== '') return { name: String(item), vars: {} };
      if (isMapping(item) && Object.keys(item).length === 1) {
        const [name, vars] = Object.entries(item)[0] as [string, unknown];
        if (vars === null || vars === undefined) return { name, vars: {} };
        if (isMapping(vars)) return { name, vars: { ...vars } };
      }
      return this.fail(`'${where}' entries must be an address, or {address: {var: value}}, got: ${JSON.stringify(item)}`);
    });
  }

  component(name: string, entry: unknown, content: Mapping): ClusterComponent {
    if (name === 'all' || name === 'ungrouped') this.fail(`'${name}' cannot be a component name (it is an Ansible group of its own)`);
    if (entry === undefined || entry === null) {
      // a component without a server entry runs on its top-level address, if it has one
      const address = content[name];
      return { name, hosts: isScalar(address) && address !== '' ? [{ name: String(address), vars: {} }] : [], vars: {} };
    }
    if (!isMapping(entry)) this.fail(`'server.${name}' must be a mapping with an 'ip' list, got: ${JSON.stringify(entry)}`);
    const { ip, ...vars } = entry;
    return { name, hosts: this.hosts(name, ip), vars };
  }
}

/** Reads cluster.yml content into groups and vars; throws ParseError naming the file and the bad key. */
export function readClusterTopology(file: string, content: unknown): ClusterTopology {
  const reader = new ClusterReader(file);
  if (!isMapping(content)) return reader.fail(`a cluster.yml must be a mapping with 'server' and 'components', got: ${JSON.stringify(content)}`);
  if (!('server' in content) && !('components' in content)) reader.fail("not a cluster.yml: it has neither 'server' nor 'components'");
  const order = reader.order(content);
  const servers = reader.servers(content);
  const names = [...new Set([...order, ...Object.keys(servers)])];
  const components = names.map((name) => reader.component(name, servers[name], content));
  const allVars: Mapping = {};
  const cluster: Mapping = {};
  for (const [key, value] of Object.entries(content)) {
    if (STRUCTURE_KEYS.has(key)) continue;
    if (DERIVED_VARS.includes(key)) reader.fail(`'${key}' is set by tsible from the file's contents and cannot be a top-level key`);
    allVars[key] = value;
    if (typeof value === 'string' && isIP(value) !== 0) cluster[key] = value;
  }
  allVars.cluster = cluster;
  allVars.cluster_components = [...order];
  return { components, allVars };
}

/** The cluster.yml inventory source: one group per component (hosts by address), topology vars on `all`. */
export function parseClusterYml(data: InventoryData, file: string, content: unknown): void {
  const topology = readClusterTopology(file, content);
  try {
    for (const component of topology.components) {
      data.addGroup(component.name);
      for (const host of component.hosts) {
        data.addHost(host.name, component.name);
        for (const [k, v] of Object.entries(host.vars)) data.setVariable(host.name, k, v);
      }
      for (const [k, v] of Object.entries(component.vars)) data.setVariable(component.name, k, v);
    }
    for (const [k, v] of Object.entries(topology.allVars)) data.setVariable('all', k, v);
  } catch (error) {
    if (error instanceof InventoryError) throw new ParseError(`${file}: ${error.message}`, { file }, { cause: error });
    throw error;
  }
}
