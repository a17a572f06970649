// The parts of nunjucks' lexer and parser we build on (its typings do not cover them), and small node helpers.
import nunjucks from 'nunjucks';

/** An AST node: nunjucks' node objects plus our own kinds (Slice, Test, Tuple). */
export interface Node {
  typename: string;
  lineno: number;
  colno: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

/** A nunjucks lexer token. */
export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface NunjucksInternals {
  lexer: {
    lex(src: string, opts: Record<string, unknown>): TokenizerLike;
    TOKEN_SYMBOL: string;
    TOKEN_STRING: string;
    TOKEN_INT: string;
    TOKEN_FLOAT: string;
    TOKEN_BOOLEAN: string;
    TOKEN_NONE: string;
    TOKEN_OPERATOR: string;
    TOKEN_LEFT_PAREN: string;
    TOKEN_RIGHT_PAREN: string;
    TOKEN_LEFT_BRACKET: string;
    TOKEN_RIGHT_BRACKET: string;
    TOKEN_COLON: string;
    TOKEN_COMMA: string;
    TOKEN_PIPE: string;
    TOKEN_TILDE: string;
    TOKEN_WHITESPACE: string;
    TOKEN_VARIABLE_END: string;
    TOKEN_VARIABLE_START: string;
    TOKEN_BLOCK_START: string;
    TOKEN_LEFT_CURLY: string;
    TOKEN_RIGHT_CURLY: string;
    TOKEN_COMMENT: string;
  };
  parser: { Parser: new (tokens: TokenizerLike) => ParserLike };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  nodes: Record<string, new (...args: any[]) => Node>;
}

/** nunjucks' Tokenizer internals we wrap (position, tags, raw extraction). */
export interface TokenizerLike {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  tags: Record<string, string>;
  nextToken(): Token | null;
  back(): void;
  forwardN(n: number): void;
  backN(n: number): void;
  index: number;
  str: string;
  in_code: boolean;
  lineno: number;
  colno: number;
  _extractRegex(regex: RegExp): RegExpMatchArray | null;
  _extractString(str: string): string | null;
  _matches(str: string): boolean | null;
  current(): string;
  forward(): void;
  isFinished(): boolean;
  _parseString(delimiter: string): string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ParserLike = Record<string, any>;

/** nunjucks' lexer, parser and nodes modules (not in its typings). */
export const nj = nunjucks as unknown as NunjucksInternals;
/** nunjucks' token type names */
export const L = nj.lexer;


/** Make an AST node of one of our kinds (plain object with nunjucks' node shape). */
export function node(typename: string, tok: { lineno: number; colno: number }, fields: Record<string, unknown>): Node {
  return { typename, lineno: tok.lineno, colno: tok.colno, ...fields };
}

/** Jinja's names for tokens in error messages. */
export function describe(tok: Token | null | undefined): string {
  if (!tok) return 'end of template';
  // Jinja's describe_token: a name is itself, a literal its kind
  const names: Record<string, string> = {
    'block-end': 'end of statement block',
    'variable-end': 'end of print statement',
    'block-start': 'begin of statement block',
    'variable-start': 'begin of print statement',
    int: 'integer',
    float: 'float',
    string: 'string',
  };
  return names[tok.type] ?? tok.value;
}

/** Is this token the name `value`? */
export function isSym(tok: Token | null | undefined, value: string): boolean {
  return !!tok && tok.type === L.TOKEN_SYMBOL && tok.value === value;
}
