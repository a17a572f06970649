// Where controller-side lookups find relative files (LookupBase.find_file_in_search_path).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { TemplateContext } from '../../values.js';

/** The dirs to try, in order: ctx.searchPath (role dirs...), then the play's basedir. */
export function searchDirs(ctx: TemplateContext): string[] {
  const vars = ctx.vars as { ansible_search_path?: unknown };
  const fromVars = Array.isArray(vars.ansible_search_path) ? (vars.ansible_search_path as string[]) : [];
  return [...new Set([...ctx.searchPath, ...fromVars, ctx.basedir])];
}

/** path_dwim_relative_stack: absolute paths as is; else <dir>/<subdir>/<needle>, then <dir>/<needle>. */
export function findFile(ctx: TemplateContext, subdir: string, needle: string): string | undefined {
  if (path.isAbsolute(needle)) return existsSync(needle) ? needle : undefined;
  for (const dir of searchDirs(ctx)) {
    const base = path.basename(dir) === 'tasks' ? path.dirname(dir) : dir;
    for (const candidate of [path.join(base, subdir, needle), path.join(dir, subdir, needle), path.join(dir, needle)]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}
