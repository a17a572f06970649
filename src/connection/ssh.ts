import { connect as netConnect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import PQueue from 'p-queue';
import ssh2 from 'ssh2';
import type { Client as SshClient, ClientChannel, ConnectConfig } from 'ssh2';
import { type BecomeCommand, wrapBecome } from './become.js';
import { atomicPutScript, composeCommand, inlinePutScript, putStdin } from './compose.js';
import { UnreachableError } from './errors.js';
import { fingerprint, keyTypeOf, knownHostsName, lookupKnownHosts, verifyHostKey } from './known-hosts.js';
import { runChannel, type Channel } from './run-channel.js';
import { discoveredPython, PYTHON_PROBE } from './python-discovery.js';
import { ShellSession } from './shell-session.js';
import { shellQuote } from './shell-quote.js';
import type { Become, Connection, ExecOptions, ExecResult, PutOptions, PutStream } from './types.js';

export interface SshOptions {
  /** the inventory name, for messages */
  host: string;
  /** where to connect (ansible_host) */
  address: string;
  /** @default 22 */
  port: number;
  user: string;
  password?: string | undefined;
  /** private key files to offer, in order */
  privateKeyFiles: string[];
  /** ssh-agent socket (SSH_AUTH_SOCK) */
  agent?: string | undefined;
  /** @default true */
  hostKeyChecking: boolean;
  knownHostsFiles: string[];
  /** connect + handshake timeout (Ansible's `timeout`, `-T`) @default 10000 */
  timeoutMs: number;
}

/** Files up to this size travel inside the command (base64), through the shell session; larger ones stream over stdin. */
const INLINE_PUT_MAX = 256 * 1024;

/** sshd's default MaxSessions is 10; stay under it, with one more for the shell session. */
const MAX_CHANNELS = 7;

const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/** One SSH connection per host for the whole run; every command is a channel on it. */
export class SshConnection implements Connection {
  readonly transport = 'ssh' as const;
  readonly host: string;
  private readonly channels = new PQueue({ concurrency: MAX_CHANNELS });
  private closed = false;
  /** the long-lived shell most commands go through (see shell-session.ts) */
  private session: Promise<ShellSession | undefined> | undefined;
  /** what the interpreter probe printed, written with the first shell session (see python()) */
  private probed: Promise<string | undefined> | undefined;
  private python_: Promise<string | undefined> | undefined;

  private constructor(
    private readonly client: SshClient,
    private readonly sock: Socket,
    private readonly options: SshOptions,
  ) {
    this.host = options.host;
  }

  /** Open the connection: TCP with Nagle off, curve25519 first, host key checked, auth as OpenSSH would try it. */
  static async open(options: SshOptions): Promise<SshConnection> {
    const sock = await openSocket(options);
    const client = new ssh2.Client();
    let hostKeyProblem: string | undefined;
    const name = knownHostsName(options.address, options.port);
    const known = options.hostKeyChecking ? lookupKnownHosts(options.knownHostsFiles, name).keys : [];
    const preferred = [...new Set(known.flatMap((entry) => HOST_KEY_ALGORITHMS[entry.keyType] ?? [entry.keyType]))];
    const config: ConnectConfig = {
      sock,
      username: options.user,
      readyTimeout: options.timeoutMs,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 4,
      algorithms: {
        kex: { prepend: ['curve25519-sha256', 'curve25519-sha256@libssh.org'] } as never,
        ...(preferred.length > 0 ? { serverHostKey: { prepend: preferred } as never } : {}),
      },
      hostVerifier: (key: Buffer): boolean => {
        if (!options.hostKeyChecking) return true;
        const verdict = verifyHostKey(options.knownHostsFiles, name, key);
        if (verdict.status === 'match') return true;
        hostKeyProblem = describeHostKeyProblem(verdict, name, key, options.knownHostsFiles);
        return false;
      },
      authHandler: makeAuthHandler(options) as unknown as ConnectConfig["authHandler"],
    };
    return new Promise((resolve, reject) => {
      const onError = (error: Error & { level?: string }): void => {
        client.removeListener('ready', onReady);
        sock.destroy();
        reject(new UnreachableError(options.host, unreachableMessage(options, error, hostKeyProblem), { cause: error }));
      };
      const onReady = (): void => {
        client.removeListener('error', onError);
        const connection = new SshConnection(client, sock, options);
        client.on('error', () => {
          /* a later failure surfaces on the channel that hit it */
        });
        client.on('close', () => {
          connection.closed = true;
        });
        resolve(connection);
      };
      client.once('error', onError);
      client.once('ready', onReady);
      client.connect(config);
    });
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const line = prepare(command, options);
    // the shell session takes what needs no stdin, no password prompt and no terminal
    if (options.stdin === undefined && !options.ownSession && line.wrapped?.prompt === undefined) {
      const channel = await this.sessionChannel(line.command, options.inShell === true && options.env === undefined && options.cwd === undefined);
      if (channel) return finish(channel, line, options);
    }
    return this.channels.add(() => this.run(line, options), { throwOnTimeout: true });
  }

  async put(content: string | Buffer | PutStream, path: string, options: PutOptions = {}): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const { stdin, size } = putStdin(data);
    const result =
      Buffer.isBuffer(data) && size <= INLINE_PUT_MAX
        ? await this.exec(inlinePutScript(path, data, options), { become: options.become })
        : await this.exec(`/bin/sh -c ${shellQuote(atomicPutScript(path, size, options))}`, { stdin, become: options.become });
    if (result.rc !== 0) {
      throw new Error(`Could not write ${path} on ${this.host}: ${(result.stderr || result.stdout).trim() || `exit code ${result.rc}`}`);
    }
  }

  async get(path: string, options: { become?: Become | undefined } = {}): Promise<Buffer> {
    const command = `cat -- ${shellQuote(path)}`;
    const channel = options.become ? undefined : await this.sessionChannel(command);
    const result = channel ? await drain(channel) : await this.channels.add(() => this.runRaw(command, { become: options.become }), {
      throwOnTimeout: true,
    });
    if (result.rc !== 0) {
      throw new Error(`Could not read ${path} on ${this.host}: ${result.stderr.toString('utf8').trim()}`);
    }
    return result.stdout;
  }

  /** Drop the connection at once, mid-command if need be (Ctrl-C, a test of a cut link). */
  abort(): void {
    this.closed = true;
    this.sock.destroy();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.channels.onIdle();
    (await this.session)?.close();
    this.client.end();
  }

  /** The Python Ansible's interpreter discovery finds here: the probe rode with the first command, so no round trip of its own. */
  python(): Promise<string | undefined> {
    return (this.python_ ??= this.findPython());
  }

  private async findPython(): Promise<string | undefined> {
    await (this.session ??= this.openSession());
    const output = await this.probed;
    if (output !== undefined) return discoveredPython(output);
    // no shell session (or it went before the probe answered): a command of its own
    const result = await this.exec(PYTHON_PROBE).catch(() => undefined);
    return result ? discoveredPython(result.stdout) : undefined;
  }

  /** A channel on the shell session, or undefined when it is busy or cannot be had. */
  private async sessionChannel(command: string, inShell = false): Promise<Channel | undefined> {
    if (this.closed) return undefined;
    const pending = (this.session ??= this.openSession());
    let session = await pending;
    if (session?.closed && this.session === pending && !this.closed) {
      // a command killed its shell: the next one starts another
      this.session = this.openSession();
      session = await this.session;
    }
    return session?.usable ? session.run(command, inShell) : undefined;
  }

  /** Open the shell session; if sshd will not give us one, every command takes its own session. */
  private openSession(): Promise<ShellSession | undefined> {
    const probe = this.probed === undefined ? PYTHON_PROBE : undefined;
    const session = ShellSession.open((line) => this.openStream(line, false), probe).catch(() => undefined);
    if (probe !== undefined) this.probed = session.then((opened) => opened?.probed);
    return session;
  }

  private async run(line: PreparedCommand, options: ExecOptions): Promise<ExecResult> {
    return finish(await this.openChannel(line.command, line.wrapped?.needsPty ?? false), line, options);
  }

  /** A binary-safe read of stdout, for get(). */
  private async runRaw(command: string, options: ExecOptions): Promise<{ rc: number; stdout: Buffer; stderr: Buffer }> {
    if (options.become) {
      // Through become the marker handling is text based; base64 keeps the bytes intact.
      const result = await this.run(prepare(`${command} | base64 -w0`, options), options);
      return { rc: result.rc, stdout: Buffer.from(result.stdout.trim(), 'base64'), stderr: Buffer.from(result.stderr) };
    }
    return drain(await this.openChannel(command, false));
  }

  /**
   * Open a session channel. sshd frees a finished session a moment after it says so, and refuses
   * ("no more sessions") if we are quicker: that refusal is retried, briefly, before it counts.
   */
  private async openChannel(command: string, pty: boolean): Promise<Channel> {
    return channelOf(await this.openStream(command, pty));
  }

  private async openStream(command: string, pty: boolean): Promise<ClientChannel> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new UnreachableError(this.host, 'Failed to connect to the host via ssh: connection closed');
      try {
        return await new Promise<ClientChannel>((resolve, reject) => {
          this.client.exec(command, pty ? { pty: true } : {}, (error, stream) => {
            if (error) return reject(error);
            recordExit(stream);
            resolve(stream);
          });
        });
      } catch (error) {
        const refused = /Channel open failure/i.test((error as Error).message);
        if (!refused || attempt >= 20) {
          throw new UnreachableError(this.host, `Failed to connect to the host via ssh: ${(error as Error).message}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
      }
    }
  }
}

/** A command as it goes to the target: cwd and environment in front, wrapped for become. */
interface PreparedCommand {
  command: string;
  wrapped: BecomeCommand | undefined;
}

function prepare(command: string, options: ExecOptions): PreparedCommand {
  const composed = composeCommand(command, options);
  const wrapped = options.become ? wrapBecome(composed, options.become) : undefined;
  return { command: wrapped?.command ?? composed, wrapped };
}

/** Drive a prepared command's channel to its end. */
async function finish(channel: Channel, line: PreparedCommand, options: ExecOptions): Promise<ExecResult> {
  const { wrapped } = line;
  const result = await runChannel(channel, {
    stdin: options.stdin,
    timeoutMs: options.timeoutMs,
    become: wrapped && options.become ? { wrapped, password: options.become.password, method: options.become.method } : undefined,
  });
  if (wrapped?.needsPty) {
    // a terminal turns every newline into CRLF and merges stderr into stdout
    result.stdout = result.stdout.replace(/\r\n/g, '\n');
  }
  return result;
}

/** Binary-safe: every byte of stdout and stderr, and the exit code. */
async function drain(channel: Channel): Promise<{ rc: number; stdout: Buffer; stderr: Buffer }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  channel.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  channel.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  channel.stdin.end();
  const rc = await channel.done;
  return { rc, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
}

/**
 * sshd's exit-status can arrive in the same TCP read as the exec reply, and ssh2 emits 'exit' while it parses
 * that read, before any await resumes: the listener goes on in the exec callback itself.
 */
const exitCodes = new WeakMap<ClientChannel, number>();

function recordExit(stream: ClientChannel): void {
  stream.on('exit', (exitCode: number | null, signal?: string) => {
    exitCodes.set(stream, exitCode ?? (signal ? 128 + signalNumber(signal) : 255));
  });
}

function channelOf(stream: ClientChannel): Channel {
  const done = new Promise<number>((resolve) => {
    stream.on('close', () => resolve(exitCodes.get(stream) ?? 255));
  });
  return {
    stdout: stream,
    stderr: stream.stderr,
    stdin: stream,
    done,
    kill: () => {
      stream.signal('KILL');
      stream.close();
    },
  };
}

function signalNumber(signal: string): number {
  const numbers: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, PIPE: 13, TERM: 15 };
  return numbers[signal.replace(/^SIG/, '')] ?? 0;
}

function openSocket(options: SshOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = netConnect({ host: options.address, port: options.port });
    const fail = (reason: string): void => {
      sock.destroy();
      reject(new UnreachableError(options.host, `Failed to connect to the host via ssh: ssh: connect to host ${options.address} port ${options.port}: ${reason}`));
    };
    sock.setTimeout(options.timeoutMs, () => fail('Connection timed out'));
    sock.once('error', (error: NodeJS.ErrnoException) => fail(socketReason(error)));
    sock.once('connect', () => {
      sock.setTimeout(0);
      sock.removeAllListeners('error');
      sock.setNoDelay(true);
      coalesceWrites(sock);
      resolve(sock);
    });
  });
}

/**
 * ssh2 writes every SSH packet to the socket on its own: a 50 MB upload is 1600 writes of 32 KB. Corking the
 * socket at the first write of a tick and uncorking on the next tick sends a tick's packets in one writev.
 */
function coalesceWrites(sock: Socket): void {
  const write = sock.write.bind(sock) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    sock.uncork();
  };
  sock.write = ((...args: unknown[]): boolean => {
    if (!corked) {
      corked = true;
      sock.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Socket['write'];
}

function socketReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'EHOSTUNREACH':
      return 'No route to host';
    case 'ENETUNREACH':
      return 'Network is unreachable';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'Could not resolve hostname: Name or service not known';
    default:
      return error.message;
  }
}

type AuthMethod =
  | { type: 'agent'; username: string; agent: string }
  | { type: 'publickey'; username: string; key: Buffer }
  | { type: 'password'; username: string; password: string }
  | {
      type: 'keyboard-interactive';
      username: string;
      prompt: (name: string, instructions: string, lang: string, prompts: unknown[], finish: (answers: string[]) => void) => void;
    };

/** OpenSSH's order: agent and key files (publickey), then password, then keyboard-interactive. */
function makeAuthHandler(options: SshOptions) {
  const methods: AuthMethod[] = [];
  const username = options.user;
  if (options.agent) methods.push({ type: 'agent', username, agent: options.agent });
  for (const file of options.privateKeyFiles) {
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch {
      continue;
    }
    const parsed = ssh2.utils.parseKey(key);
    if (parsed instanceof Error) continue; // encrypted or unsupported: OpenSSH would ask for a passphrase
    methods.push({ type: 'publickey', username, key });
  }
  if (options.password !== undefined) {
    const password = options.password;
    methods.push({ type: 'password', username, password });
    methods.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    });
  }
  return (methodsLeft: string[] | null, _partial: boolean | null, next: (method: AuthMethod | false) => void): void => {
    for (;;) {
      const method = methods.shift();
      if (!method) return next(false);
      const wire = method.type === 'agent' ? 'publickey' : method.type;
      if (methodsLeft === null || methodsLeft.includes(wire)) return next(method);
    }
  };
}

function describeHostKeyProblem(
  verdict: ReturnType<typeof verifyHostKey>,
  name: string,
  key: Buffer,
  files: string[],
): string {
  const shown = `${keyTypeOf(key)} ${fingerprint(key)}`;
  const where = files.join(', ');
  switch (verdict.status) {
    case 'changed': {
      const first = verdict.expected[0];
      const at = first ? `${first.file}:${first.line}` : where;
      return `Host key verification failed: REMOTE HOST IDENTIFICATION HAS CHANGED for ${name}. It presented ${shown}, which does not match the key recorded in ${at}. If the host was rebuilt on purpose, remove the old key with "ssh-keygen -R ${name}" and connect again; otherwise someone may be intercepting the connection.`;
    }
    case 'revoked':
      return `Host key verification failed: the key ${shown} presented by ${name} is marked @revoked in ${verdict.entry.file}:${verdict.entry.line}.`;
    case 'unknown':
      return `Host key verification failed: no host key for ${name} is known (it presented ${shown}; looked in ${where}). Add it with "ssh-keyscan ${name} >> ~/.ssh/known_hosts" after checking the fingerprint, or set host_key_checking = False in ansible.cfg (ANSIBLE_HOST_KEY_CHECKING=False).`;
    case 'match':
      return '';
  }
}

function unreachableMessage(options: SshOptions, error: Error & { level?: string }, hostKeyProblem: string | undefined): string {
  if (hostKeyProblem) return `Failed to connect to the host via ssh: ${hostKeyProblem}`;
  if (error.level === 'client-authentication') {
    return `Failed to connect to the host via ssh: ${options.user}@${options.address}: Permission denied (publickey,password).`;
  }
  if (/Timed out while waiting for handshake/i.test(error.message)) {
    return `Failed to connect to the host via ssh: Connection timed out during banner exchange (${options.address} port ${options.port})`;
  }
  return `Failed to connect to the host via ssh: ${error.message}`;
}
