// Where a relative controller-side `src` lives: Ansible's _find_needle (role files/ or templates/, then the playbook dir).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ModuleContext } from '../../src/executor/module-contract.js';

/** The task's search path (role dir, then playbook dir), read defensively until ModuleContext carries it. */
export function taskSearchPath(ctx: ModuleContext): string[] {
  const sp = (ctx as { searchPath?: string[] }).searchPath;
  return sp && sp.length ? sp : [process.cwd()];
}

/** The task's variables, read defensively until ModuleContext carries them. */
export function taskVars(ctx: ModuleContext): Record<string, unknown> {
  return (ctx as { vars?: Record<string, unknown> }).vars ?? {};
}

/** An absolute path to `src`, searching `<dir>/<subdir>/src` then `<dir>/src` for each dir; undefined when nowhere. */
export function findSource(src: string, subdir: 'files' | 'templates', searchPath: string[]): string | undefined {
  if (isAbsolute(src)) return existsSync(src) ? src : undefined;
  for (const dir of searchPath) {
    for (const candidate of [join(dir, subdir, src), join(dir, src)]) {
      if (existsSync(candidate)) return resolve(candidate) + (src.endsWith('/') ? '/' : '');
    }
  }
  return undefined;
}
