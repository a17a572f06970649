// Python's json.dumps/json.loads over the template value model (float 1.0 stays "1.0", ensure_ascii escapes).
import { isMapping, isUndefined, makeFloat, PyFloat, pyRepr, TemplateError, UndefinedVariableError } from '../values.js';

export interface JsonDumpOptions {
  indent?: number | string | null;
  sortKeys?: boolean;
  separators?: [string, string];
  ensureAscii?: boolean;
}

function encodeString(text: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return pyRepr(makeFloat(n));
}

/** json.dumps(value, indent=, sort_keys=, separators=, ensure_ascii=True). */
export function pyJsonDumps(value: unknown, options: JsonDumpOptions = {}): string {
  const ensureAscii = options.ensureAscii ?? true;
  const indentUnit =
    options.indent === undefined || options.indent === null
      ? null
      : typeof options.indent === 'string'
        ? options.indent
        : ' '.repeat(options.indent);
  const [itemSep, keySep] = options.separators ?? (indentUnit === null ? [', ', ': '] : [',', ': ']);
  const encode = (v: unknown, level: number): string => {
    if (v === null) return 'null';
    if (isUndefined(v)) throw new UndefinedVariableError(v.hint);
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'string') return encodeString(v, ensureAscii);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatText(v);
    if (v instanceof PyFloat) return floatText(v.value);
    // AnsibleJSONEncoder writes dates and datetimes as isoformat()
    if (typeof (v as { isoformat?: unknown }).isoformat === 'function') return encodeString((v as { isoformat(): string }).isoformat(), ensureAscii);
    const open = indentUnit === null ? '' : `\n${indentUnit.repeat(level + 1)}`;
    const close = indentUnit === null ? '' : `\n${indentUnit.repeat(level)}`;
    const sep = indentUnit === null ? itemSep : `${itemSep}\n${indentUnit.repeat(level + 1)}`;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${open}${v.map((x) => encode(x, level + 1)).join(sep)}${close}]`;
    }
    if (isMapping(v)) {
      let keys = Object.keys(v);
      if (keys.length === 0) return '{}';
      if (options.sortKeys) keys = [...keys].sort(comparePyStr);
      return `{${open}${keys.map((k) => `${encodeString(k, ensureAscii)}${keySep}${encode(v[k], level + 1)}`).join(sep)}${close}}`;
    }
    throw new TemplateError(`Object of type ${typeof v} is not JSON serializable`);
  };
  return encode(value, 0);
}

/** Python orders str by code point; JS sort() by UTF-16 unit (differs only for astral chars). */
export function comparePyStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** json.loads: like JSON.parse but `1.0` stays a float, big ints stay exact, NaN/Infinity accepted. */
export function pyJsonLoads(text: string): unknown {
  let pos = 0;
  const fail = (what: string): never => {
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n');
    throw new TemplateError(`${what}: line ${line} column ${col} (char ${pos})`);
  };
  const ws = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  };
  const value = (): unknown => {
    ws();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = str();
        ws();
        if (text[pos] !== ':') fail("Expecting ':' delimiter");
        pos++;
        obj[key] = value();
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === '[') {
      pos++;
      const arr: unknown[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === '"') return str();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(pos));
    if (!m) return fail('Expecting value');
    pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    const f = Number(m[0]);
    return Number.isInteger(f) ? new PyFloat(f) : f;
  };
  const str = (): string => {
    const m = /^"(?:[^"\\\x00-\x1f]|\\["\\/bfnrtu])*"/.exec(text.slice(pos));
    if (!m) return fail('Unterminated string starting at');
    pos += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const result = value();
  ws();
  if (pos < text.length) fail('Extra data');
  return result;
}
