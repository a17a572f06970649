import { randomBytes } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { Channel } from './run-channel.js';
import { shellQuote } from './shell-quote.js';

/**
 * One long-lived `/bin/sh` on the target, fed one command at a time.
 *
 * An SSH exec costs the target a new session: sshd forks, sets the session up, execs the login
 * shell and tears it all down again (~10 ms of the target's CPU). Through this shell a command is
 * one write and one read, and the target forks only the subshell the command runs in. Each command
 * runs as `( eval '…' ) </dev/null`, so its exits, traps, `cd`s and syntax errors stay inside its own
 * subshell; a marker printed after it on stdout (with its exit code) and on stderr ends its output.
 *
 * The session takes commands without stdin, without a password prompt and without a terminal; the
 * connection sends anything else over a session of its own. A command that runs out of time takes the
 * shell with it (see kill).
 */
export class ShellSession {
  private busy = false;
  private dead = false;
  private current: Pending | undefined;
  /** the probe written at open, until its output has come (it comes before any command's) */
  private probe: Probe | undefined;
  /** the probe's output; undefined when there was none or the shell went first */
  readonly probed: Promise<string | undefined>;

  private constructor(private readonly stream: ClientChannel, probe: string | undefined) {
    if (probe !== undefined) {
      this.probe = new Probe();
      stream.write(`${probe}; printf '\\n%s\\n' ${this.probe.marker}\n`);
    }
    this.probed = this.probe?.output ?? Promise.resolve(undefined);
    stream.on('data', (chunk: Buffer) => {
      const rest = this.probe ? this.probe.feed(chunk) : chunk;
      if (this.probe?.done) this.probe = undefined;
      if (rest.length > 0) this.current?.onStdout(rest);
    });
    stream.stderr.on('data', (chunk: Buffer) => this.current?.onStderr(chunk));
    stream.on('close', () => {
      this.dead = true;
      this.probe?.abandon();
      this.current?.abandon();
      this.current = undefined;
    });
    stream.on('error', () => {
      /* surfaces as 'close' */
    });
  }

  /**
   * Start the shell: `exec` so no login shell stays between sshd and it. `probe`, a read of tsible's own that prints
   * only on stdout, is written at once and runs before the first command, whose round trip brings its output too.
   */
  static open(open: (command: string) => Promise<ClientChannel>, probe?: string): Promise<ShellSession> {
    return open('exec /bin/sh').then((stream) => new ShellSession(stream, probe));
  }

  get usable(): boolean {
    return !this.dead && !this.busy;
  }

  get closed(): boolean {
    return this.dead;
  }

  /** Run `command` now. Only when `usable`. `inShell`: in the shell itself, not a subshell (ExecOptions.inShell). */
  run(command: string, inShell = false): Channel {
    if (!this.usable) throw new Error('shell session is busy or closed');
    this.busy = true;
    const marker = `TSIBLE-END-${randomBytes(12).toString('hex')}`;
    const pending = new Pending(
      marker,
      () => {
        this.busy = false;
        this.current = undefined;
      },
      () => this.kill(),
    );
    this.current = pending;
    const body = inShell ? `{ eval ${shellQuote(command)}\n} </dev/null` : `( eval ${shellQuote(command)} ) </dev/null`;
    this.stream.write(`${body}; printf '%s:%d\\n' ${marker} $?; printf '%s\\n' ${marker} >&2\n`);
    return pending.channel;
  }

  close(): void {
    this.dead = true;
    this.stream.end();
  }

  /**
   * A command ran out of time: one command in this shell cannot be singled out, so the shell goes, with it. The
   * command ends now with what it printed; the connection starts another shell for the next one.
   */
  private kill(): void {
    if (this.dead) return;
    this.dead = true;
    this.stream.signal('KILL');
    this.stream.close();
    this.current?.abandon();
    this.current = undefined;
  }
}

/** One command's output, cut at its markers. */
class Pending {
  readonly channel: Channel;
  private readonly stdout: Cut;
  private readonly stderr: Cut;
  private resolve!: (rc: number) => void;

  constructor(
    marker: string,
    private readonly release: () => void,
    kill: () => void,
  ) {
    this.stdout = new Cut(`${marker}:`, true);
    this.stderr = new Cut(`${marker}\n`, false);
    const done = new Promise<number>((resolve) => {
      this.resolve = resolve;
    });
    this.channel = {
      stdout: this.stdout.stream,
      stderr: this.stderr.stream,
      // nothing is ever written: commands with stdin take a session of their own
      stdin: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      done,
      kill,
    };
  }

  onStdout(chunk: Buffer): void {
    if (this.stdout.feed(chunk)) this.finishIfDone();
  }

  onStderr(chunk: Buffer): void {
    if (this.stderr.feed(chunk)) this.finishIfDone();
  }

  /** The shell went away mid-command: what came is the output, and the exit code is ssh's 255. */
  abandon(): void {
    this.stdout.finish();
    this.stderr.finish();
    this.release();
    this.resolve(this.stdout.rc ?? 255);
  }

  private finishIfDone(): void {
    if (!this.stdout.ended || !this.stderr.ended) return;
    this.release();
    this.resolve(this.stdout.rc ?? 255);
  }
}

/** One stream of a command: everything before the marker; on stdout the marker carries the exit code. */
class Cut {
  readonly stream = new PassThrough();
  ended = false;
  rc: number | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  /** the last bytes seen, so a marker split across two chunks is still found */
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly marker: string, private readonly withCode: boolean) {}

  /** Take a chunk; true when this stream has just ended. */
  feed(chunk: Buffer): boolean {
    if (this.ended) return false;
    const window = Buffer.concat([this.tail, chunk]);
    const at = window.indexOf(this.marker);
    if (at < 0 || (this.withCode && window.indexOf(10, at) < 0)) {
      this.chunks.push(chunk);
      this.size += chunk.length;
      this.tail = window.subarray(Math.max(0, window.length - this.marker.length - 16));
      return false;
    }
    const offset = this.size - this.tail.length; // where `window` starts in the whole output
    const all = Buffer.concat([...this.chunks, chunk]);
    const start = offset + at;
    if (this.withCode) {
      const end = all.indexOf(10, start);
      this.rc = Number(all.subarray(start + this.marker.length, end).toString('latin1'));
    }
    this.ended = true;
    this.stream.end(all.subarray(0, start));
    return true;
  }

  /** End with what came so far. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.stream.end(Buffer.concat(this.chunks));
  }
}

/** The probe's stdout, up to the marker line it ends with; what follows is the first command's. */
class Probe {
  readonly marker = `TSIBLE-PROBE-${randomBytes(12).toString('hex')}`;
  readonly output: Promise<string | undefined>;
  done = false;
  private seen: Buffer = Buffer.alloc(0);
  private resolve!: (output: string | undefined) => void;

  constructor() {
    this.output = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Take a chunk; returns the part of it after the probe's output (empty while the probe is still talking). */
  feed(chunk: Buffer): Buffer {
    this.seen = Buffer.concat([this.seen, chunk]);
    const end = this.seen.indexOf(`\n${this.marker}\n`);
    if (end < 0) return Buffer.alloc(0);
    this.done = true;
    this.resolve(this.seen.subarray(0, end).toString('utf8'));
    return this.seen.subarray(end + this.marker.length + 2);
  }

  abandon(): void {
    this.done = true;
    this.resolve(undefined);
  }
}
