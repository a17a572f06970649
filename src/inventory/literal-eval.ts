import { NotALiteral, tokenizePython } from './python-tokens.js';
import type { PyToken } from './python-tokens.js';

/** Result of evaluating a Python literal: the value, or "not a literal" (the caller keeps its text). */
export type LiteralResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Python dict keys become JSON object keys the way json.dumps writes them. */
function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  if (key === true) return 'true';
  if (key === false) return 'false';
  if (key === null) return 'null';
  throw new NotALiteral('unhashable or unsupported dict key');
}

class LiteralParser {
  private pos = 0;
  constructor(private readonly tokens: PyToken[]) {}

  private peek(): PyToken {
    return this.tokens[this.pos] ?? { kind: 'end' };
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) throw new NotALiteral(`expected ${value}`);
    this.pos++;
  }

  /** The whole input: an expression, or a bare tuple `1, 2`. */
  parseAll(): unknown {
    const value = this.parseTupleOrExpr('end');
    if (this.peek().kind !== 'end') throw new NotALiteral('trailing text');
    return value;
  }

  /** `a`, `a,`, `a, b` up to the closer; a comma makes it a tuple (a JSON list). */
  private parseTupleOrExpr(closer: string): unknown {
    const first = this.parseExpr();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.pos++;
      if (this.atCloser(closer)) break;
      items.push(this.parseExpr());
    }
    return items;
  }

  private atCloser(closer: string): boolean {
    return closer === 'end' ? this.peek().kind === 'end' : this.isOp(closer);
  }

  /** One element; `+`/`-` only on a number, as `_convert_signed_num` allows. */
  private parseExpr(): unknown {
    let value: unknown;
    if (this.isOp('-') || this.isOp('+')) {
      const negative = this.isOp('-');
      this.pos++;
      const operand = this.parseNumberOperand();
      value = negative ? -operand : operand;
    } else {
      value = this.parseAtom();
    }
    // `1+2j` is the only BinOp literal_eval takes, and complex numbers have no JSON form
    if (this.isOp('+') || this.isOp('-')) throw new NotALiteral('only complex numbers may be added');
    return value;
  }

  /** A number constant, possibly parenthesised (parentheses make no AST node). */
  private parseNumberOperand(): number {
    let depth = 0;
    while (this.isOp('(')) {
      depth++;
      this.pos++;
    }
    const t = this.peek();
    if (t.kind !== 'number' || t.imaginary) throw new NotALiteral('sign on a non-number');
    this.pos++;
    for (; depth > 0; depth--) this.expectOp(')');
    return t.value;
  }

  private parseAtom(): unknown {
    const t = this.peek();
    this.pos++;
    switch (t.kind) {
      case 'number':
        if (t.imaginary) throw new NotALiteral('complex numbers have no JSON form');
        return t.value;
      case 'string':
        return this.continueStrings(t.value, t.bytes);
      case 'name':
        return this.parseName(t.value);
      case 'op':
        return this.parseBracket(t.value);
      case 'end':
        throw new NotALiteral('unexpected end');
    }
  }

  /** Adjacent string literals concatenate (`'a' 'b'`), but str and bytes do not mix. */
  private continueStrings(first: string, bytes: boolean): string {
    let value = first;
    for (let t = this.peek(); t.kind === 'string'; t = this.peek()) {
      if (t.bytes !== bytes) throw new NotALiteral('cannot mix bytes and nonbytes literals');
      value += t.value;
      this.pos++;
    }
    return value;
  }

  private parseName(name: string): unknown {
    if (name === 'True') return true;
    if (name === 'False') return false;
    if (name === 'None') return null;
    if (name === 'set' && this.isOp('(')) {
      this.pos++;
      this.expectOp(')');
      return [];
    }
    throw new NotALiteral(`name ${name}`);
  }

  private parseBracket(open: string): unknown {
    if (open === '(') {
      if (this.isOp(')')) {
        this.pos++;
        return [];
      }
      const value = this.parseTupleOrExpr(')');
      this.expectOp(')');
      return value;
    }
    if (open === '[') return this.parseSequence(']');
    if (open === '{') return this.parseBrace();
    throw new NotALiteral(`operator ${open}`);
  }

  private parseSequence(closer: string): unknown[] {
    const items: unknown[] = [];
    while (!this.isOp(closer)) {
      items.push(this.parseExpr());
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expectOp(closer);
    return items;
  }

  /** `{}` is a dict, `{k: v}` a dict, `{a, b}` a set (kept as a list of distinct values). */
  private parseBrace(): unknown {
    if (this.isOp('}')) {
      this.pos++;
      return {};
    }
    const first = this.parseExpr();
    if (!this.isOp(':')) {
      const rest = this.isOp(',') ? (this.pos++, this.parseSequence('}')) : (this.expectOp('}'), []);
      const seen = new Set<string>();
      return [first, ...rest].filter((v) => {
        const key = JSON.stringify(v);
        if (typeof v === 'object' && v !== null) throw new NotALiteral('unhashable set element');
        return seen.has(key) ? false : (seen.add(key), true);
      });
    }
    const dict: Record<string, unknown> = {};
    let key = first;
    for (;;) {
      this.expectOp(':');
      dict[keyText(key)] = this.parseExpr();
      if (!this.isOp(',')) break;
      this.pos++;
      if (this.isOp('}')) break;
      key = this.parseExpr();
    }
    this.expectOp('}');
    return dict;
  }
}

/**
 * Python's `ast.literal_eval`, which Ansible's INI plugin applies to every variable value:
 * numbers, strings, True/False/None, tuples/lists/dicts/sets of those. Anything else is "not a literal".
 */
export function literalEval(text: string): LiteralResult {
  try {
    // literal_eval strips leading spaces and tabs before parsing (Python >= 3.10)
    const tokens = tokenizePython(text.replace(/^[ \t]+/, ''));
    return { ok: true, value: new LiteralParser(tokens).parseAll() };
  } catch (error) {
    if (error instanceof NotALiteral) return { ok: false, reason: error.message };
    throw error;
  }
}

/** What an INI value becomes in Ansible: its literal value, or the text itself. */
export function iniValue(text: string): unknown {
  const result = literalEval(text);
  return result.ok ? result.value : text;
}
