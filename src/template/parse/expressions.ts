// Jinja's expression grammar installed on a nunjucks parser instance (see parser.ts for the list of patches).
import { PyFloat } from '../values.js';
import { describe, isSym, L, nj, node, type Node, type ParserLike, type Token } from './nunjucks-types.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const TEST_ARG_STARTS = new Set([L.TOKEN_SYMBOL, L.TOKEN_STRING, L.TOKEN_INT, L.TOKEN_FLOAT, L.TOKEN_BOOLEAN, L.TOKEN_NONE, L.TOKEN_LEFT_PAREN, L.TOKEN_LEFT_BRACKET, 'left-curly']);

/** Replace nunjucks' expression parsing (and token lookahead) with Jinja's on one parser instance. */
export function patchExpressions(p: ParserLike): void {
  const pushed: (Token | null)[] = [];
  // the tokens taken and not given back: an expression missing at the very start of `{{` or of a statement is worded apart
  const taken: (Token | null)[] = [];
  const take = (tok: Token | null): Token | null => {
    taken.push(tok);
    return tok;
  };
  p.nextToken = function nextToken(withWhitespace?: boolean): Token | null {
    while (pushed.length) {
      const tok = pushed.pop() as Token | null;
      if (!withWhitespace && tok && tok.type === L.TOKEN_WHITESPACE) continue;
      return take(tok);
    }
    let tok = p.tokens.nextToken() as Token | null;
    if (!withWhitespace) while (tok && tok.type === L.TOKEN_WHITESPACE) tok = p.tokens.nextToken();
    return take(tok);
  };
  p.peekToken = function peekToken(): Token | null {
    const tok = p.nextToken();
    p.pushToken(tok);
    return tok;
  };
  p.pushToken = function pushToken(tok: Token | null): void {
    pushed.push(tok);
    taken.pop();
  };
  /**
   * Jinja's parse_tuple says "Expected an expression" when nothing at all stands where one must (`{{ }}`,
   * `{% if %}`); a missing operand after an operator is parse_primary's "unexpected ...".
   */
  const atExpressionStart = (): boolean => {
    const last = taken[taken.length - 1];
    const beforeLast = taken[taken.length - 2];
    if (last?.type === L.TOKEN_VARIABLE_START) return true;
    return last?.type === L.TOKEN_SYMBOL && ['if', 'elif', 'for', 'set'].includes(last.value) && beforeLast?.type === L.TOKEN_BLOCK_START;
  };

  p.advanceAfterVariableEnd = function advanceAfterVariableEnd(): void {
    const tok = p.nextToken() as Token | null;
    if (tok && tok.type === L.TOKEN_VARIABLE_END) {
      p.dropLeadingWhitespace = tok.value.charAt(tok.value.length - (p.tokens.tags.VARIABLE_END as string).length - 1) === '-';
    } else {
      p.pushToken(tok);
      p.fail(`expected token 'end of print statement', got '${describe(tok)}'`, tok?.lineno, tok?.colno);
    }
  };

  const parseUntilBlocks = p.parseUntilBlocks.bind(p);
  p.parseUntilBlocks = function parseUntilBlocksChecked(...names: string[]): Node {
    const body = parseUntilBlocks(...names) as Node;
    if (!p.peekToken()) {
      const inner = (names.find((n) => n.startsWith('end')) ?? 'end').slice(3);
      p.fail(`Unexpected end of template. Jinja was looking for the following tags: ${names.filter((n) => n !== 'elseif').map((n) => `'${n}'`).join(' or ')}. The innermost block that needs to be closed is '${inner}'.`);
    }
    return body;
  };

  p.parseInlineIf = function parseInlineIf(): Node {
    const body = p.parseOr();
    if (p.skipSymbol('if')) {
      const cond = p.parseOr();
      const else_ = p.skipSymbol('else') ? p.parseInlineIf() : null;
      return node('InlineIf', body, { cond, body, else_ });
    }
    return body;
  };
  p.parseNot = function parseNot(): Node {
    const tok = p.peekToken() as Token;
    if (p.skipSymbol('not')) return node('Not', tok, { target: p.parseNot() });
    return p.parseCompare();
  };
  p.parseCompare = function parseCompare(): Node {
    const expr = p.parseAdd();
    const ops: Node[] = [];
    for (;;) {
      const tok = p.nextToken() as Token | null;
      if (!tok) break;
      if (tok.type === L.TOKEN_OPERATOR && COMPARE_OPS.has(tok.value)) {
        ops.push(node('CompareOperand', tok, { type: tok.value, expr: p.parseAdd() }));
      } else if (isSym(tok, 'in')) {
        ops.push(node('CompareOperand', tok, { type: 'in', expr: p.parseAdd() }));
      } else if (isSym(tok, 'not')) {
        const next = p.peekToken() as Token | null;
        if (isSym(next, 'in')) {
          p.nextToken();
          ops.push(node('CompareOperand', tok, { type: 'notin', expr: p.parseAdd() }));
        } else {
          p.pushToken(tok);
          break;
        }
      } else {
        p.pushToken(tok);
        break;
      }
    }
    return ops.length ? node('Compare', expr, { expr, ops }) : expr;
  };
  const binary = (next: string, ops: Record<string, string>, tokType = L.TOKEN_OPERATOR) =>
    function parseLevel(): Node {
      let left = p[next]() as Node;
      for (;;) {
        const tok = p.nextToken() as Token | null;
        const kind = tok && tok.type === tokType ? ops[tok.value] : undefined;
        if (!tok || !kind) {
          p.pushToken(tok);
          return left;
        }
        left = node(kind, left, { left, right: p[next]() });
      }
    };
  p.parseAdd = binary('parseConcat', { '+': 'Add', '-': 'Sub' });
  p.parseConcat = binary('parseMul', { '~': 'Concat' }, L.TOKEN_TILDE);
  p.parseMul = binary('parsePow', { '*': 'Mul', '/': 'Div', '//': 'FloorDiv', '%': 'Mod' });
  p.parsePow = binary('parseUnary', { '**': 'Pow' });

  p.parseUnary = function parseUnary(noFilters?: boolean): Node {
    const tok = p.peekToken() as Token;
    let result: Node;
    if (p.skipValue(L.TOKEN_OPERATOR, '-')) result = node('Neg', tok, { target: p.parseUnary(true) });
    else if (p.skipValue(L.TOKEN_OPERATOR, '+')) result = node('Pos', tok, { target: p.parseUnary(true) });
    else result = p.parsePrimary();
    return noFilters ? result : p.parseFilter(result);
  };

  p.parsePrimary = function parsePrimary(noPostfix?: boolean): Node {
    const emptyExpression = atExpressionStart();
    const tok = p.nextToken() as Token | null;
    if (!tok) p.fail("Expected an expression, got 'end of template'");
    const t = tok as Token;
    let result: Node;
    if (t.type === L.TOKEN_STRING) {
      let value = t.value;
      for (let next = p.peekToken() as Token | null; next && next.type === L.TOKEN_STRING; next = p.peekToken()) value += (p.nextToken() as Token).value;
      result = node('Literal', t, { value });
    } else if (t.type === L.TOKEN_INT) {
      const clean = t.value.replace(/_/g, '');
      const radix = /^0[xob]/i.test(clean) ? ({ x: 16, o: 8, b: 2 } as Record<string, number>)[(clean[1] as string).toLowerCase()] : 10;
      const n = parseInt(radix === 10 ? clean : clean.slice(2), radix);
      result = node('Literal', t, { value: Number.isSafeInteger(n) ? n : BigInt(radix === 10 ? clean : `0${clean[1]}${clean.slice(2)}`) });
    } else if (t.type === L.TOKEN_FLOAT) {
      const n = parseFloat(t.value.replace(/_/g, ''));
      result = node('Literal', t, { value: Number.isInteger(n) ? new PyFloat(n) : n });
    } else if (t.type === L.TOKEN_BOOLEAN) {
      result = node('Literal', t, { value: t.value === 'true' });
    } else if (t.type === L.TOKEN_NONE) {
      result = t.value === 'none' ? node('Literal', t, { value: null }) : node('Symbol', t, { value: t.value });
    } else if (t.type === L.TOKEN_SYMBOL) {
      const consts: Record<string, unknown> = { True: true, False: false, None: null };
      result = t.value in consts ? node('Literal', t, { value: consts[t.value] }) : node('Symbol', t, { value: t.value });
    } else if (t.type === L.TOKEN_LEFT_PAREN) {
      result = parseParens(t);
    } else {
      p.pushToken(t);
      result = p.parseAggregate();
      if (!result) p.fail(emptyExpression ? `Expected an expression, got '${describe(t)}'` : `unexpected '${describe(t)}'`, t.lineno, t.colno);
    }
    return noPostfix ? result : p.parsePostfix(result);
  };

  function parseParens(open: Token): Node {
    const items: Node[] = [];
    let sawComma = false;
    for (;;) {
      const tok = p.peekToken() as Token | null;
      if (tok && tok.type === L.TOKEN_RIGHT_PAREN) {
        p.nextToken();
        break;
      }
      if (items.length) {
        if (!p.skip(L.TOKEN_COMMA)) p.fail("expected token ',', got '" + (tok ? tok.value : 'end') + "'", tok?.lineno, tok?.colno);
        sawComma = true;
        const after = p.peekToken() as Token | null;
        if (after && after.type === L.TOKEN_RIGHT_PAREN) {
          p.nextToken();
          break;
        }
      }
      items.push(p.parseExpression());
    }
    if (items.length === 1 && !sawComma) return items[0] as Node;
    return node('Tuple', open, { children: items });
  }

  p.parseSignature = function parseSignature(tolerant?: boolean, noParens?: boolean): Node | null {
    const first = p.peekToken() as Token | null;
    if (!noParens && (!first || first.type !== L.TOKEN_LEFT_PAREN)) {
      if (tolerant) return null;
      p.fail("expected token '('", first?.lineno, first?.colno);
    }
    if (!noParens) p.nextToken();
    const at = first ?? { lineno: 0, colno: 0 };
    const args = new nj.nodes.NodeList!(at.lineno, at.colno);
    const kwargs = new nj.nodes.KeywordArgs!(at.lineno, at.colno);
    let dynArgs: Node | undefined;
    let dynKwargs: Node | undefined;
    for (;;) {
      let tok = p.peekToken() as Token | null;
      if (!noParens && tok && tok.type === L.TOKEN_RIGHT_PAREN) {
        p.nextToken();
        break;
      }
      if (noParens && tok && tok.type === 'block-end') break;
      if (args.children.length || kwargs.children.length || dynArgs || dynKwargs) {
        if (!p.skip(L.TOKEN_COMMA)) p.fail(`expected token ',', got '${describe(tok)}'`, tok?.lineno, tok?.colno);
        tok = p.peekToken() as Token | null;
        if (!noParens && tok && tok.type === L.TOKEN_RIGHT_PAREN) {
          p.nextToken();
          break;
        }
      }
      // f(a, *rest, k=v, **more): Jinja's dyn_args and dyn_kwargs, at most one each, **more last
      const star = tok && tok.type === L.TOKEN_OPERATOR && (tok.value === '*' || tok.value === '**') ? tok : undefined;
      if (star) {
        if (dynKwargs || (star.value === '*' && dynArgs)) p.fail('invalid syntax for function call expression', star.lineno, star.colno);
        p.nextToken();
        const spread = node(star.value === '*' ? 'DynArgs' : 'DynKwargs', star, { value: p.parseExpression() });
        if (star.value === '*') dynArgs = spread;
        else dynKwargs = spread;
        continue;
      }
      const arg = p.parseExpression() as Node;
      const keyword = p.skipValue(L.TOKEN_OPERATOR, '=');
      if (dynKwargs || (dynArgs && !keyword)) p.fail('invalid syntax for function call expression', arg.lineno, arg.colno);
      if (keyword) kwargs.addChild(new nj.nodes.Pair!(arg.lineno, arg.colno, arg, p.parseExpression()));
      else args.addChild(arg);
    }
    if (dynArgs) args.addChild(dynArgs);
    if (kwargs.children.length) args.addChild(kwargs);
    if (dynKwargs) args.addChild(dynKwargs);
    return args;
  };

  p.parseAggregate = function parseAggregate(): Node | null {
    const open = p.nextToken() as Token | null;
    if (!open || (open.type !== L.TOKEN_LEFT_BRACKET && open.type !== 'left-curly')) {
      p.pushToken(open);
      return null;
    }
    const isDict = open.type === 'left-curly';
    const close = isDict ? 'right-curly' : L.TOKEN_RIGHT_BRACKET;
    const children: Node[] = [];
    for (;;) {
      let tok = p.peekToken() as Token | null;
      if (tok && tok.type === close) {
        p.nextToken();
        break;
      }
      if (children.length) {
        if (!p.skip(L.TOKEN_COMMA)) p.fail(`expected token ',', got '${describe(tok)}'`, tok?.lineno, tok?.colno);
        tok = p.peekToken() as Token | null;
        if (tok && tok.type === close) {
          p.nextToken();
          break;
        }
      }
      if (!tok) p.fail(`unexpected end of template, expected '${isDict ? '}' : ']'}'`);
      if (isDict) {
        const key = p.parseExpression() as Node;
        if (!p.skip(L.TOKEN_COLON)) p.fail("expected token ':'", key.lineno, key.colno);
        children.push(node('Pair', key, { key, value: p.parseExpression() }));
      } else {
        children.push(p.parseExpression());
      }
    }
    return node(isDict ? 'Dict' : 'Array', open, { children });
  };

  p.parsePostfix = function parsePostfix(target: Node): Node {
    let result = target;
    for (let tok = p.peekToken() as Token | null; tok; tok = p.peekToken()) {
      if (tok.type === L.TOKEN_LEFT_PAREN) {
        result = node('FunCall', tok, { name: result, args: p.parseSignature() });
      } else if (tok.type === L.TOKEN_LEFT_BRACKET) {
        p.nextToken();
        result = node('LookupVal', tok, { target: result, val: parseSubscript() });
      } else if (tok.type === L.TOKEN_OPERATOR && tok.value === '.') {
        p.nextToken();
        let name = p.nextToken() as Token | null;
        if (name && name.type === L.TOKEN_FLOAT && /^\d+\.$/.test(name.value)) {
          // `x.0.k`: the lexer read `0.` as a float
          p.pushToken({ type: L.TOKEN_OPERATOR, value: '.', lineno: name.lineno, colno: name.colno });
          name = { ...name, type: L.TOKEN_INT, value: name.value.slice(0, -1) };
        } else if (name && name.type === L.TOKEN_FLOAT && /^\d+\.\d+$/.test(name.value)) {
          const [a, b] = name.value.split('.');
          p.pushToken({ type: L.TOKEN_INT, value: b as string, lineno: name.lineno, colno: name.colno });
          p.pushToken({ type: L.TOKEN_OPERATOR, value: '.', lineno: name.lineno, colno: name.colno });
          name = { ...name, type: L.TOKEN_INT, value: a as string };
        }
        if (!name || (name.type !== L.TOKEN_SYMBOL && name.type !== L.TOKEN_INT && name.type !== L.TOKEN_BOOLEAN && name.type !== L.TOKEN_NONE)) {
          p.fail("expected name or number", name?.lineno, name?.colno);
        }
        const key = (name as Token).type === L.TOKEN_INT ? parseInt((name as Token).value, 10) : (name as Token).value;
        result = node('LookupVal', tok, { target: result, val: node('Literal', name as Token, { value: key }), dotted: true });
      } else {
        break;
      }
    }
    return result;
  };

  function parseSubscript(): Node {
    const parts: (Node | null)[] = [];
    let current: Node | null = null;
    let isSlice = false;
    for (;;) {
      const tok = p.peekToken() as Token | null;
      if (!tok) p.fail('unexpected end of template in subscript');
      const t = tok as Token;
      if (t.type === L.TOKEN_RIGHT_BRACKET) {
        p.nextToken();
        break;
      }
      if (t.type === L.TOKEN_COLON) {
        p.nextToken();
        isSlice = true;
        parts.push(current);
        current = null;
        continue;
      }
      current = p.parseExpression();
    }
    parts.push(current);
    if (!isSlice) return current as Node;
    return { typename: 'Slice', lineno: 0, colno: 0, start: parts[0] ?? null, stop: parts[1] ?? null, step: parts[2] ?? null };
  }

  p.parseFilterName = function parseFilterName(): Node {
    const tok = p.nextToken() as Token | null;
    if (!tok || ![L.TOKEN_SYMBOL, L.TOKEN_NONE, L.TOKEN_BOOLEAN].includes(tok.type)) p.fail(`expected token 'name', got '${describe(tok)}'`, tok?.lineno, tok?.colno);
    let name = (tok as Token).value;
    while (p.skipValue(L.TOKEN_OPERATOR, '.')) name += `.${(p.nextToken() as Token).value}`;
    return node('Symbol', tok as Token, { value: name });
  };

  p.parseFilterArgs = function parseFilterArgs(): Node[] {
    const next = p.peekToken() as Token | null;
    return next && next.type === L.TOKEN_LEFT_PAREN ? ((p.parseSignature() as Node).children as Node[]) : [];
  };

  p.parseFilter = function parseFilter(target: Node): Node {
    let result = target;
    for (;;) {
      if (p.skip(L.TOKEN_PIPE)) {
        const name = p.parseFilterName() as Node;
        const args = p.parseFilterArgs(name) as Node[];
        result = node('Filter', name, { name, args: { typename: 'NodeList', children: [result, ...args] } });
      } else if (p.skipSymbol('is')) {
        const negated = p.skipSymbol('not');
        const name = p.parseFilterName() as Node;
        let args: Node[] = [];
        const next = p.peekToken() as Token | null;
        if (next && next.type === L.TOKEN_LEFT_PAREN) {
          args = p.parseFilterArgs(name) as Node[];
        } else if (next && TEST_ARG_STARTS.has(next.type) && !['else', 'or', 'and', 'if', 'is', 'not', 'in'].includes(next.value)) {
          args = [p.parsePrimary()];
        }
        result = node('Test', name, { name: name.value, target: result, args, negated });
      } else {
        return result;
      }
    }
  };
}
