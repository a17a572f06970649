// Jinja's statements where nunjucks differs: for (with `if` and `recursive`), set (tuples, blocks), filter
// chains, raw, with, block, include's context clause, and the tag set (nunjucks-only tags are unknown to Jinja).
import { L, node, type Node, type ParserLike, type Token, type TokenizerLike } from './nunjucks-types.js';

/** Replace nunjucks' statement parsing with Jinja's where they differ, on one parser instance. */
export function patchStatements(p: ParserLike): void {
  p.parseFilterStatement = function parseFilterStatement(): Node {
    const tag = p.peekToken() as Token;
    p.skipSymbol('filter');
    const chain: { name: Node; args: Node[] }[] = [];
    do {
      const name = p.parseFilterName() as Node;
      chain.push({ name, args: p.parseFilterArgs() as Node[] });
    } while (p.skip(L.TOKEN_PIPE));
    p.advanceAfterBlockEnd(tag.value);
    let result = node('Capture', tag, { body: p.parseUntilBlocks('endfilter') });
    p.advanceAfterBlockEnd();
    for (const { name, args } of chain) result = node('Filter', name, { name, args: { typename: 'NodeList', children: [result, ...args] } });
    return node('Output', tag, { children: [result] });
  };

  const JINJA_TAGS = new Set(['for', 'if', 'block', 'extends', 'macro', 'include', 'from', 'import', 'set', 'with', 'filter', 'call', 'raw']);
  const parseStatement = p.parseStatement.bind(p);
  p.parseStatement = function parseJinjaStatement(): Node | null {
    const tok = p.peekToken() as Token | null;
    if (tok && tok.type === L.TOKEN_SYMBOL && !(p.breakOnBlocks ?? []).includes(tok.value)) {
      if (!JINJA_TAGS.has(tok.value)) p.fail(`unknown block tag: ${tok.value}`, tok.lineno, tok.colno);
      if (tok.value === 'with') return parseWith(tok);
      if (tok.value === 'block') return parseBlock(tok);
    }
    return parseStatement() as Node | null;
  };

  function parseWith(tag: Token): Node {
    p.skipSymbol('with');
    const assignments: { target: Node; value: Node }[] = [];
    while ((p.peekToken() as Token | null)?.type !== 'block-end') {
      if (assignments.length && !p.skip(L.TOKEN_COMMA)) p.fail("expected token ','");
      const target = p.parsePrimary() as Node;
      if (!p.skipValue(L.TOKEN_OPERATOR, '=')) p.fail("expected token '='");
      assignments.push({ target, value: p.parseExpression() });
    }
    p.advanceAfterBlockEnd('with');
    const body = p.parseUntilBlocks('endwith');
    p.advanceAfterBlockEnd();
    return node('With', tag, { assignments, body });
  }

  function parseBlock(tag: Token): Node {
    p.skipSymbol('block');
    const name = p.nextToken() as Token | null;
    if (!name || name.type !== L.TOKEN_SYMBOL) p.fail("expected token 'name'", tag.lineno, tag.colno);
    p.skipSymbol('scoped');
    p.skipSymbol('required');
    p.advanceAfterBlockEnd('block');
    const body = p.parseUntilBlocks('endblock');
    p.skipSymbol('endblock');
    p.skipSymbol((name as Token).value);
    p.advanceAfterBlockEnd('endblock');
    return node('Block', tag, { name: (name as Token).value, body });
  }

  // Jinja's `{% include x [ignore missing] [with context|without context] %}`
  p.parseInclude = function parseInclude(): Node {
    const tag = p.peekToken() as Token;
    p.skipSymbol('include');
    const template = p.parseExpression();
    const ignoreMissing = p.skipSymbol('ignore') && (p.skipSymbol('missing') || p.fail("expected token 'missing'", tag.lineno, tag.colno));
    const withContext = p.parseWithContext();
    p.advanceAfterBlockEnd(tag.value);
    return node('Include', tag, { template, ignoreMissing, withContext });
  };

  p.parseRaw = function parseRaw(): Node {
    const begun = p.advanceAfterBlockEnd() as Token;
    const t = p.tokens as TokenizerLike;
    // trim_blocks does not apply to the raw tag itself in Jinja: give back the newline the lexer ate
    const lead = !begun.value.startsWith('-') && t.trimBlocks && t.str[t.index - 1] === '\n' && t.str[t.index - 2] === '}' ? '\n' : '';
    const m = t._extractRegex(/^([\s\S]*?)\{%(-?)\s*endraw\s*(-?)%\}/);
    if (!m) p.fail("unexpected end of template, expected 'endraw'", begun.lineno, begun.colno);
    const match = m as RegExpMatchArray;
    let body = lead + (match[1] as string);
    if (begun.value.startsWith('-')) body = body.replace(/^\s+/, '');
    if (match[2] === '-') body = body.replace(/\s+$/, '');
    if (match[3] === '-') p.dropLeadingWhitespace = true;
    else if (t.current() === '\n') t.forward();
    return node('Output', begun, { children: [node('TemplateData', begun, { value: body })] });
  };

  p.parseSet = function parseSet(): Node {
    const tag = p.peekToken() as Token;
    p.skipSymbol('set');
    const targets: Node[] = [];
    do targets.push(p.parsePrimary());
    while (p.skip(L.TOKEN_COMMA));
    if (p.skipValue(L.TOKEN_OPERATOR, '=')) {
      let value = p.parseExpression();
      if ((p.peekToken() as Token | null)?.type === L.TOKEN_COMMA) {
        const items = [value];
        while (p.skip(L.TOKEN_COMMA)) items.push(p.parseExpression());
        value = node('Tuple', value, { children: items });
      }
      p.advanceAfterBlockEnd(tag.value);
      return node('Set', tag, { targets, value, body: null });
    }
    if (!p.skip('block-end')) p.fail("expected token 'end of statement block'", tag.lineno, tag.colno);
    const body = node('Capture', tag, { body: p.parseUntilBlocks('endset') });
    p.advanceAfterBlockEnd();
    return node('Set', tag, { targets, value: null, body });
  };

  p.parseFor = function parseFor(): Node {
    const forTok = p.peekToken() as Token;
    p.skipSymbol('for');
    const names: Node[] = [];
    const paren = p.skip(L.TOKEN_LEFT_PAREN);
    do names.push(p.parsePrimary(true));
    while (p.skip(L.TOKEN_COMMA));
    if (paren && !p.skip(L.TOKEN_RIGHT_PAREN)) p.fail("expected token ')'");
    if (!p.skipSymbol('in')) p.fail("expected token 'in'", forTok.lineno, forTok.colno);
    const arr = p.parseOr();
    const cond = p.skipSymbol('if') ? p.parseExpression() : null;
    const recursive = p.skipSymbol('recursive');
    p.advanceAfterBlockEnd(forTok.value);
    const body = p.parseUntilBlocks('endfor', 'else');
    let else_ = null;
    if (p.skipSymbol('else')) {
      p.advanceAfterBlockEnd('else');
      else_ = p.parseUntilBlocks('endfor');
    }
    p.advanceAfterBlockEnd();
    const name = names.length === 1 && !paren ? names[0] : node('Tuple', forTok, { children: names });
    return node('For', forTok, { name, arr, cond, body, else_, recursive });
  };
}
