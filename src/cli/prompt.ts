import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import type { Prompter } from '../executor/prompter.js';
import type { Sink } from '../output/display.js';

/** Ctrl-C at a prompt: the CLI turns it into Ansible's "User interrupted execution" (99). */
export class PromptInterrupted extends Error {
  override readonly name = 'PromptInterrupted';
}

/** Ask for a secret on the controlling terminal without echo, like Python's getpass. */
export async function promptSecret(question: string): Promise<string> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    throw new Error(`Cannot ask "${question.trim()}": there is no terminal. Use a password file (--connection-password-file / --become-password-file) instead.`);
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  output.write(question);
  input.setRawMode(true);
  try {
    return await new Promise<string>((resolve, reject) => {
      let answer = '';
      input.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return resolve(answer);
          if (ch === '\u0003') return reject(new PromptInterrupted('User interrupted execution'));
          if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
          else answer += ch;
        }
      });
    });
  } finally {
    output.write('\n');
    input.setRawMode(false);
    input.destroy();
    output.destroy();
    try {
      closeSync(fd);
    } catch {
      /* already closed by the streams */
    }
  }
}

/** Lines of a stream, read only while someone waits for one, so an idle stdin never keeps the process alive. */
export class LineReader {
  private buffer = '';
  private ended = false;
  private wake: (() => void) | undefined;
  private attached = false;

  constructor(private readonly stream: NodeJS.ReadableStream) {}

  /** The next line without its newline; what is left before end of input; undefined once it is all read. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const newline = this.buffer.indexOf('\n');
      if (newline >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        return line.replace(/\r$/, '');
      }
      if (this.ended) {
        if (this.buffer === '') return undefined;
        const rest = this.buffer;
        this.buffer = '';
        return rest;
      }
      await this.more();
    }
  }

  private more(): Promise<void> {
    if (!this.attached) {
      this.attached = true;
      this.stream.on('data', (chunk: Buffer | string) => {
        this.buffer += chunk.toString();
        this.notify();
      });
      this.stream.on('end', () => {
        this.ended = true;
        this.notify();
      });
      this.stream.on('error', () => {
        this.ended = true;
        this.notify();
      });
    }
    return new Promise((resolve) => {
      this.wake = resolve;
      this.stream.resume();
    });
  }

  private notify(): void {
    this.stream.pause();
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * The prompter of a real run: answers from process.stdin. Python's input() (no readline loaded) writes its question
 * to stderr when stdin and stdout are terminals, else to stdout.
 */
export function stdinPrompter(sink: Sink): Prompter {
  const lines = new LineReader(process.stdin);
  return {
    interactive: process.stdin.isTTY === true,
    line(question) {
      if (process.stdin.isTTY === true && sink.isTty) sink.err(question);
      else sink.out(question);
      return lines.next();
    },
    secret: promptSecret,
  };
}
