import { spawn } from 'node:child_process';
import { wrapBecome } from './become.js';
import { atomicPutScript, composeCommand, putStdin } from './compose.js';
import { BecomeError } from './errors.js';
import { discoveredPython, PYTHON_PROBE } from './python-discovery.js';
import { runChannel, type Channel } from './run-channel.js';
import { shellQuote } from './shell-quote.js';
import type { Become, Connection, ExecOptions, ExecResult, PutOptions, PutStream } from './types.js';

/** ansible_connection=local: the controller itself, through /bin/sh, with the same atomic writes as ssh. */
export class LocalConnection implements Connection {
  readonly transport = 'local' as const;
  constructor(readonly host: string) {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const composed = composeCommand(command, options);
    if (!options.become) return runChannel(spawnShell(composed), { stdin: options.stdin, timeoutMs: options.timeoutMs });
    const wrapped = wrapBecome(composed, options.become);
    if (wrapped.needsPty) throw new BecomeError(`${options.become.method} needs a terminal, which the local connection does not have; use sudo`);
    return runChannel(spawnShell(wrapped.command), {
      stdin: options.stdin,
      timeoutMs: options.timeoutMs,
      become: { wrapped, password: options.become.password, method: options.become.method },
    });
  }

  async put(content: string | Buffer | PutStream, path: string, options: PutOptions = {}): Promise<void> {
    const { stdin, size } = putStdin(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    const result = await this.exec(atomicPutScript(path, size, options), { stdin, become: options.become });
    if (result.rc !== 0) throw new Error(`Could not write ${path}: ${(result.stderr || result.stdout).trim() || `exit code ${result.rc}`}`);
  }

  async get(path: string, options: { become?: Become | undefined } = {}): Promise<Buffer> {
    const result = await this.exec(`base64 -w0 < ${shellQuote(path)}`, { become: options.become });
    if (result.rc !== 0) throw new Error(`Could not read ${path}: ${result.stderr.trim()}`);
    return Buffer.from(result.stdout.trim(), 'base64');
  }

  /** The Python Ansible's interpreter discovery finds on the controller: probed once per run. */
  python(): Promise<string | undefined> {
    return (localPython ??= this.exec(PYTHON_PROBE).then((result) => discoveredPython(result.stdout), () => undefined));
  }

  async close(): Promise<void> {}
}

let localPython: Promise<string | undefined> | undefined;

function spawnShell(command: string): Channel {
  // its own process group, so a kill reaches the command's children too and the pipes close at once
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const done = new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : 255)));
  });
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    stdin: child.stdin,
    done,
    kill: () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    },
  };
}
