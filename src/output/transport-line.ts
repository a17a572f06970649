import type { TransportOp } from '../connection/traced.js';

/**
 * -vvv: `<host> EXEC command`, `<host> PUT N bytes TO path`, `<host> FETCH path` — exactly one line per round trip
 * (a multi-line script shows its newlines as `\n`), so `grep -c '^<host> '` counts them.
 */
export function transportLine(op: TransportOp): string {
  return `<${op.host}> ${op.op} ${op.detail.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`;
}
