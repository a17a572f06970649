// PyYAML's dump output (what Ansible's to_yaml/to_nice_yaml print), ported from yaml/emitter.py; libyaml's emitter agrees.
import { isMapping, isUndefined, PyFloat, pyRepr, TemplateError, UndefinedVariableError } from '../values.js';
import { comparePyStr } from './py-json.js';
import { analyzeScalar, BREAKS, ESCAPES, IMPLICIT, libyamlPrintable } from './yaml-scalar.js';

export interface YamlDumpOptions {
  /** @default 2 */
  indent?: number;
  /** true: all flow; false: all block; null: flow only for collections of plain scalars @default null */
  defaultFlowStyle?: boolean | null;
  /** @default 80 */
  width?: number;
  /** @default true */
  sortKeys?: boolean;
  /** @default true (Ansible passes allow_unicode=True) */
  allowUnicode?: boolean;
  explicitStart?: boolean;
}

type Node =
  | { kind: 'scalar'; value: string; plainImplicit: boolean; nonSpecificTag?: boolean }
  | { kind: 'seq'; items: Node[]; flow: boolean }
  | { kind: 'map'; pairs: [Node, Node][]; flow: boolean };

function floatScalar(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  let text = pyRepr(Number.isInteger(n) ? new PyFloat(n) : n).toLowerCase();
  if (!text.includes('.') && text.includes('e')) text = text.replace('e', '.0e');
  return text;
}

function represent(value: unknown, options: Required<Omit<YamlDumpOptions, 'explicitStart'>>): Node {
  const scalar = (text: string): Node => ({ kind: 'scalar', value: text, plainImplicit: true });
  if (value === null || value === undefined) return scalar('null');
  if (isUndefined(value)) throw new UndefinedVariableError(value.hint);
  if (typeof value === 'boolean') return scalar(value ? 'true' : 'false');
  if (typeof value === 'bigint') return scalar(value.toString());
  if (typeof value === 'number') return scalar(Number.isInteger(value) ? String(value) : floatScalar(value));
  if (value instanceof PyFloat) return scalar(floatScalar(value.value));
  if (typeof value === 'string') return { kind: 'scalar', value, plainImplicit: !IMPLICIT.some((re) => re.test(value)) };
  // represent_datetime; libyaml then writes it as `! '2024-03-01 12:00:00'` (non-specific tag, quoted)
  if (typeof (value as { isoformat?: unknown }).isoformat === 'function') {
    return { kind: 'scalar', value: String(value), plainImplicit: false, nonSpecificTag: true };
  }
  const flowOf = (children: Node[]): boolean =>
    options.defaultFlowStyle ?? children.every((c) => c.kind === 'scalar');
  if (Array.isArray(value)) {
    const items = value.map((v) => represent(v, options));
    return { kind: 'seq', items, flow: flowOf(items) };
  }
  if (isMapping(value)) {
    let keys = Object.keys(value);
    if (options.sortKeys) keys = [...keys].sort(comparePyStr);
    const pairs = keys.map((k): [Node, Node] => [represent(k, options), represent(value[k], options)]);
    return { kind: 'map', pairs, flow: flowOf(pairs.flat()) };
  }
  throw new TemplateError(`cannot represent an object: ${String(value)}`);
}

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  openEnded = false;
  indent: number | null = null;
  indents: (number | null)[] = [];
  flowLevel = 0;
  rootContext = false;
  sequenceContext = false;
  mappingContext = false;
  simpleKeyContext = false;

  constructor(
    readonly bestIndent: number,
    readonly bestWidth: number,
    readonly allowUnicode: boolean,
  ) {}

  write(data: string, width = [...data].length): void {
    this.out += data;
    this.column += width;
  }

  increaseIndent(flow = false, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? null;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.openEnded = false;
    this.write(data);
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  writeLineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  expectNode(node: Node, ctx: { root?: boolean; sequence?: boolean; mapping?: boolean; simpleKey?: boolean }): void {
    this.rootContext = ctx.root ?? false;
    this.sequenceContext = ctx.sequence ?? false;
    this.mappingContext = ctx.mapping ?? false;
    this.simpleKeyContext = ctx.simpleKey ?? false;
    if (node.kind === 'scalar') {
      this.increaseIndent(true);
      this.processScalar(node);
      this.popIndent();
    } else if (node.kind === 'seq') {
      if (this.flowLevel || node.flow || node.items.length === 0) this.flowSequence(node.items);
      else this.blockSequence(node.items);
    } else if (this.flowLevel || node.flow || node.pairs.length === 0) this.flowMapping(node.pairs);
    else this.blockMapping(node.pairs);
  }

  flowSequence(items: Node[]): void {
    this.writeIndicator('[', true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(',', false);
      if (this.column > this.bestWidth) this.writeIndent();
      this.expectNode(item, { sequence: true });
    });
    this.popIndent();
    this.flowLevel--;
    this.writeIndicator(']', false);
  }

  flowMapping(pairs: [Node, Node][]): void {
    this.writeIndicator('{', true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    pairs.forEach(([key, value], i) => {
      if (i > 0) this.writeIndicator(',', false);
      if (this.column > this.bestWidth) this.writeIndent();
      if (this.checkSimpleKey(key)) {
        this.expectNode(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true);
        this.expectNode(key, { mapping: true });
        if (this.column > this.bestWidth) this.writeIndent();
        this.writeIndicator(':', true);
      }
      this.expectNode(value, { mapping: true });
    });
    this.popIndent();
    this.flowLevel--;
    this.writeIndicator('}', false);
  }

  blockSequence(items: Node[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.expectNode(item, { sequence: true });
    }
    this.popIndent();
  }

  blockMapping(pairs: [Node, Node][]): void {
    this.increaseIndent(false);
    for (const [key, value] of pairs) {
      this.writeIndent();
      if (this.checkSimpleKey(key)) {
        this.expectNode(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.expectNode(key, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.expectNode(value, { mapping: true });
    }
    this.popIndent();
  }

  checkSimpleKey(node: Node): boolean {
    if (node.kind === 'seq') return node.items.length === 0;
    if (node.kind === 'map') return node.pairs.length === 0;
    const chars = [...node.value];
    const analysis = analyzeScalar(chars, this.allowUnicode);
    return chars.length < 128 && !analysis.empty && !analysis.multiline;
  }

  processScalar(node: Node & { kind: 'scalar' }): void {
    const chars = [...node.value];
    const a = analyzeScalar(chars, this.allowUnicode);
    const split = !this.simpleKeyContext;
    if (node.nonSpecificTag) {
      this.writeIndicator('!', true);
      this.writeSingleQuoted(chars, split);
      return;
    }
    if (
      node.plainImplicit &&
      !(this.simpleKeyContext && (a.empty || a.multiline)) &&
      ((this.flowLevel && a.allowFlowPlain) || (!this.flowLevel && a.allowBlockPlain))
    ) {
      this.writePlain(chars, split);
    } else if (a.allowSingleQuoted && !(this.simpleKeyContext && a.multiline)) {
      this.writeSingleQuoted(chars, split);
    } else {
      this.writeDoubleQuoted(chars, split);
    }
  }

  writeChunk(chars: string[], start: number, end: number): void {
    this.write(chars.slice(start, end).join(''), end - start);
  }

  writeBreaks(chars: string[], start: number, end: number): void {
    if (chars[start] === '\n') this.writeLineBreak();
    for (const br of chars.slice(start, end)) this.writeLineBreak(br);
    this.writeIndent();
  }

  writePlain(chars: string[], split: boolean): void {
    if (this.rootContext) this.openEnded = true;
    if (chars.length === 0) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.writeChunk(chars, start, end);
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreaks(chars, start, end);
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch)) {
        this.writeChunk(chars, start, end);
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
  }

  writeSingleQuoted(chars: string[], split: boolean): void {
    this.writeIndicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== chars.length) this.writeIndent();
          else this.writeChunk(chars, start, end);
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreaks(chars, start, end);
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch) || ch === "'") {
        if (start < end) {
          this.writeChunk(chars, start, end);
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  /** libyaml's double-quoted writer (Ansible's dumper is CSafeDumper): folds at a space past the width, no trailing '\'. */
  writeDoubleQuoted(chars: string[], split: boolean): void {
    this.writeIndicator('"', true);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      const code = ch.codePointAt(0) as number;
      if (!libyamlPrintable(code) || (!this.allowUnicode && code > 0x7f) || code === 0xfeff || BREAKS.includes(ch) || ch === '\r' || ch === '"' || ch === '\\') {
        let data: string;
        if (ch in ESCAPES) data = `\\${ESCAPES[ch]}`;
        else if (code <= 0xff) data = `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
        else if (code <= 0xffff) data = `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
        else data = `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
        this.write(data);
        spaces = false;
      } else if (ch === ' ') {
        if (split && !spaces && this.column > this.bestWidth && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.write('\\');
        } else this.write(ch);
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false);
  }
}

/** yaml.dump(value, Dumper=AnsibleDumper (libyaml's CSafeDumper), allow_unicode=True, ...) as Ansible calls it. */
export function pyYamlDump(value: unknown, options: YamlDumpOptions = {}): string {
  const indent = options.indent !== undefined && options.indent > 1 && options.indent < 10 ? options.indent : 2;
  const resolved = {
    indent,
    defaultFlowStyle: options.defaultFlowStyle ?? null,
    width: options.width !== undefined && options.width > indent * 2 ? options.width : 80,
    sortKeys: options.sortKeys ?? true,
    allowUnicode: options.allowUnicode ?? true,
  };
  const root = represent(value, resolved);
  const e = new Emitter(resolved.indent, resolved.width, resolved.allowUnicode);
  if (options.explicitStart) {
    e.writeIndicator('---', true);
  }
  e.expectNode(root, { root: true });
  e.writeIndent();
  // Ansible's dumper is libyaml's (CSafeDumper), which does not close a plain root scalar with '...' like PyYAML does
  return e.out;
}
