// Python's ast.literal_eval (with Ansible's Json2Python: true/false/null too), for rendered strings that look
// like a list, dict or bool: Ansible turns those back into data.
import { makeFloat, makeTuple } from './values.js';

class Fail extends Error {}

/** Parse a Python literal; `{ok: false}` when the text is not one (Ansible then keeps the string). */
export function literalEval(text: string): { ok: true; value: unknown } | { ok: false } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /[ \t\n\r\f\v]/.test(text[i] as string)) i++;
    if (text[i] === '\\' && text[i + 1] === '\n') {
      i += 2;
      ws();
    }
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) throw new Fail();
    i++;
  };
  const str = (): string => {
    let prefix = '';
    while (/[rRuUbBfF]/.test(text[i] as string)) prefix += (text[i++] as string).toLowerCase();
    if (prefix.includes('f') || prefix.includes('b')) throw new Fail();
    const raw = prefix.includes('r');
    const q = text.startsWith("'''", i) || text.startsWith('"""', i) ? text.slice(i, i + 3) : (text[i] as string);
    i += q.length;
    let out = '';
    for (;;) {
      if (i >= text.length) throw new Fail();
      if (text.startsWith(q, i)) {
        i += q.length;
        return out;
      }
      const c = text[i] as string;
      if (c === '\n' && q.length === 1) throw new Fail();
      if (c === '\\') {
        const n = text[i + 1] ?? '';
        if (raw) {
          out += c + n;
          i += 2;
          continue;
        }
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
        if (n in simple) {
          out += simple[n];
          i += 2;
        } else if (n === 'x' || n === 'u' || n === 'U') {
          const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Fail();
          out += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + len;
        } else if (/[0-7]/.test(n)) {
          const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0] as string;
          out += String.fromCharCode(parseInt(oct, 8));
          i += 1 + oct.length;
        } else {
          out += c + n;
          i += 2;
        }
        continue;
      }
      out += c;
      i++;
    }
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === undefined) throw new Fail();
    if (c === '[' || c === '(' || c === '{') return container(c);
    if (c === "'" || c === '"' || (/[rRuU]/.test(c) && /['"]/.test(text[i + 1] ?? ''))) {
      let s = str();
      for (ws(); text[i] === "'" || text[i] === '"'; ws()) s += str();
      return s;
    }
    if (c === '-' || c === '+') {
      i++;
      const v = value();
      if (typeof v !== 'number' && !(v instanceof Object && 'value' in v)) throw new Fail();
      const n = Number(v.valueOf());
      return c === '-' ? (typeof v === 'number' ? -n : makeFloat(-n)) : v;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0];
    if (word) {
      i += word.length;
      const consts: Record<string, unknown> = { True: true, False: false, None: null, true: true, false: false, null: null };
      if (word in consts) return consts[word];
      throw new Fail();
    }
    const num = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?)/.exec(text.slice(i))?.[0];
    if (!num) throw new Fail();
    i += num.length;
    const clean = num.replace(/_/g, '');
    if (/^0[xob]/i.test(clean)) return parseInt(clean.slice(2), { x: 16, o: 8, b: 2 }[clean[1]!.toLowerCase() as 'x' | 'o' | 'b']);
    if (/[.eE]/.test(clean)) return makeFloat(parseFloat(clean));
    if (/^0\d/.test(clean)) throw new Fail();
    return parseInt(clean, 10);
  };
  const container = (open: string): unknown => {
    i++;
    const close = open === '[' ? ']' : open === '(' ? ')' : '}';
    const items: unknown[] = [];
    const dict: Record<string, unknown> = {};
    let isDict = open === '{';
    let isSet = false;
    let sawComma = false;
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        break;
      }
      if (items.length || Object.keys(dict).length || isSet) {
        expect(',');
        sawComma = true;
        ws();
        if (text[i] === close) {
          i++;
          break;
        }
      }
      const v = value();
      if (open === '{') {
        ws();
        if (text[i] === ':' && !isSet) {
          i++;
          const k = typeof v === 'string' ? v : v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : String(v);
          dict[k] = value();
        } else if (!Object.keys(dict).length) {
          isDict = false;
          isSet = true;
          items.push(v);
        } else throw new Fail();
      } else items.push(v);
    }
    if (open === '{') return isDict ? dict : items;
    if (open === '(') return items.length === 1 && !sawComma ? items[0] : makeTuple(items);
    return items;
  };
  try {
    const result = value();
    ws();
    if (i !== text.length) return { ok: false };
    return { ok: true, value: result };
  } catch (error) {
    if (error instanceof Fail) return { ok: false };
    throw error;
  }
}
