// The one scripted Connection for module unit tests: answers each exec from a script, records every call, counts round trips.
import type { Connection, ExecOptions, ExecResult, PutOptions } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

/** One recorded call; `text` is the command (exec), the uploaded content (put) or the path read (get). */
export type Call =
  | { kind: 'exec'; text: string; command: string; options?: ExecOptions | undefined }
  | { kind: 'put'; text: string; path: string; content: string; bytes: Buffer; options?: PutOptions | undefined }
  | { kind: 'get'; text: string; path: string };

/** How the fake answers the n-th exec (0-based): a function of the command, or a list of stdouts taken in order. */
export type Script = ((command: string, n: number) => Partial<ExecResult>) | string[];

export interface RoundTrips {
  exec: number;
  put: number;
  get: number;
  total: number;
}

export class FakeConnection implements Connection {
  readonly host = 'fake';
  readonly transport = 'ssh' as const;
  readonly calls: Call[] = [];
  private readonly answer: (command: string, n: number) => Partial<ExecResult>;

  /** @param files what `get` returns, by path; a get of any other path is an error, like a missing remote file */
  constructor(script: Script = [], private readonly files: Record<string, string | Buffer> = {}) {
    this.answer = Array.isArray(script) ? (_command, n) => ({ stdout: script[n] ?? '' }) : script;
  }

  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    const n = this.roundTrips.exec;
    this.calls.push({ kind: 'exec', text: command, command, options });
    return { rc: 0, stdout: '', stderr: '', ...this.answer(command, n) };
  }

  async put(content: string | Buffer, path: string, options?: PutOptions): Promise<void> {
    const bytes = Buffer.from(content);
    this.calls.push({ kind: 'put', text: bytes.toString(), path, content: bytes.toString(), bytes, options });
  }

  async get(path: string): Promise<Buffer> {
    this.calls.push({ kind: 'get', text: path, path });
    const file = this.files[path];
    if (file === undefined) throw new Error(`fake connection: no file ${path}`);
    return Buffer.from(file);
  }

  async close(): Promise<void> {}

  /** exec/put/get calls so far: what a module's round-trip budget is measured in */
  get roundTrips(): RoundTrips {
    const count = (kind: Call['kind']): number => this.calls.filter((c) => c.kind === kind).length;
    const trips = { exec: count('exec'), put: count('put'), get: count('get') };
    return { ...trips, total: trips.exec + trips.put + trips.get };
  }

  /** the commands run, in order */
  get execs(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'exec' ? [c.command] : []));
  }

  get puts(): Extract<Call, { kind: 'put' }>[] {
    return this.calls.flatMap((c) => (c.kind === 'put' ? [c] : []));
  }

  /** forget the calls so far (e.g. between a first run and a no-change run) */
  reset(): void {
    this.calls.length = 0;
  }
}

/** A ModuleContext around a connection; everything not given is off (no check, no diff, no vars). */
export function fakeContext(conn: Connection, extra: Partial<ModuleContext> = {}): ModuleContext {
  return { host: 'fake', conn, check: false, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [], ...extra };
}

/** A fake answering execs with `replies` in order, and a context maker (diff on, check as asked). */
export function scripted(replies: Script, extra: Partial<ModuleContext> = {}): { conn: FakeConnection; calls: Call[]; ctx: (check?: boolean) => ModuleContext } {
  const conn = new FakeConnection(replies);
  return { conn, calls: conn.calls, ctx: (check = false) => fakeContext(conn, { diff: true, ...extra, check }) };
}
