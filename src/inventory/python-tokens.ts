/** A token of the tiny part of Python's grammar that `ast.literal_eval` accepts. */
export type PyToken =
  | { kind: 'number'; value: number; imaginary: boolean }
  | { kind: 'string'; value: string; bytes: boolean }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'end' };

/** Thrown for anything Python would reject or literal_eval would not evaluate; callers keep the raw text. */
export class NotALiteral extends Error {
  override name = 'NotALiteral';
}

const DIGITS = '[0-9](?:_?[0-9])*';
const NUMBER_RE = new RegExp(
  `0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|` +
    `(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.?)(?:[eE][-+]?${DIGITS})?[jJ]?`,
  'y',
);
const STRING_START_RE = /([rR][bB]?|[bB][rR]?|[uU]|[fF][rR]?|[rR][fF])?('''|"""|'|")/y;
const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const OPS = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '+', '-']);
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function readNumber(text: string): PyToken {
  const clean = text.replace(/_/g, '');
  const imaginary = /[jJ]$/.test(clean);
  if (/^0[xX]/.test(clean)) return { kind: 'number', value: parseInt(clean.slice(2), 16), imaginary };
  if (/^0[bB]/.test(clean)) return { kind: 'number', value: parseInt(clean.slice(2), 2), imaginary };
  if (/^0[oO]/.test(clean)) return { kind: 'number', value: parseInt(clean.slice(2), 8), imaginary };
  // "leading zeros in decimal integer literals are not permitted" (but 00 and 01.5 are fine)
  if (/^0+[1-9][0-9]*$/.test(clean)) throw new NotALiteral(text);
  return { kind: 'number', value: Number(imaginary ? clean.slice(0, -1) : clean), imaginary };
}

/** Decodes the backslash escapes of a non-raw Python string or bytes literal. */
function decodeEscapes(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1] ?? '';
    i++;
    const fixedHex = (width: number): void => {
      const hex = body.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new NotALiteral(`truncated \\${next} escape`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new NotALiteral('illegal Unicode character');
      out += String.fromCodePoint(code);
      i += width;
    };
    if (next === '\n') continue;
    if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next];
    else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next;
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length - 1;
    } else if (next === 'x') fixedHex(2);
    else if (next === 'u' && !bytes) fixedHex(4);
    else if (next === 'U' && !bytes) fixedHex(8);
    else if (next === 'N' && !bytes) throw new NotALiteral('\\N{...} escapes are not supported');
    else out += `\\${next}`;
  }
  return out;
}

/** Python's `bytes` become text again through Ansible's to_text (UTF-8). */
function bytesToText(latin1: string): string {
  const raw = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8').decode(raw);
}

function readString(text: string, start: number, prefix: string, quote: string): { token: PyToken; end: number } {
  const lower = prefix.toLowerCase();
  if (lower.includes('f')) throw new NotALiteral('f-strings are not literals');
  const raw = lower.includes('r');
  const bytes = lower.includes('b');
  let i = start;
  while (i < text.length) {
    if (text.startsWith(quote, i)) break;
    const ch = text[i];
    if (quote.length === 1 && ch === '\n') throw new NotALiteral('unterminated string literal');
    i += ch === '\\' ? 2 : 1;
  }
  if (i >= text.length) throw new NotALiteral('unterminated string literal');
  const body = text.slice(start, i);
  if (bytes && /[^\x00-\x7f]/.test(body)) throw new NotALiteral('bytes can only contain ASCII literal characters');
  let value = raw ? body : decodeEscapes(body, bytes);
  if (bytes) value = bytesToText(value);
  return { token: { kind: 'string', value, bytes }, end: i + quote.length };
}

/** Splits Python expression text into tokens; throws NotALiteral on what the tokenizer would reject. */
export function tokenizePython(text: string): PyToken[] {
  const tokens: PyToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (' \t\f\r\n'.includes(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    STRING_START_RE.lastIndex = i;
    const str = STRING_START_RE.exec(text);
    if (str) {
      const { token, end } = readString(text, i + str[0].length, str[1] ?? '', str[2] as string);
      tokens.push(token);
      i = end;
      continue;
    }
    NUMBER_RE.lastIndex = i;
    const num = /[0-9.]/.test(ch) ? NUMBER_RE.exec(text) : null;
    if (num && num[0] !== '.') {
      i += num[0].length;
      if (/[\p{L}\p{N}_.]/u.test(text[i] ?? '')) throw new NotALiteral(`invalid literal ${num[0]}${text[i]}`);
      tokens.push(readNumber(num[0]));
      continue;
    }
    NAME_RE.lastIndex = i;
    const name = NAME_RE.exec(text);
    if (name) {
      tokens.push({ kind: 'name', value: name[0] });
      i += name[0].length;
      continue;
    }
    if (!OPS.has(ch)) throw new NotALiteral(`unexpected character ${ch}`);
    tokens.push({ kind: 'op', value: ch });
    i++;
  }
  tokens.push({ kind: 'end' });
  return tokens;
}
