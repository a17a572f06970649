// Python's `format % value` for a single value (sequence lookup formats, printf-style).
import { pyRepr, pyStr } from '../values.js';

/** Formats one conversion spec; throws on a type mismatch like Python's TypeError. */
export function pyPercentFormat(format: string, value: unknown): string {
  let used = false;
  return format.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([diouxXeEfFgGcrs%])/g, (_m, flags: string, width?: string, prec?: string, conv?: string) => {
    if (conv === '%') return '%';
    if (used) throw new TypeError('not enough arguments for format string');
    used = true;
    let body: string;
    const n = Number(value);
    const sign = (s: string): string => (n >= 0 && flags.includes('+') ? `+${s}` : n >= 0 && flags.includes(' ') ? ` ${s}` : s);
    switch (conv) {
      case 'd': case 'i': case 'u':
        if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError('%d format: a real number is required');
        body = sign(String(Math.trunc(n)));
        break;
      case 'x': case 'X': case 'o': {
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`%${conv} format: an integer is required`);
        const base = conv === 'o' ? 8 : 16;
        let digits = Math.abs(n).toString(base);
        if (conv === 'X') digits = digits.toUpperCase();
        if (flags.includes('#')) digits = (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') + digits;
        body = sign(n < 0 ? `-${digits}` : digits);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        const p = prec === undefined ? 6 : Number(prec);
        let s = conv.toLowerCase() === 'f' ? n.toFixed(p) : conv.toLowerCase() === 'e' ? n.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(n.toPrecision(p || 1)));
        if (conv === conv.toUpperCase()) s = s.toUpperCase();
        body = sign(s);
        break;
      }
      case 'c':
        body = typeof value === 'number' ? String.fromCodePoint(value) : pyStr(value);
        break;
      case 'r':
        body = pyRepr(value);
        break;
      default:
        body = pyStr(value);
        if (prec !== undefined) body = body.slice(0, Number(prec));
    }
    const w = width === undefined ? 0 : Number(width);
    if (body.length >= w) return body;
    if (flags.includes('-')) return body.padEnd(w);
    if (flags.includes('0') && 'diouxXeEfFgG'.includes(conv as string)) {
      const signChar = /^[-+ ]/.test(body) ? body.charAt(0) : '';
      return signChar + body.slice(signChar.length).padStart(w - signChar.length, '0');
    }
    return body.padStart(w);
  });
}
