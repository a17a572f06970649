import type { ModuleResult } from './module-contract.js';

/** A host's verdict on one task, as the recap counts it. */
export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

export interface HostOutcome {
  host: string;
  status: HostStatus;
  result: ModuleResult;
}

/**
 * The one place a raw module result becomes an outcome, with Ansible's defaults:
 * `changed` false, `failed` from a non-zero rc, `stdout_lines`/`stderr_lines` beside stdout/stderr.
 */
export function toOutcome(host: string, raw: ModuleResult): HostOutcome {
  const result: ModuleResult = { ...raw };
  result.changed ??= false;
  if (result.failed === undefined && 'rc' in result && result.rc !== null && result.rc !== undefined) {
    result.failed = !(result.rc === 0 || result.rc === '0');
  }
  if (typeof result.stdout === 'string' && !('stdout_lines' in result)) result.stdout_lines = splitlines(result.stdout);
  if (typeof result.stderr === 'string' && !('stderr_lines' in result)) result.stderr_lines = splitlines(result.stderr);
  return { host, status: statusOf(result), result };
}

/** A task that failed before its module ran (unknown module, bad template): Ansible reports only the message. */
export function errorOutcome(host: string, msg: string): HostOutcome {
  return { host, status: 'failed', result: { failed: true, msg } };
}

export function unreachableOutcome(host: string, msg: string): HostOutcome {
  return { host, status: 'unreachable', result: { changed: false, msg, unreachable: true } };
}

function statusOf(result: ModuleResult): HostStatus {
  if (result.unreachable === true) return 'unreachable';
  if (result.failed === true) return 'failed';
  if (result.skipped === true) return 'skipped';
  return result.changed === true ? 'changed' : 'ok';
}

/** Python's str.splitlines(): no trailing empty line, \r\n and \r count as breaks. */
export function splitlines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
