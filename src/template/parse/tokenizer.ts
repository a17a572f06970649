// Jinja's lexer rules that nunjucks' tokenizer lacks: Python string escapes, Jinja's number literals,
// `}}` inside braces, trim_blocks after comments, a stray `#}` as text.
import { L, type Token, type TokenizerLike } from './nunjucks-types.js';

/** Python's string-literal escapes (nunjucks only knows \n \t \r and drops other backslashes). */
export function parsePythonString(this: TokenizerLike, delimiter: string): string {
  const start = this.index;
  this.forward();
  let out = '';
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };
  while (!this.isFinished() && this.current() !== delimiter) {
    const cur = this.current();
    if (cur !== '\\') {
      out += cur;
      this.forward();
      continue;
    }
    this.forward();
    const esc = this.current();
    const hexLen = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
    if (hexLen) {
      let hex = '';
      for (let i = 0; i < hexLen; i++) {
        this.forward();
        hex += this.current();
      }
      if (!/^[\da-fA-F]+$/.test(hex)) throw new Error(`(unicode error) truncated \\${esc} escape`);
      out += String.fromCodePoint(parseInt(hex, 16));
    } else if (esc in simple) {
      out += simple[esc];
    } else {
      out += `\\${esc}`;
    }
    this.forward();
  }
  if (this.isFinished()) throw new Error(`unexpected char '${delimiter}' at ${start}`);
  this.forward();
  return out;
}

const NUMBER = /(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|\d(?:_?\d)*(?:\.\d(?:_?\d)*)?[eE][-+]?\d(?:_?\d)*|\d(?:_?\d)*\.\d(?:_?\d)*|\d(?:_?\d)*)/y;

/** Re-read a number the way Jinja's lexer does (`1e3`, `1_000`, `0x1F`, `2.5e-3`; `1.` is the int 1 and a dot). */
function jinjaNumber(tokens: TokenizerLike, tok: Token): Token {
  const start = tokens.index - tok.value.length;
  NUMBER.lastIndex = start;
  const m = NUMBER.exec(tokens.str);
  if (!m) return tok;
  const text = m[0];
  const delta = start + text.length - tokens.index;
  if (delta > 0) tokens.forwardN(delta);
  else if (delta < 0) tokens.backN(-delta);
  const isFloat = !/^0[xob]/i.test(text) && /[.eE]/.test(text);
  return { ...tok, type: isFloat ? L.TOKEN_FLOAT : L.TOKEN_INT, value: text };
}

/**
 * Jinja's lexer details nunjucks lacks: `}}` closes the print statement only outside braces (so `{'a': {'b': 1}}`
 * parses), and trim_blocks also eats the newline after a comment.
 */
export function wrapTokenizer(tokens: TokenizerLike): void {
  const next = tokens.nextToken.bind(tokens);
  let depth = 0;
  // a stray comment end outside a comment is plain text in Jinja (nunjucks throws 'unexpected end of comment')
  let inComment = false;
  const matches = tokens._matches.bind(tokens);
  tokens._matches = (str: string) => (str === tokens.tags.COMMENT_END && !inComment && !tokens.in_code ? false : matches(str));
  const extractString = tokens._extractString.bind(tokens);
  tokens._extractString = (str: string) => {
    const got = extractString(str);
    if (got && str === tokens.tags.COMMENT_START && !tokens.in_code) inComment = true;
    return got;
  };
  tokens.nextToken = () => {
    inComment = false;
    const tok = next();
    inComment = false;
    if (!tok) return tok;
    if ((tok.type === L.TOKEN_INT || tok.type === L.TOKEN_FLOAT || tok.type === L.TOKEN_SYMBOL) && /^\d/.test(tok.value)) return jinjaNumber(tokens, tok);
    if (tok.type === L.TOKEN_LEFT_CURLY) depth++;
    else if (tok.type === L.TOKEN_RIGHT_CURLY) depth--;
    else if (tok.type === L.TOKEN_VARIABLE_END && depth > 0 && tok.value === '}}' && tokens.tags.VARIABLE_END === '}}') {
      tokens.back();
      tokens.in_code = true;
      depth--;
      return { type: L.TOKEN_RIGHT_CURLY, value: '}', lineno: tok.lineno, colno: tok.colno };
    } else if (tok.type === L.TOKEN_VARIABLE_END || tok.type === 'block-end') depth = 0;
    else if (tok.type === L.TOKEN_COMMENT && tokens.current() === '\n' && tokens.trimBlocks) tokens.forward();
    else if (tok.type === 'data' && tokens.lstripBlocks && tokens.str.startsWith(tokens.tags.COMMENT_START as string, tokens.index)) {
      // lstrip_blocks applies to comments too in Jinja
      return { ...tok, value: tok.value.replace(/(^|\n)[ \t]+$/, '$1') };
    }
    return tok;
  };
}
