import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext, ModuleDefinition } from '../../../src/executor/module-contract.js';

/** A scripted connection for the service, user and group tests: each exec gets the next reply (or what it makes of the command); calls are counted. */
export function scripted(replies: Array<string | ((command: string) => string)>, facts: Record<string, unknown> = { service_mgr: 'process_api' }) {
  const calls: string[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'ssh',
    exec: async (command): Promise<ExecResult> => {
      calls.push(command);
      const next = replies.shift() ?? '';
      return { rc: 0, stdout: typeof next === 'string' ? next : next(command), stderr: '' };
    },
    put: async () => {
      calls.push('put');
    },
    get: async () => {
      calls.push('get');
      return Buffer.alloc(0);
    },
    close: async () => {},
  };
  const ctx = (check = false): ModuleContext => ({
    host: 'h',
    conn,
    check,
    diff: false,
    verbosity: 0,
    evaluate: () => undefined,
    vars: { ansible_facts: facts },
    searchPath: [],
  });
  return { calls, ctx };
}

/** A `run RC .OUT .ERR` line as the remote prelude's run() prints it. */
export function runLine(rc: number, stdout = '', stderr = ''): string {
  return `run ${rc} .${Buffer.from(stdout).toString('base64')} .${Buffer.from(stderr).toString('base64')}`;
}

/** plan, then apply or checkResult, as the executor runs a module. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runModule(module: ModuleDefinition<any, any>, args: Record<string, unknown>, ctx: ModuleContext) {
  const plan = await module.plan(args, ctx);
  if (!plan.changed) return plan.result ?? { changed: false };
  if (ctx.check) return module.checkResult ? module.checkResult(plan, args, ctx) : { changed: true };
  return module.apply(plan, args, ctx);
}
