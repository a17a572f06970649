// Path filters: os.path semantics (POSIX) on the controller.
import { homedir } from 'node:os';
import * as path from 'node:path';
import { realpathSync } from 'node:fs';
import { makeTuple, pyStr, pyTypeName, TemplateError } from '../values.js';
import type { FilterFn } from '../values.js';

export const basename: FilterFn = (value) => {
  const p = pyStr(value);
  return p.slice(p.lastIndexOf('/') + 1);
};

/** os.path.dirname keeps '//' roots and strips trailing slashes unless all slashes. */
export const dirname: FilterFn = (value) => {
  const p = pyStr(value);
  let head = p.slice(0, p.lastIndexOf('/') + 1);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return head;
};

export const expanduser: FilterFn = (value) => {
  const p = pyStr(value);
  if (!p.startsWith('~')) return p;
  const slash = p.indexOf('/', 1);
  const user = p.slice(1, slash < 0 ? undefined : slash);
  if (user !== '') return p;
  const home = (process.env.HOME ?? homedir()).replace(/\/+$/, '') || '/';
  return home + (slash < 0 ? '' : p.slice(slash));
};

/** os.path.expandvars: $name and ${name}; unknown variables are left as is. */
export const expandvars: FilterFn = (value) =>
  pyStr(value).replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    return process.env[key] ?? whole;
  });

/** os.path.realpath: resolves symlinks of the existing prefix, like Python (non-strict). */
export function pyRealpath(p: string): string {
  let abs = path.resolve(p);
  const missing: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(abs);
      return missing.length ? path.join(real, ...missing.reverse()) : real;
    } catch {
      if (abs === '/') return path.join('/', ...missing.reverse());
      missing.push(path.basename(abs));
      abs = path.dirname(abs);
    }
  }
}

export const realpath: FilterFn = (value) => pyRealpath(pyStr(value));

/** relpath(start=os.curdir). */
export const relpath: FilterFn = (value, args, kwargs) => {
  const start = kwargs.start ?? args[0];
  const p = pyStr(value);
  if (p === '') throw new TemplateError('no path specified');
  return path.relative(path.resolve(start === undefined ? '.' : pyStr(start)), path.resolve(p)) || '.';
};

/** splitext: ('name', '.ext') (leading dots of the basename are not an extension). */
export const splitext: FilterFn = (value) => {
  const p = pyStr(value);
  const slash = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot > slash) {
    let i = slash + 1;
    while (i < dot && p[i] === '.') i++;
    if (i < dot) return makeTuple([p.slice(0, dot), p.slice(dot)]);
  }
  return makeTuple([p, '']);
};

/** os.path.join semantics: an absolute part discards what came before. */
export function pyPathJoin(parts: string[]): string {
  let out = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    if (part.startsWith('/')) out = part;
    else if (out === '' || out.endsWith('/')) out += part;
    else out += `/${part}`;
  }
  return out;
}

export const pathJoin: FilterFn = (value) => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return pyPathJoin(value.map(pyStr));
  throw new TemplateError(`|path_join expects string or sequence, got <class '${pyTypeName(value)}'> instead.`);
};
