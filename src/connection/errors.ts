/** The host could not be reached or refused us: Ansible reports the host UNREACHABLE, the run goes on. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
  constructor(
    readonly host: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Privilege escalation failed (wrong or missing password, timeout): the task fails, the host stays reachable. */
export class BecomeError extends Error {
  override readonly name = 'BecomeError';
}

/** A command ran past its time limit and was killed. */
export class CommandTimeoutError extends Error {
  override readonly name = 'CommandTimeoutError';
}
