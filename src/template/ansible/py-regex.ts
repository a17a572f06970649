// Python `re` patterns and replacement strings, translated to JS RegExp (roles copy regexes from Python docs).
import { makeTuple, TemplateError } from '../values.js';

export interface PyReFlags {
  ignorecase?: boolean;
  multiline?: boolean;
  dotall?: boolean;
}

/** Translates a Python pattern: (?P<n>..), (?P=n), \A, \Z, Python's `$`, leading inline flags. */
export function compilePyRegex(pattern: string, flags: PyReFlags = {}, global = true): RegExp {
  let src = pattern;
  let { ignorecase = false, multiline = false, dotall = false } = flags;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    const letters = inline[1] ?? '';
    if (letters.includes('i')) ignorecase = true;
    if (letters.includes('m')) multiline = true;
    if (letters.includes('s')) dotall = true;
    src = src.slice(inline[0].length);
    if (letters.includes('x')) src = stripVerbose(src);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      i++;
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?![\\s\\S])';
      else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // a leading ']' (or '^]') is a literal in Python
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (ch === '(' && src.startsWith('(?P=', i)) {
      const end = src.indexOf(')', i);
      out += `\\k<${src.slice(i + 4, end)}>`;
      i = end;
      continue;
    }
    if (ch === '$' && !multiline) {
      // Python's `$` also matches before a final newline
      out += '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    out += ch;
  }
  let jsFlags = global ? 'g' : '';
  if (ignorecase) jsFlags += 'i';
  if (multiline) jsFlags += 'm';
  if (dotall) jsFlags += 's';
  try {
    return new RegExp(out, jsFlags);
  } catch (error) {
    throw new TemplateError(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`, { cause: error });
  }
}

/** re.VERBOSE: whitespace and #-comments outside character classes are not part of the pattern. */
function stripVerbose(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '\\') {
      out += ch + (src[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Expands a Python `re.sub` template (\1, \g<1>, \g<name>, \n) for one match. */
export function expandPyTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = template[i + 1];
    if (next === undefined) throw new TemplateError('bad escape (end of pattern)');
    if (next === 'g') {
      const m = /^\\g<([^>]*)>/.exec(template.slice(i));
      if (!m) throw new TemplateError('missing < in replacement group');
      const ref = m[1] ?? '';
      out += /^\d+$/.test(ref) ? match[Number(ref)] ?? '' : match.groups?.[ref] ?? '';
      i += m[0].length - 1;
      continue;
    }
    const digits = /^\d{1,2}/.exec(template.slice(i + 1));
    if (digits) {
      if (digits[0].startsWith('0')) {
        // \0 and \0N are octal escapes in Python
        const oct = /^[0-7]{1,3}/.exec(template.slice(i + 1))?.[0] ?? '0';
        out += String.fromCharCode(parseInt(oct, 8));
        i += oct.length;
        continue;
      }
      const n = Number(digits[0]);
      if (n >= match.length) throw new TemplateError(`invalid group reference ${n}`);
      out += match[n] ?? '';
      i += digits[0].length;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(next)) throw new TemplateError(`bad escape \\${next}`);
    out += `\\${next}`;
    i++;
  }
  return out;
}

/** Python's re.sub(pattern, repl, text). */
export function pySub(re: RegExp, template: string, text: string, count = 0): string {
  let n = 0;
  return text.replace(re, (...args: unknown[]) => {
    if (count && n >= count) return args[0] as string;
    n++;
    const hasGroups = typeof args[args.length - 1] === 'object';
    const groups = hasGroups ? (args[args.length - 1] as Record<string, string | undefined>) : undefined;
    const captures = args.slice(0, hasGroups ? -3 : -2) as (string | undefined)[];
    const match = Object.assign(captures, { index: 0, input: text, groups }) as unknown as RegExpExecArray;
    return expandPyTemplate(template, match);
  });
}

/** Python's re.findall: whole matches, or the one group, or tuples of groups. */
export function pyFindall(re: RegExp, text: string): unknown[] {
  const out: unknown[] = [];
  for (const m of text.matchAll(re)) {
    if (m.length === 1) out.push(m[0]);
    else if (m.length === 2) out.push(m[1] ?? '');
    else out.push(makeTuple(m.slice(1).map((g) => g ?? '')));
  }
  return out;
}

const ESCAPED = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');

/** Python 3.7+ re.escape. */
export function pyEscape(text: string): string {
  let out = '';
  for (const ch of text) out += ESCAPED.has(ch) ? `\\${ch}` : ch;
  return out;
}
