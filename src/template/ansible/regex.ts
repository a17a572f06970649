// regex_* filters: Ansible's thin wrappers over Python's re module.
import { pyStr, TemplateError, truthy } from '../values.js';
import type { FilterFn } from '../values.js';
import { compilePyRegex, pyEscape, pyFindall, pySub } from './py-regex.js';

function flagsOf(kwargs: Record<string, unknown>, positional: unknown[] = []): { ignorecase: boolean; multiline: boolean } {
  return { ignorecase: truthy(kwargs.ignorecase ?? positional[0]), multiline: truthy(kwargs.multiline ?? positional[1]) };
}

/** regex_replace(pattern, replacement, ignorecase=False, multiline=False): re.sub. */
export const regexReplace: FilterFn = (value, args, kwargs) => {
  const pattern = pyStr(kwargs.pattern ?? args[0] ?? '');
  const replacement = pyStr(kwargs.replacement ?? args[1] ?? '');
  const re = compilePyRegex(pattern, flagsOf(kwargs, args.slice(2)));
  return pySub(re, replacement, pyStr(value ?? ''));
};

/** regex_findall(regex, multiline=False, ignorecase=False): note the positional order differs from regex_replace. */
export const regexFindall: FilterFn = (value, args, kwargs) => {
  const multiline = truthy(kwargs.multiline ?? args[1]);
  const ignorecase = truthy(kwargs.ignorecase ?? args[2]);
  return pyFindall(compilePyRegex(pyStr(args[0] ?? kwargs.regex), { ignorecase, multiline }), pyStr(value));
};

/** regex_search(regex, '\\1', '\\g<name>', ...): the match, a list of groups, or None. */
export const regexSearch: FilterFn = (value, args, kwargs) => {
  const groups: (number | string)[] = [];
  for (const arg of args.slice(1)) {
    const text = pyStr(arg);
    const named = /^\\g<(\S+)>/.exec(text);
    const numbered = /^\\(\d+)/.exec(text);
    if (text.startsWith('\\g') && named) groups.push(named[1] as string);
    else if (text.startsWith('\\') && numbered) groups.push(Number(numbered[1]));
    else throw new TemplateError('Unknown argument');
  }
  const re = compilePyRegex(pyStr(args[0] ?? kwargs.regex), flagsOf(kwargs), false);
  const m = re.exec(pyStr(value));
  if (!m) return null;
  if (groups.length === 0) return m[0];
  return groups.map((g) => {
    if (typeof g === 'number') {
      if (g >= m.length) throw new TemplateError('no such group');
      return m[g] ?? null;
    }
    if (/^\d+$/.test(g)) return m[Number(g)] ?? null;
    if (!m.groups || !(g in m.groups)) throw new TemplateError('no such group');
    return m.groups[g] ?? null;
  });
};

/** regex_escape(re_type='python'|'posix_basic'). */
export const regexEscape: FilterFn = (value, args, kwargs) => {
  const type = pyStr(kwargs.re_type ?? args[0] ?? 'python');
  const text = pyStr(value);
  if (type === 'python') return pyEscape(text);
  if (type === 'posix_basic') return text.replace(/([\].[^$*\\])/g, '\\$1');
  if (type === 'posix_extended') throw new TemplateError(`Regex type (${type}) not yet implemented`);
  throw new TemplateError(`Invalid regex type (${type})`);
};

/** The regex/match/search tests share Ansible's regex() helper. */
export function regexTest(value: unknown, pattern: unknown, kwargs: Record<string, unknown>, matchType: string): boolean {
  const re = compilePyRegex(pyStr(pattern ?? ''), flagsOf(kwargs), false);
  const text = pyStr(value ?? '');
  if (matchType === 'match') {
    const sticky = new RegExp(re.source, `${re.flags}y`);
    return sticky.test(text);
  }
  if (matchType === 'fullmatch') return new RegExp(`(?:${re.source})(?![\\s\\S])`, `${re.flags}y`).test(text);
  return re.test(text);
}
