import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

/** A scripted connection for the package modules: each exec gets the next reply; every call is recorded (round trips). */
export function scripted(replies: string[], vars: Record<string, unknown> = {}) {
  const calls: { kind: 'exec' | 'put' | 'get'; text: string }[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'ssh',
    exec: async (command): Promise<ExecResult> => {
      calls.push({ kind: 'exec', text: command });
      return { rc: 0, stdout: replies.shift() ?? '', stderr: '' };
    },
    put: async (content) => {
      calls.push({ kind: 'put', text: content.toString() });
    },
    get: async (path) => {
      calls.push({ kind: 'get', text: path });
      return Buffer.alloc(0);
    },
    close: async () => {},
  };
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars, searchPath: [] });
  return { calls, ctx };
}
