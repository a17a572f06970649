import { groupHosts, hostVars } from './host-vars.js';
import { implicitLocalhost } from './implicit-localhost.js';
import { pyStr } from './py-str.js';
import type { Group, Inventory } from './types.js';
import type { VarsDir } from './vars-dir.js';

type Vars = Record<string, unknown>;

// cli/inventory.py INTERNAL_VARS: never shown, even when an inventory sets them
const INTERNAL_VARS = new Set([
  'ansible_diff_mode', 'ansible_config_file', 'ansible_facts', 'ansible_forks', 'ansible_inventory_sources',
  'ansible_limit', 'ansible_playbook_python', 'ansible_run_tags', 'ansible_skip_tags', 'ansible_verbosity',
  'ansible_version', 'inventory_dir', 'inventory_file', 'inventory_hostname', 'inventory_hostname_short',
  'groups', 'group_names', 'omit', 'playbook_dir',
]);

/** What `ansible-inventory` is asked to show vars with. */
export interface DumpOptions {
  /** `--export`: group vars on groups, only host-level vars on hosts. @default false */
  export?: boolean;
  /** `--playbook-dir`: its group_vars/ and host_vars/ count for group vars and --export host vars */
  playbookDirs?: VarsDir[];
  /**
   * The loader's basedir (`--playbook-dir`, else the current directory): its group_vars/ and host_vars/
   * count for merged host vars, as VariableManager always reads them there. @default playbookDirs
   */
  basedirs?: VarsDir[];
  /** `-e`: merged into each host's vars (not with --export, not into group vars) */
  extraVars?: Vars;
}

function withoutInternal(vars: Vars): Vars {
  return Object.fromEntries(Object.entries(vars).filter(([k]) => !INTERNAL_VARS.has(k)));
}

/**
 * The views of one inventory that `ansible-inventory` prints (cli/inventory.py): `--list` as JSON or
 * YAML data, `--host` vars, `--graph` lines. Values keep their identity (shared nested objects), so the
 * YAML dumper can anchor them as PyYAML does.
 */
export class InventoryDump {
  constructor(
    private readonly inv: Inventory,
    private readonly options: DumpOptions = {},
  ) {}

  /** `_get_host_variables`: host-level vars (+ host_vars/) with --export, else all merged vars and -e. */
  hostVars(name: string): Vars {
    const playbookDirs = this.options.playbookDirs ?? [];
    if (!this.options.export) {
      return withoutInternal({ ...hostVars(this.inv, name, this.options.basedirs ?? playbookDirs), ...this.options.extraVars });
    }
    const host = this.inv.hosts.get(name) ?? implicitLocalhost(this.inv, name);
    let vars: Vars = { ...host?.vars };
    for (const dir of [...(this.inv.varsDirs ?? []), ...playbookDirs]) vars = { ...vars, ...dir.hostVars(name) };
    return withoutInternal(vars);
  }

  /** `_get_group_variables`: the group's own vars, its group_vars/ files, and a priority other than 1. */
  groupVars(group: Group): Vars {
    let vars: Vars = { ...group.vars };
    for (const dir of [...(this.inv.varsDirs ?? []), ...(this.options.playbookDirs ?? [])]) vars = { ...vars, ...dir.groupVars(group.name) };
    if (group.priority !== undefined && group.priority !== 1) vars.ansible_group_priority = group.priority;
    return withoutInternal(vars);
  }

  private group(name: string): Group {
    const group = this.inv.groups.get(name);
    if (!group) throw new Error(`InventoryDump: no group ${name} (tsible bug: please report it)`);
    return group;
  }

  /** `json_inventory`: one entry per non-empty group (each listed once), then `_meta.hostvars`. */
  listJson(): Vars {
    const results: Vars = {};
    const seen = new Set<string>();
    const format = (group: Group): void => {
      const entry: Vars = {};
      if (group.name !== 'all' && group.hosts.length > 0) entry.hosts = [...group.hosts];
      if (group.children.length > 0) entry.children = [...group.children];
      results[group.name] = entry;
      for (const child of group.children) {
        if (seen.has(child)) continue;
        format(this.group(child));
        seen.add(child);
      }
      if (this.options.export) {
        const vars = this.groupVars(group);
        if (Object.keys(vars).length > 0) entry.vars = vars;
      }
      if (Object.keys(entry).length === 0) delete results[group.name];
    };
    format(this.group('all'));
    const hostvars: Vars = {};
    for (const host of groupHosts(this.inv, 'all')) {
      const vars = this.hostVars(host);
      if (Object.keys(vars).length > 0) hostvars[host] = vars;
    }
    results._meta = { hostvars };
    return results;
  }

  /** `yaml_inventory`: the YAML inventory format; a host's vars are written where it is first met. */
  listYaml(): Vars {
    const seen = new Set<string>();
    const format = (group: Group): Vars => {
      const entry: Vars = {};
      const children: Vars = {};
      for (const child of group.children) {
        if (child !== 'all') Object.assign(children, format(this.group(child)));
      }
      if (Object.keys(children).length > 0) entry.children = children;
      const hosts: Vars = {};
      if (group.name !== 'all') {
        for (const host of group.hosts) {
          hosts[host] = seen.has(host) ? {} : this.hostVars(host);
          seen.add(host);
        }
      }
      if (Object.keys(hosts).length > 0) entry.hosts = hosts;
      if (this.options.export) {
        const vars = this.groupVars(group);
        if (Object.keys(vars).length > 0) entry.vars = vars;
      }
      return { [group.name]: entry };
    };
    return format(this.group('all'));
  }

  /** `inventory_graph` from `start`: `@group:` lines, hosts, and with `showVars` `{name = value}` lines. */
  graph(start: string, showVars: boolean): string[] {
    const name = (text: string, depth: number): string => (depth ? `${'  |'.repeat(depth)}--${text}` : text);
    const vars = (shown: Vars, depth: number): string[] =>
      Object.keys(shown)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((k) => name(`{${k} = ${pyStr(shown[k])}}`, depth));
    const walk = (group: Group, depth: number): string[] => {
      const lines = [name(`@${group.name}:`, depth)];
      for (const child of group.children) lines.push(...walk(this.group(child), depth + 1));
      if (group.name !== 'all') {
        for (const host of group.hosts) {
          lines.push(name(host, depth + 1));
          if (showVars) lines.push(...vars(this.hostVars(host), depth + 2));
        }
      }
      if (showVars) lines.push(...vars(this.groupVars(group), depth + 1));
      return lines;
    };
    return walk(this.group(start), 0);
  }
}
