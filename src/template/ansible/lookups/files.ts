// Lookups that read controller files: file, fileglob, first_found, template.
import { opendirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isMapping, pyStr, TemplateError, truthy } from '../../values.js';
import type { LookupFn, TemplateContext } from '../../values.js';
import { findFile, searchDirs } from './search-path.js';
import { decryptedFileBytes } from '../../../vault/run-vault.js';
import { VaultError } from '../../../vault/vault-error.js';

/** A controller file's text as DataLoader reads it: a vault file comes decrypted. */
function readControllerText(file: string): string {
  try {
    return (decryptedFileBytes(file) ?? readFileSync(file)).toString('utf8');
  } catch (error) {
    if (error instanceof VaultError) throw new TemplateError(error.message);
    throw error;
  }
}

/** Python's str.strip() family strips Unicode whitespace; JS trim matches closely enough. */
export const file: LookupFn = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const found = findFile(ctx, 'files', pyStr(term));
    if (!found) throw new TemplateError(`could not locate file in lookup: ${pyStr(term)}`);
    let contents = readControllerText(found);
    if (truthy(kwargs.lstrip ?? false)) contents = contents.trimStart();
    if (truthy(kwargs.rstrip ?? true)) contents = contents.trimEnd();
    return contents;
  });

/** unvault: a file's contents, decrypted when it is a vault file, not stripped. */
export const unvault: LookupFn = (terms, _kwargs, ctx) =>
  terms.map((term) => {
    const found = findFile(ctx, 'files', pyStr(term));
    if (!found) throw new TemplateError(`Unable to find file matching "${pyStr(term)}" `);
    return readControllerText(found);
  });

export function isRegularFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A glob over one directory level (fnmatch *, ?, [..]); dot files only match a pattern starting with '.'. */
function globDir(dir: string, pattern: string): string[] {
  const names = globDirCache(dir) ?? [];
  const re = new RegExp(
    `^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.').replace(/\[!/g, '[^')}$`,
    's',
  );
  return names.filter((n) => re.test(n) && (!n.startsWith('.') || pattern.startsWith('.'))).map((n) => path.join(dir, n));
}

/** Directory entries in the OS's order, as Python's os.scandir gives them (readdirSync sorts). */
function globDirCache(dir: string): string[] | undefined {
  try {
    const handle = opendirSync(dir);
    const names: string[] = [];
    try {
      for (let entry = handle.readSync(); entry; entry = handle.readSync()) names.push(entry.name);
    } finally {
      handle.closeSync();
    }
    return names;
  } catch {
    return undefined;
  }
}

/** Python glob.glob for patterns whose wildcards are in the last component (or any component). */
export function pyGlob(pattern: string): string[] {
  const parts = pattern.split('/');
  let bases = [parts[0] === '' ? '/' : '.'];
  const rest = parts[0] === '' ? parts.slice(1) : parts;
  const relative = parts[0] !== '';
  for (const [i, part] of rest.entries()) {
    const last = i === rest.length - 1;
    if (!/[*?[]/.test(part)) {
      bases = bases.map((b) => path.join(b, part));
      if (last) bases = bases.filter((b) => globDirCache(path.dirname(b))?.includes(path.basename(b)));
      continue;
    }
    bases = bases.flatMap((b) => globDir(b, part));
  }
  return relative ? bases.map((b) => b.replace(/^\.\//, '')) : bases;
}

/** fileglob: files matching the pattern, in the first search dir that has any (order as listed by the OS). */
export const fileglob: LookupFn = (terms, _kwargs, ctx) => {
  const out: string[] = [];
  for (const t of terms) {
    const term = pyStr(t);
    const termFile = path.basename(term);
    const dirs: (string | undefined)[] = [];
    if (termFile !== term) dirs.push(findFile(ctx, 'files', path.dirname(term)));
    else for (const dir of searchDirs(ctx)) dirs.push(path.join(dir, 'files'), dir);
    for (const dir of dirs) {
      if (!dir) continue;
      const results = pyGlob(path.join(dir, termFile)).filter(isRegularFile);
      if (results.length) {
        out.push(...results);
        break;
      }
    }
  }
  return out;
};

function splitOn(value: unknown, chars: string): string[] {
  if (typeof value === 'string') return value.split(new RegExp(`[${chars.replace(/[\]\\^-]/g, '\\$&')}]`));
  if (Array.isArray(value)) return value.flatMap((v) => splitOn(v, chars));
  return [];
}

/** first_found: files/paths/skip as kwargs or dict terms; returns [path] or [] with skip. */
export const firstFound: LookupFn = (terms, kwargs, ctx) => {
  let skip = false;
  const collect = (items: unknown[]): string[] => {
    let total: string[] = [];
    for (const term of items) {
      let options: Record<string, unknown>;
      if (isMapping(term)) options = term;
      else if (typeof term === 'string') options = kwargs;
      else if (Array.isArray(term)) {
        total.push(...collect(term));
        continue;
      } else throw new TemplateError(`Invalid term supplied, can handle string, mapping or list of strings but got: ${typeof term} for ${pyStr(term)}`);
      const files = splitOn(options.files ?? [], ',;');
      const paths = splitOn(options.paths ?? [], ',:;');
      skip = truthy(options.skip ?? false);
      if (paths.length) for (const p of paths) for (const f of files) total.push(path.join(p, f));
      else if (files.length) total = files;
      else total.push(pyStr(term));
    }
    return total;
  };
  for (const candidate of collect(terms)) {
    let rendered: string;
    try {
      rendered = ctx.render(candidate);
    } catch {
      continue;
    }
    const found = findFile(ctx, 'files', rendered);
    if (found) return [found];
  }
  if (skip) return [];
  throw new TemplateError('No file was found when using first_found.');
};

/** template: render a file from templates/ with the current vars (template_vars are not layered in). */
export const template: LookupFn = (terms, _kwargs, ctx: TemplateContext) =>
  terms.map((term) => {
    const found = findFile(ctx, 'templates', pyStr(term));
    if (!found) throw new TemplateError(`the template file ${pyStr(term)} could not be found for the lookup`);
    return ctx.render(readControllerText(found));
  });
