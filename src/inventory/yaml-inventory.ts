import { ParseError } from '../parsing/parse-error.js';
import { expandHostPattern } from './expand-range.js';
import type { InventoryData } from './inventory-data.js';
import { InventoryError } from './inventory-data.js';
import { pyStr, pyTypeName } from './py-type-name.js';
import type { DataOrigin } from './py-type-name.js';
import type { Warn } from './types.js';

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMappingOrNone = (v: unknown): v is Mapping | null | undefined => v === null || v === undefined || isMapping(v);

/** Walks YAML inventory data group by group, as Ansible's yaml plugin (plugins/inventory/yaml.py). */
class YamlInventoryParser {
  constructor(
    private readonly data: InventoryData,
    private readonly file: string,
    private readonly origin: DataOrigin,
    private readonly warn: Warn,
  ) {}

  private fail(message: string): never {
    throw new ParseError(message, { file: this.file });
  }

  parseGroup(name: string, groupData: unknown): string {
    if (!isMappingOrNone(groupData)) {
      this.warn(`Skipping '${name}' as this is not a valid group definition`);
      return name;
    }
    try {
      this.data.addGroup(name);
    } catch (error) {
      if (error instanceof InventoryError) this.fail(`Unable to add group ${name}: ${error.message}`);
      throw error;
    }
    if (!groupData) return name;
    for (const section of ['vars', 'children', 'hosts']) {
      const value = groupData[section];
      // a bare string is shorthand for a one-entry mapping
      if (typeof value === 'string') groupData[section] = { [value]: null };
      else if (section in groupData && !isMappingOrNone(value)) {
        this.fail(
          `Invalid "${section}" entry for "${name}" group, requires a dictionary, found "${pyTypeName(value, this.origin)}" instead.`,
        );
      }
    }
    for (const [key, value] of Object.entries(groupData)) {
      if (!isMappingOrNone(value)) {
        this.warn(`Skipping key (${key}) in group (${name}) as it is not a mapping, it is a ${pyTypeName(value, this.origin)}`);
      } else if (!value) {
        continue; // Ansible: "Skipping empty key" (-vvv only)
      } else if (key === 'vars') {
        for (const [k, v] of Object.entries(value)) this.data.setVariable(name, k, v);
      } else if (key === 'children') {
        for (const [child, childData] of Object.entries(value)) this.data.addChild(name, this.parseGroup(child, childData));
      } else if (key === 'hosts') {
        for (const [pattern, hostVars] of Object.entries(value)) this.addHosts(name, pattern, hostVars);
      } else {
        this.warn(`Skipping unexpected key (${key}) in group (${name}), only "vars", "children" and "hosts" are valid`);
      }
    }
    return name;
  }

  private addHosts(group: string, pattern: string, hostVars: unknown): void {
    const vars = hostVars || {};
    if (!isMapping(vars)) this.fail(`Invalid data from file, expected dictionary and got:\n\n${pyStr(vars)}`);
    const { hostnames, port } = expandHostPattern(pattern);
    for (const host of hostnames) {
      this.data.addHost(host, group, port);
      for (const [k, v] of Object.entries(vars)) this.data.setVariable(host, k, v);
    }
  }
}

/**
 * Reads already-loaded YAML/JSON inventory data (top-level keys are groups) into the shared inventory.
 * Throws ParseError with Ansible's messages; warns for keys it skips.
 */
export function parseYamlInventory(
  data: InventoryData,
  file: string,
  content: unknown,
  origin: DataOrigin,
  warn: Warn,
): void {
  if (!content || (isMapping(content) && Object.keys(content).length === 0)) {
    throw new ParseError('Parsed empty YAML file', { file });
  }
  if (!isMapping(content)) {
    throw new ParseError(
      `YAML inventory has invalid structure, it should be a dictionary, got: ${pyTypeName(content, origin)}`,
      { file },
    );
  }
  if (content.plugin) throw new ParseError('Plugin configuration YAML file, not YAML inventory', { file });
  const parser = new YamlInventoryParser(data, file, origin, warn);
  for (const [group, groupData] of Object.entries(content)) parser.parseGroup(group, groupData);
}
