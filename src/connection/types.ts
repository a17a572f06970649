/** Privilege escalation for one command, as Ansible's become_* keywords describe it. */
export interface Become {
  method: 'sudo' | 'su';
  /** @default 'root' */
  user: string;
  /** fed on stdin when the tool asks for it; never placed on a command line */
  password?: string | undefined;
  /** extra flags for the become tool, e.g. `-H -S -n` (Ansible's become_flags) */
  flags?: string | undefined;
  /** the become executable, if not the method's own name */
  exe?: string | undefined;
}

/** A command's standard input: bytes, or chunks written as the command takes them (a file streamed to the target). */
export type Stdin = string | Buffer | AsyncIterable<Buffer>;

/** Bytes to stream into a put: `size` is checked on the target once they have arrived. */
export interface PutStream {
  chunks: AsyncIterable<Buffer>;
  size: number;
}

export interface ExecOptions {
  /** written to the command's standard input, then closed */
  stdin?: Stdin | undefined;
  become?: Become | undefined;
  /** kill the command after this many milliseconds */
  timeoutMs?: number | undefined;
  env?: Record<string, string> | undefined;
  cwd?: string | undefined;
  /** run in a session of its own, under the login shell, as Ansible's raw does (not the shared /bin/sh) */
  ownSession?: boolean | undefined;
  /**
   * A read of tsible's own that may run in the session shell itself, without the subshell a command gets (one
   * process less): it must not exit, cd, set traps or options, or rely on a variable it did not set. Ignored
   * with env or cwd (they would stay in the shell).
   */
  inShell?: boolean | undefined;
}

export interface ExecResult {
  rc: number;
  stdout: string;
  stderr: string;
}

export interface PutOptions {
  /** octal string (`'0644'`) or number (`0o644`) */
  mode?: string | number | undefined;
  owner?: string | undefined;
  group?: string | undefined;
  become?: Become | undefined;
}

/** The one interface every transport offers: run a command, write a file atomically, read a file. */
export interface Connection {
  readonly host: string;
  /** which transport this is, as Ansible names it */
  readonly transport: 'ssh' | 'local';
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  put(content: string | Buffer | PutStream, path: string, options?: PutOptions): Promise<void>;
  get(path: string, options?: { become?: Become | undefined }): Promise<Buffer>;
  /**
   * The Python Ansible's interpreter discovery would pick on this host (discovered_interpreter_python), undefined
   * when it has none; a transport finds it without a round trip of its own where it can.
   */
  python?(): Promise<string | undefined>;
  close(): Promise<void>;
}
