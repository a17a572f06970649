// A scripted Connection for module plan tests: records every exec/put and answers from a script.
import type { Connection, ExecOptions, ExecResult, PutOptions } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

export type Call = { kind: 'exec'; command: string; options?: ExecOptions } | { kind: 'put'; path: string; content: string; options?: PutOptions };

export class FakeConnection implements Connection {
  readonly host = 'fake';
  readonly transport = 'ssh' as const;
  readonly calls: Call[] = [];
  constructor(private readonly answer: (command: string, n: number) => Partial<ExecResult>) {}
  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.calls.push({ kind: 'exec', command, options });
    const n = this.calls.filter((c) => c.kind === 'exec').length - 1;
    return { rc: 0, stdout: '', stderr: '', ...this.answer(command, n) };
  }
  async put(content: string | Buffer, path: string, options?: PutOptions): Promise<void> {
    this.calls.push({ kind: 'put', path, content: content.toString(), options });
  }
  async get(): Promise<Buffer> {
    throw new Error('get is not expected');
  }
  async close(): Promise<void> {}
  get execs(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'exec' ? [c.command] : []));
  }
  get puts(): Extract<Call, { kind: 'put' }>[] {
    return this.calls.flatMap((c) => (c.kind === 'put' ? [c] : []));
  }
}

export const WHO = '@who=1000 1000 0022 ann staff';

/** A `@begin`..`@end` stat block as the probe prints it. */
export function statBlock(s: { type: string; mode?: string; uid?: number; gid?: number; owner?: string; group?: string; size?: number; checksum?: string; content?: string; target?: string; ino?: string; mtime?: number }): string {
  if (s.type === 'absent') return '@begin\ntype=absent\n@end';
  const lines = ['@begin', `type=${s.type}`, `mode=${s.mode ?? '644'}`, `uid=${s.uid ?? 1000}`, `gid=${s.gid ?? 1000}`, `owner=${s.owner ?? 'ann'}`, `group=${s.group ?? 'staff'}`, `size=${s.size ?? 0}`, `ino=${s.ino ?? '1:1'}`, 'atime=1', `mtime=${s.mtime ?? 1}`];
  if (s.target !== undefined) lines.push(`target=${s.target}`);
  if (s.checksum !== undefined) lines.push(`checksum=${s.checksum}`);
  if (s.content !== undefined) lines.push(`content=${Buffer.from(s.content).toString('base64')}`);
  lines.push('@end');
  return lines.join('\n');
}

export function fakeContext(conn: Connection, extra: Partial<ModuleContext> & { searchPath?: string[]; vars?: Record<string, unknown> } = {}): ModuleContext {
  return { host: 'fake', conn, check: false, diff: false, verbosity: 0, evaluate: () => undefined, ...extra } as ModuleContext;
}
