import type { Readable, Writable } from 'node:stream';
import { BecomeError, CommandTimeoutError } from './errors.js';
import type { BecomeCommand } from './become.js';
import type { ExecResult, Stdin } from './types.js';

/** A running command, whatever carries it (an SSH channel, a local child process). */
export interface Channel {
  stdout: Readable;
  stderr: Readable;
  stdin: Writable;
  /** resolves with the exit code once the command has ended and its output is drained */
  done: Promise<number>;
  kill(): void;
}

export interface RunOptions {
  stdin?: Stdin | undefined;
  become?: { wrapped: BecomeCommand; password?: string | undefined; method: string } | undefined;
  timeoutMs?: number | undefined;
}

/** Write a stream of chunks as the command takes them (backpressure), then close its stdin. */
async function pump(chunks: AsyncIterable<Buffer>, stdin: Writable): Promise<void> {
  for await (const chunk of chunks) {
    if (stdin.destroyed || stdin.writableEnded) return;
    if (!stdin.write(chunk)) await new Promise<void>((resolve) => {
      const go = (): void => {
        stdin.off('drain', go);
        stdin.off('close', go);
        resolve();
      };
      stdin.once('drain', go);
      stdin.once('close', go);
    });
  }
  if (!stdin.writableEnded) stdin.end();
}

/**
 * Drive one command to its end: answer the become prompt, strip the success marker,
 * feed stdin only once the real command runs, and collect its output.
 */
export async function runChannel(channel: Channel, options: RunOptions): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const become = options.become;
  let escalated = become === undefined;
  let prompts = 0;
  let failure: Error | undefined;
  // Output seen before the marker, searched for prompts and the marker.
  let preamble = '';

  const fail = (error: Error): void => {
    failure ??= error;
    channel.kill();
  };

  const feedStdin = (): void => {
    const stdin = options.stdin;
    if (stdin === undefined || typeof stdin === 'string' || Buffer.isBuffer(stdin)) {
      if (stdin !== undefined) channel.stdin.write(stdin);
      channel.stdin.end();
      return;
    }
    // a source that fails ends the input early instead of killing the command: a put then sees a short file and
    // cleans up its temp file itself
    pump(stdin, channel.stdin).catch((error: Error) => {
      failure ??= error;
      if (!channel.stdin.writableEnded) channel.stdin.end();
    });
  };

  const watch = (chunk: Buffer, sink: Buffer[]): void => {
    if (escalated || become === undefined) {
      sink.push(chunk);
      return;
    }
    preamble += chunk.toString('utf8');
    const at = preamble.indexOf(become.wrapped.successMarker);
    if (at >= 0) {
      escalated = true;
      let rest = preamble.slice(at + become.wrapped.successMarker.length);
      rest = rest.replace(/^\r?\n/, '');
      if (rest) out.push(Buffer.from(rest, 'utf8'));
      preamble = '';
      feedStdin();
      return;
    }
    const prompt = become.wrapped.prompt;
    if (prompt && prompt.test(preamble)) {
      prompts += 1;
      preamble = '';
      if (become.password === undefined) {
        fail(new BecomeError(`Missing ${become.method} password`));
      } else if (prompts > 1) {
        fail(new BecomeError(`Incorrect ${become.method} password`));
      } else {
        channel.stdin.write(`${become.password}\n`);
      }
    }
  };

  channel.stdout.on('data', (chunk: Buffer) => watch(chunk, out));
  channel.stderr.on('data', (chunk: Buffer) => watch(chunk, err));
  channel.stdin.on('error', () => {
    /* the command may exit without reading its stdin; that is not an error */
  });
  if (become === undefined) feedStdin();

  let timer: NodeJS.Timeout | undefined;
  if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
    const ms = options.timeoutMs;
    timer = setTimeout(() => {
      fail(
        escalated
          ? new CommandTimeoutError(`The command did not finish within ${ms / 1000} s and was killed`)
          : new BecomeError(`Timeout (${ms / 1000}s) waiting for privilege escalation prompt`),
      );
    }, ms);
  }
  let rc: number;
  try {
    rc = await channel.done;
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (failure) throw failure;
  const stderr = Buffer.concat(err).toString('utf8');
  if (!escalated && become) {
    // The become tool exited before the marker: it refused us (e.g. `sudo -n` with a password required).
    const said = `${preamble}${stderr}`.trim();
    if (/password is required|no tty present|a terminal is required/i.test(said)) {
      throw new BecomeError(`Missing ${become.method} password`);
    }
    throw new BecomeError(`${become.method} failed: ${said || `exit code ${rc}`}`);
  }
  return { rc, stdout: Buffer.concat(out).toString('utf8'), stderr };
}
