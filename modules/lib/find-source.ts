// Where a relative controller-side `src` lives: Ansible's _find_needle (role files/ or templates/, then the playbook dir).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ActionFailure, type ModuleContext } from '../../src/executor/module-contract.js';

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

/**
 * What Ansible says it searched for a controller file it did not find (DataLoader.path_dwim_relative_stack): the role's
 * dir, the task file's dir, then the play's dir, each with `<subdir>/` first (even when `src` starts with it: Ansible's
 * check compares bytes with text). The same dir may come twice, as in Ansible's message.
 */
export function searchedList(src: string, subdir: 'files' | 'templates', ctx: ModuleContext): string[] {
  const searchPath = taskSearchPath(ctx);
  const basedir = searchPath[searchPath.length - 1] ?? process.cwd();
  const taskDir = ctx.taskDir ?? basedir;
  const within = (dir: string): string[] => [join(dir, subdir, src), join(dir, src)];
  return [...(ctx.roleDir !== undefined ? [ctx.roleDir] : []), taskDir, basedir].flatMap(within);
}

/** The action's failure for a controller file it cannot find, with the traceback line Ansible shows under it. */
export function sourceNotFound(src: string, subdir: 'files' | 'templates', ctx: ModuleContext): ActionFailure {
  const msg = `Could not find or access '${src}'\nSearched in:\n${searchedList(src, subdir, ctx).map((p) => `\t${p}`).join('\n')} on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`;
  return new ActionFailure({ changed: false, failed: true, msg, exception: `Traceback (most recent call last):\nansible.errors.AnsibleFileNotFound: ${msg}` });
}
