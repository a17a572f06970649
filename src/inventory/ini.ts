import { ParseError } from '../parsing/parse-error.js';
import { shlexSplit, ShlexError } from '../parsing/shlex-split.js';
import { expandHostPattern } from './expand-range.js';
import type { InventoryData } from './inventory-data.js';
import { iniValue } from './literal-eval.js';

const SECTION_RE = /^\[([^:\]\s]+)(?::([\p{L}\p{N}_]+))?\]\s*(?:#.*)?$/u;
const GROUP_NAME_RE = /^([^:\]\s]+)\s*(?:#.*)?$/;
// Python's str.splitlines() boundaries
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

type SectionState = 'hosts' | 'vars' | 'children';

interface Pending {
  line: number;
  state: SectionState;
  name: string;
  parents: string[];
}

/** Parses one INI inventory file into `data`, exactly as Ansible's ini plugin (plugins/inventory/ini.py). */
class IniParser {
  private lineno = 0;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly data: InventoryData,
    private readonly file: string,
  ) {}

  private fail(message: string): never {
    throw new ParseError(`${this.file}:${this.lineno}: ${message}`, { file: this.file, line: this.lineno });
  }

  parse(text: string): void {
    let group = 'ungrouped';
    let state: SectionState = 'hosts';
    for (const raw of text.split(LINE_BREAK)) {
      this.lineno++;
      const line = raw.trim();
      if (!line || line[0] === '#' || line[0] === ';') continue;
      const section = SECTION_RE.exec(line);
      if (section) {
        [group, state] = this.enterSection(section[1] as string, section[2]);
        continue;
      }
      if (line.startsWith('[') && line.endsWith(']')) {
        this.fail(
          `Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, ` +
            'and that there are no other invalid characters',
        );
      }
      if (state === 'hosts') this.hostLine(line, group);
      else if (state === 'vars') this.varLine(line, group);
      else this.childLine(line, group);
    }
    this.reportUnresolved();
  }

  private enterSection(name: string, tag: string | undefined): [string, SectionState] {
    this.data.checkGroupName(name);
    const state = tag ?? 'hosts';
    if (state !== 'hosts' && state !== 'children' && state !== 'vars') {
      this.fail(`Section [${name}:${state}] has unknown type: ${state}`);
    }
    if (!this.data.inventory.groups.has(name)) {
      // [g:vars] alone does not declare a group; remember it and check at the end
      if (state === 'vars' && !this.pending.has(name)) {
        this.pending.set(name, { line: this.lineno, state, name, parents: [] });
      }
      this.data.addGroup(name);
    }
    const waiting = this.pending.get(name);
    if (waiting && state !== 'vars') {
      if (waiting.state === 'children') this.addPendingChildren(name);
      else this.pending.delete(name);
    }
    return [name, state];
  }

  private addPendingChildren(group: string): void {
    for (const parent of this.pending.get(group)?.parents ?? []) {
      this.data.addChild(parent, group);
      if (this.pending.get(parent)?.state === 'children') this.addPendingChildren(parent);
    }
    this.pending.delete(group);
  }

  private hostLine(line: string, group: string): void {
    let tokens: string[];
    try {
      tokens = shlexSplit(line, true);
    } catch (error) {
      if (error instanceof ShlexError) this.fail(`Error parsing host definition '${line}': ${error.message}`);
      throw error;
    }
    const first = tokens[0];
    if (first === undefined) this.fail('list index out of range');
    const { hostnames, port } = expandHostPattern(first);
    if (first.trim().endsWith(':') && port === undefined) {
      throw new ParseError(
        `Invalid host pattern '${first}' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`,
        { file: this.file, line: this.lineno },
      );
    }
    if (hostnames.some((h) => h.trim() === '---')) {
      throw new ParseError(`Invalid host pattern '${first}' supplied, '---' is normally a sign this is a YAML file.`, {
        file: this.file,
        line: this.lineno,
      });
    }
    const vars: Array<[string, unknown]> = [];
    for (const token of tokens.slice(1)) {
      const eq = token.indexOf('=');
      if (eq < 0) this.fail(`Expected key=value host variable assignment, got: ${token}`);
      vars.push([token.slice(0, eq), iniValue(token.slice(eq + 1))]);
    }
    for (const host of hostnames) {
      this.data.addHost(host, group, port);
      for (const [k, v] of vars) this.data.setVariable(host, k, v);
    }
  }

  private varLine(line: string, group: string): void {
    const eq = line.indexOf('=');
    if (eq < 0) this.fail(`Expected key=value, got: ${line}`);
    this.data.setVariable(group, line.slice(0, eq).trim(), iniValue(line.slice(eq + 1).trim()));
  }

  private childLine(line: string, group: string): void {
    const m = GROUP_NAME_RE.exec(line);
    if (!m) this.fail(`Expected group name, got: ${line}`);
    const child = m[1] as string;
    if (this.data.inventory.groups.has(child)) {
      this.data.addChild(group, child);
      return;
    }
    const waiting = this.pending.get(child);
    if (waiting) waiting.parents.push(group);
    else this.pending.set(child, { line: this.lineno, state: 'children', name: child, parents: [group] });
  }

  /** Only the first unresolved reference is reported, as Ansible does. */
  private reportUnresolved(): void {
    for (const decl of this.pending.values()) {
      const at = `${this.file}:${decl.line}: `;
      const position = { file: this.file, line: decl.line };
      if (decl.state === 'vars') {
        throw new ParseError(`${at}Section [${decl.name}:vars] not valid for undefined group: ${decl.name}`, position);
      }
      const parent = decl.parents[decl.parents.length - 1] ?? '';
      throw new ParseError(`${at}Section [${parent}:children] includes undefined group: ${decl.name}`, position);
    }
  }
}

/**
 * Reads an INI inventory into the shared inventory. Throws ParseError with Ansible's message
 * (`/path/inv:7: Expected key=value host variable assignment, got: foo`); what was read before stays, as in Ansible.
 */
export function parseIniInventory(data: InventoryData, file: string, text: string): void {
  new IniParser(data, file).parse(text);
}
