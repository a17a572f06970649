// Run a module's plan and apply (or check) on this machine's own files, through the local connection.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../../src/executor/module-contract.js';

/** A temp root removed after the file's tests, and a maker of fresh numbered dirs under it. */
export function scratchDirs(prefix: string): { root: string; fresh: () => string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const fresh = (): string => {
    const dir = join(root, `t${n++}`);
    mkdirSync(dir);
    return dir;
  };
  return { root, fresh };
}

const conn = new LocalConnection('localhost');

/** What the task would register: the plan's verdict, the check-mode result, or the applied result. */
export async function runLocal<A, S>(module: ModuleDefinition<A, S>, args: A, check = false): Promise<ModuleResult> {
  const ctx = { host: 'localhost', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [] } as ModuleContext;
  const plan = await module.plan(args, ctx);
  if (!plan.changed) return { changed: false, ...plan.result };
  if (check) return module.checkResult?.(plan, args) ?? { ...plan.result, changed: true };
  return module.apply(plan, args, ctx);
}
