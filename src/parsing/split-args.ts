import { ParseError } from './parse-error.js';

/** Keys a free-form module (command, shell...) still takes out of `k=v` tokens (splitter.py parse_kv). */
export const FREEFORM_OPTION_KEYS: readonly string[] = [
  'creates',
  'removes',
  'chdir',
  'executable',
  'warn',
  'stdin',
  'stdin_add_newline',
  'strip_empty_ends',
];

/** The quote still open after `token`, given the one open before it (a `\` before a quote escapes it). */
function quoteState(token: string, open: string | undefined): string | undefined {
  let quote = open;
  for (let i = 0; i < token.length; i++) {
    const c = token[i] as string;
    if ((c === '"' || c === "'") && token[i - 1] !== '\\') {
      if (quote === undefined) quote = c;
      else if (c === quote) quote = undefined;
    }
  }
  return quote;
}

function countOccurrences(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

function blockDepth(token: string, depth: number, open: string, close: string): number {
  const diff = countOccurrences(token, open) - countOccurrences(token, close);
  return diff === 0 ? depth : Math.max(0, depth + diff);
}

/** Python's `params[-1]` on an empty list: Ansible fails with "Unable to parse argument string". */
function lastIndex(params: string[], args: string): number {
  if (params.length === 0) throw new ParseError(`Unable to parse argument string. list index out of range`, undefined, { cause: args });
  return params.length - 1;
}

/**
 * Ansible's split_args: splits on spaces and newlines but keeps quoted strings and Jinja2
 * `{{ }}`, `{% %}`, `{# #}` blocks in one piece; quotes stay in the tokens. Throws ParseError when unbalanced.
 */
export function splitArgs(args: string): string[] {
  const params: string[] = [];
  const items = args.split('\n');
  let quote: string | undefined;
  let printDepth = 0;
  let blockDepthN = 0;
  let commentDepth = 0;
  items.forEach((item, itemIdx) => {
    const tokens = item.split(' ');
    let lineContinuation = false;
    tokens.forEach((token, idx) => {
      if (token.length === 0 && idx !== 0) {
        params[lastIndex(params, args)] += ' ';
        return;
      }
      const insideBefore = quote !== undefined;
      if (token === '\\' && !insideBefore) {
        lineContinuation = true;
        return;
      }
      quote = quoteState(token, quote);
      const inside = quote !== undefined;
      const inBlock = printDepth > 0 || blockDepthN > 0 || commentDepth > 0;
      let appended = false;
      if (inside && !insideBefore && !inBlock) {
        params.push(token);
        appended = true;
      } else if (inBlock || inside || insideBefore) {
        const last = lastIndex(params, args);
        if (idx === 0 && insideBefore) params[last] += token;
        else if (tokens.length > 1) params[last] += (idx > 0 ? ' ' : '') + token;
        else params[last] += `\n${token}`;
        appended = true;
      }
      for (const [open, close, which] of [['{{', '}}', 0], ['{%', '%}', 1], ['{#', '#}', 2]] as const) {
        const before = [printDepth, blockDepthN, commentDepth][which] as number;
        const after = blockDepth(token, before, open, close);
        if (which === 0) printDepth = after;
        else if (which === 1) blockDepthN = after;
        else commentDepth = after;
        if (after !== before && !appended) {
          params.push(token);
          appended = true;
        }
      }
      const stillInBlock = printDepth > 0 || blockDepthN > 0 || commentDepth > 0;
      if (!stillInBlock && !inside && !appended && token !== '') params.push(token);
    });
    if (items.length > 1 && itemIdx !== items.length - 1 && !lineContinuation) {
      params[lastIndex(params, args)] += '\n';
    }
  });
  if (printDepth || blockDepthN || commentDepth || quote !== undefined) {
    throw new ParseError(`failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${args}`);
  }
  return params;
}

/** Ansible's join_args: puts split_args tokens back together, keeping newlines. */
export function joinArgs(parts: string[]): string {
  let result = '';
  for (const p of parts) result += result.length === 0 || result.endsWith('\n') ? p : ` ${p}`;
  return result;
}

const ESCAPE_SEQUENCE = /\\U[a-fA-F0-9]{8}|\\u[a-fA-F0-9]{4}|\\x[a-fA-F0-9]{2}|\\N\{[^}]+\}|\\[\\'"abfnrtv]/g;
const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** splitter.py `_decode_escapes` (`\N{NAME}` is left as written: no Unicode name table in tsible). */
function decodeEscapes(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, (m) => {
    const kind = m[1] as string;
    if (kind === 'U' || kind === 'u' || kind === 'x') {
      const code = parseInt(m.slice(2), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return kind === 'N' ? m : (SIMPLE[kind] ?? m);
  });
}

/** parsing/quoting.py unquote: strips one pair of matching outer quotes unless the last is escaped. */
export function unquote(data: string): string {
  const quoted =
    data.length > 1 && data[0] === data[data.length - 1] && (data[0] === '"' || data[0] === "'") && data[data.length - 2] !== '\\';
  return quoted ? data.slice(1, -1) : data;
}

/**
 * Ansible's parse_kv: `k=v k2="v 2"` to a map (quotes removed, `\=` escapes a key's `=`). Other tokens are
 * joined into `_raw_params`; with `checkRaw` (free-form modules) only FREEFORM_OPTION_KEYS come out as options.
 */
export function parseKv(args: string, checkRaw = false): Record<string, string> {
  const options: Record<string, string> = {};
  const raw: string[] = [];
  for (const orig of splitArgs(args)) {
    const x = decodeEscapes(orig);
    if (!x.includes('=')) {
      raw.push(orig);
      continue;
    }
    // the first `=` after position 0 that is not escaped with `\`
    let pos = x.indexOf('=', 1);
    while (pos > 0 && x[pos - 1] === '\\') pos = x.indexOf('=', pos + 1);
    if (pos < 0) {
      raw.push(x.replace(/\\=/g, '='));
      continue;
    }
    const key = x.slice(0, pos);
    if (checkRaw && !FREEFORM_OPTION_KEYS.includes(key)) raw.push(orig);
    else options[key.trim()] = unquote(x.slice(pos + 1).trim());
  }
  if (raw.length > 0) options._raw_params = joinArgs(raw);
  return options;
}
