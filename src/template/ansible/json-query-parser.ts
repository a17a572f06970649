// JMESPath lexer and Pratt parser, following jmespath.py's grammar and binding powers.
import { TemplateError } from '../values.js';

type Tok = { type: string; value?: unknown; pos: number };
export type Ast = { type: string; value?: unknown; children: Ast[] };

const node = (type: string, children: Ast[] = [], value?: unknown): Ast => ({ type, children, value });

export function fail(message: string): never {
  throw new TemplateError(`JMESPathError in json_query filter plugin:\n${message}`);
}

function lex(expr: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const simple: Record<string, string> = { '.': 'dot', '*': 'star', ']': 'rbracket', ',': 'comma', ':': 'colon', '@': 'current', '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace' };
  while (i < expr.length) {
    const ch = expr[i] as string;
    const start = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i)) as RegExpExecArray;
      toks.push({ type: 'unquoted_identifier', value: m[0], pos: start });
      i += m[0].length;
    } else if (ch in simple) {
      toks.push({ type: simple[ch] as string, pos: start });
      i++;
    } else if (ch === '[') {
      if (expr[i + 1] === ']') {
        toks.push({ type: 'flatten', pos: start });
        i += 2;
      } else if (expr[i + 1] === '?') {
        toks.push({ type: 'filter', pos: start });
        i += 2;
      } else {
        toks.push({ type: 'lbracket', pos: start });
        i++;
      }
    } else if (/[-0-9]/.test(ch)) {
      const m = /^-?\d+/.exec(expr.slice(i));
      if (!m) fail(`Unknown token '-' at column ${i}`);
      toks.push({ type: 'number', value: Number(m[0]), pos: start });
      i += m[0].length;
    } else if (ch === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(expr.slice(i));
      if (!m) fail(`Unclosed " delimiter at column ${i}`);
      toks.push({ type: 'quoted_identifier', value: JSON.parse(m[0]), pos: start });
      i += m[0].length;
    } else if (ch === "'") {
      const m = /^'(?:[^'\\]|\\.)*'/.exec(expr.slice(i));
      if (!m) fail(`Unclosed ' delimiter at column ${i}`);
      toks.push({ type: 'literal', value: m[0].slice(1, -1).replace(/\\'/g, "'"), pos: start });
      i += m[0].length;
    } else if (ch === '`') {
      const m = /^`(?:[^`\\]|\\.)*`/.exec(expr.slice(i));
      if (!m) fail(`Unclosed \` delimiter at column ${i}`);
      const raw = m[0].slice(1, -1).replace(/\\`/g, '`');
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        try {
          value = JSON.parse(`"${raw.trim()}"`);
        } catch {
          fail(`Bad token ${raw}`);
        }
      }
      toks.push({ type: 'literal', value, pos: start });
      i += m[0].length;
    } else if (ch === '|') {
      if (expr[i + 1] === '|') {
        toks.push({ type: 'or', pos: start });
        i += 2;
      } else {
        toks.push({ type: 'pipe', pos: start });
        i++;
      }
    } else if (ch === '&') {
      if (expr[i + 1] === '&') {
        toks.push({ type: 'and', pos: start });
        i += 2;
      } else {
        toks.push({ type: 'expref', pos: start });
        i++;
      }
    } else if (ch === '!') {
      if (expr[i + 1] === '=') {
        toks.push({ type: 'ne', pos: start });
        i += 2;
      } else {
        toks.push({ type: 'not', pos: start });
        i++;
      }
    } else if (ch === '=' && expr[i + 1] === '=') {
      toks.push({ type: 'eq', pos: start });
      i += 2;
    } else if (ch === '<' || ch === '>') {
      const eq = expr[i + 1] === '=';
      toks.push({ type: `${ch === '<' ? 'lt' : 'gt'}${eq ? 'e' : ''}`, pos: start });
      i += eq ? 2 : 1;
    } else {
      fail(`Unknown token '${ch}' at column ${i}`);
    }
  }
  toks.push({ type: 'eof', pos: expr.length });
  return toks;
}

const BP: Record<string, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0, comma: 0, rbrace: 0, number: 0, current: 0,
  expref: 0, colon: 0, pipe: 1, or: 2, and: 3, eq: 5, gt: 5, lt: 5, gte: 5, lte: 5, ne: 5, flatten: 9, star: 20, filter: 21, dot: 40,
  not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const COMPARATORS = ['eq', 'ne', 'lt', 'gt', 'lte', 'gte'];

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private cur(): Tok {
    return this.toks[this.i] as Tok;
  }
  private peek(n = 1): Tok {
    return this.toks[this.i + n] ?? (this.toks[this.toks.length - 1] as Tok);
  }
  private advance(): Tok {
    return this.toks[this.i++] as Tok;
  }
  private match(type: string): void {
    if (this.cur().type !== type) fail(`Expecting: ${type}, got: ${this.cur().type}`);
    this.i++;
  }

  parse(): Ast {
    const ast = this.expression(0);
    if (this.cur().type !== 'eof') fail(`Unexpected token: ${this.cur().type}`);
    return ast;
  }

  expression(bp: number): Ast {
    let left = this.nud(this.advance());
    while (bp < (BP[this.cur().type] ?? 0)) left = this.led(this.advance(), left);
    return left;
  }

  private nud(t: Tok): Ast {
    switch (t.type) {
      case 'literal': return node('literal', [], t.value);
      case 'unquoted_identifier': return node('field', [], t.value);
      case 'quoted_identifier':
        if (this.cur().type === 'lparen') fail('Quoted identifier not allowed for function names.');
        return node('field', [], t.value);
      case 'star': return node('value_projection', [node('identity'), this.projectionRhs(BP.star as number)]);
      case 'filter': return this.led(t, node('identity'));
      case 'lbrace': return this.multiSelectHash();
      case 'lparen': {
        const e = this.expression(0);
        this.match('rparen');
        return e;
      }
      case 'flatten': return node('projection', [node('flatten', [node('identity')]), this.projectionRhs(BP.flatten as number)]);
      case 'not': return node('not_expression', [this.expression(BP.not as number)]);
      case 'lbracket': {
        const next = this.cur().type;
        if (next === 'number' || next === 'colon') return this.projectIfSlice(node('identity'), this.indexExpression());
        if (next === 'star' && this.peek().type === 'rbracket') {
          this.advance();
          this.advance();
          return node('projection', [node('identity'), this.projectionRhs(BP.star as number)]);
        }
        return this.multiSelectList();
      }
      case 'current': return node('current');
      case 'expref': return node('expref', [this.expression(BP.expref as number)]);
      default: return fail(`Invalid token: ${t.type}`);
    }
  }

  private led(t: Tok, left: Ast): Ast {
    switch (t.type) {
      case 'dot':
        if (this.cur().type !== 'star') return node('subexpression', [left, this.dotRhs(BP.dot as number)]);
        this.advance();
        return node('value_projection', [left, this.projectionRhs(BP.dot as number)]);
      case 'pipe': return node('pipe', [left, this.expression(BP.pipe as number)]);
      case 'or': return node('or', [left, this.expression(BP.or as number)]);
      case 'and': return node('and', [left, this.expression(BP.and as number)]);
      case 'lparen': {
        if (left.type !== 'field') fail('Invalid function name');
        const args: Ast[] = [];
        while (this.cur().type !== 'rparen') {
          args.push(this.expression(0));
          if (this.cur().type === 'comma') this.match('comma');
        }
        this.match('rparen');
        return node('function', args, left.value);
      }
      case 'filter': {
        const condition = this.expression(0);
        this.match('rbracket');
        const right = this.cur().type === 'flatten' ? node('identity') : this.projectionRhs(BP.filter as number);
        return node('filter_projection', [left, right, condition]);
      }
      case 'flatten': return node('projection', [node('flatten', [left]), this.projectionRhs(BP.flatten as number)]);
      case 'lbracket': {
        const next = this.cur().type;
        if (next === 'number' || next === 'colon') return this.projectIfSlice(left, this.indexExpression());
        this.match('star');
        this.match('rbracket');
        return node('projection', [left, this.projectionRhs(BP.star as number)]);
      }
      default:
        if (COMPARATORS.includes(t.type)) return node('comparator', [left, this.expression(BP[t.type] as number)], t.type);
        return fail(`Invalid token: ${t.type}`);
    }
  }

  private indexExpression(): Ast {
    if (this.peek().type === 'colon' || this.cur().type === 'colon') return this.sliceExpression();
    const t = this.advance();
    this.match('rbracket');
    return node('index', [], t.value);
  }

  private sliceExpression(): Ast {
    const parts: (number | null)[] = [null, null, null];
    let index = 0;
    while (this.cur().type !== 'rbracket' && index < 3) {
      if (this.cur().type === 'colon') {
        index++;
        this.advance();
      } else if (this.cur().type === 'number') {
        parts[index] = this.advance().value as number;
      } else fail(`Syntax error in slice: ${this.cur().type}`);
    }
    this.match('rbracket');
    return node('slice', [], parts);
  }

  private projectIfSlice(left: Ast, right: Ast): Ast {
    const indexExpr = node('index_expression', [left, right]);
    if (right.type === 'slice') return node('projection', [indexExpr, this.projectionRhs(BP.star as number)]);
    return indexExpr;
  }

  private projectionRhs(bp: number): Ast {
    const type = this.cur().type;
    if ((BP[type] ?? 0) < 10) return node('identity');
    if (type === 'lbracket' || type === 'filter') return this.expression(bp);
    if (type === 'dot') {
      this.match('dot');
      return this.dotRhs(bp);
    }
    return fail(`Syntax error: unexpected ${type}`);
  }

  private dotRhs(bp: number): Ast {
    const type = this.cur().type;
    if (['quoted_identifier', 'unquoted_identifier', 'star'].includes(type)) return this.expression(bp);
    if (type === 'lbracket') {
      this.match('lbracket');
      return this.multiSelectList();
    }
    if (type === 'lbrace') {
      this.match('lbrace');
      return this.multiSelectHash();
    }
    return fail(`Expecting: identifier, lbracket or lbrace, got: ${type}`);
  }

  private multiSelectList(): Ast {
    const items: Ast[] = [];
    for (;;) {
      items.push(this.expression(0));
      if (this.cur().type === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return node('multi_select_list', items);
  }

  private multiSelectHash(): Ast {
    const pairs: Ast[] = [];
    for (;;) {
      const key = this.advance();
      if (key.type !== 'quoted_identifier' && key.type !== 'unquoted_identifier') fail(`Expecting identifier, got: ${key.type}`);
      this.match('colon');
      pairs.push(node('key_val_pair', [this.expression(0)], key.value));
      if (this.cur().type === 'comma') this.match('comma');
      else if (this.cur().type === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return node('multi_select_hash', pairs);
  }
}

/** Parses a JMESPath expression into the AST evaluate() walks. */
export function parseJmespath(expression: string): Ast {
  return new Parser(lex(expression)).parse();
}
