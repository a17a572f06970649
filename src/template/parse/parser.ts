// Jinja2 syntax on top of nunjucks' lexer and parser: nunjucks tokenizes and parses; where Jinja differs, the
// tokenizer is wrapped (tokenizer.ts) and parser methods are replaced per instance (expressions.ts, statements.ts):
//   - token lookahead: a stack instead of nunjucks' single `peeked` slot (needed for `not in`);
//   - strings: Python escapes (`'\d'` keeps its backslash, `\\`, `\'`, `\xNN`, `\uNNNN`), adjacent literals join;
//   - literals: `True/False/None` (and `true/false/none`) are constants; `3.0` stays a float (PyFloat);
//   - precedence as Jinja: or < and < not < compare (== != < > <= >= in, not in; chained) < + - < ~ < * / // % < **;
//   - `is` tests (incl. `is not`, dotted names, one bare argument: `is divisibleby 3`) bind like filters;
//   - subscripts with slices `x[1:3:2]`; `(a, b)` / `(a,)` / `()` tuples; nested `a if b else c if d else e`;
//   - `for x in xs if cond` (a filter on the loop), `for (a, b) in ...`, `recursive` loops;
//   - numbers as Jinja lexes them (`1e3`, `1_000`, `0x1F`); `}}` inside `{...}` closes a dict, not the print;
//   - trim_blocks after comments; `{% raw %}` keeps the newline after its tag; `{% filter a | b %}` chains;
//   - `{% set a, b = 1, 2 %}`; `{% with %}`; `{% block %}`; nunjucks-only tags (switch, verbatim...) are unknown;
//   - error texts as Jinja's ("expected token 'end of print statement', got 'x'", "Unexpected end of template...").
import { nj, L, type Node } from './nunjucks-types.js';
import { patchExpressions } from './expressions.js';
import { patchStatements } from './statements.js';
import { parsePythonString, wrapTokenizer } from './tokenizer.js';

export type { Node } from './nunjucks-types.js';

/** Environment settings a template may change (Ansible's `#jinja2:` header); defaults are Ansible's. */
export interface SyntaxOptions {
  /** @default true */
  trimBlocks?: boolean;
  /** @default false */
  lstripBlocks?: boolean;
  /** delimiters, e.g. `{ variableStart: '[[', variableEnd: ']]' }` @default Jinja's */
  tags?: { blockStart?: string; blockEnd?: string; variableStart?: string; variableEnd?: string; commentStart?: string; commentEnd?: string };
}

/** Parse a Jinja2 template into an AST (nunjucks' node shapes, plus the kinds listed above). */
export function parseTemplate(source: string, options: SyntaxOptions = {}): Node {
  const tokens = L.lex(source, { trimBlocks: options.trimBlocks ?? true, lstripBlocks: options.lstripBlocks ?? false, tags: options.tags });
  tokens._parseString = parsePythonString;
  wrapTokenizer(tokens);
  const parser = new nj.parser.Parser(tokens);
  patchExpressions(parser);
  patchStatements(parser);
  return parser.parseAsRoot() as Node;
}
