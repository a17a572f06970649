import { parseAddress } from './parse-address.js';

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An invalid `[x:y]` range; the message is Ansible's (or Python's, where Ansible lets that through). */
export class HostRangeError extends Error {
  override name = 'HostRangeError';
}

/** Python's int(): surrounding whitespace, a sign and `_` separators are fine, anything else is an error. */
function pyInt(text: string): number {
  const t = text.trim();
  if (!/^[-+]?[0-9](?:_?[0-9])*$/.test(t)) throw new HostRangeError(`invalid literal for int() with base 10: '${text}'`);
  return Number(t.replace(/_/g, ''));
}

function letterSequence(beg: string, end: string, step: string): string[] | undefined {
  const iBeg = ASCII_LETTERS.indexOf(beg);
  const iEnd = ASCII_LETTERS.indexOf(end);
  if (iBeg < 0 || iEnd < 0) return undefined;
  if (iBeg > iEnd) throw new HostRangeError('host range must have begin <= end');
  const n = pyIntOrUndefined(step);
  if (n === undefined || n === 0) return undefined; // Python falls back to the numeric branch
  if (n < 0) return [];
  const out: string[] = [];
  for (let i = iBeg; i <= iEnd; i += n) out.push(ASCII_LETTERS[i] as string);
  return out;
}

function pyIntOrUndefined(text: string): number | undefined {
  try {
    return pyInt(text);
  } catch {
    return undefined;
  }
}

function numberSequence(beg: string, end: string, step: string, fill: (x: number | string) => string): string[] {
  const from = pyInt(beg);
  const to = pyInt(end) + 1;
  const by = pyInt(step);
  if (by === 0) throw new HostRangeError('range() arg 3 must not be zero');
  const out: string[] = [];
  for (let i = from; by > 0 ? i < to : i > to; i += by) out.push(fill(i));
  return out;
}

/**
 * Expands the first `[begin:end(:step)]` of a host name, recursively: `web[01:03]` ->
 * web01, web02, web03; `db-[a:c]` -> db-a, db-b, db-c (Ansible's expand_hostname_range).
 */
export function expandHostRange(line: string): string[] {
  // Python: line.replace('[', '|', 1).replace(']', '|', 1).split('|') unpacked into three parts
  const parts = line.replace('[', '|').replace(']', '|').split('|');
  if (parts.length < 3) throw new HostRangeError(`not enough values to unpack (expected 3, got ${parts.length})`);
  if (parts.length > 3) throw new HostRangeError('too many values to unpack (expected 3)');
  const [head, nrange, tail] = parts as [string, string, string];
  const bounds = nrange.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new HostRangeError('host range must be begin:end or begin:end:step');
  const beg = bounds[0] || '0';
  const end = bounds[1] as string;
  const step = bounds[2] ?? '1';
  if (!end) throw new HostRangeError('host range must specify end value');
  let fill = (x: number | string): string => String(x);
  if (beg[0] === '0' && beg.length > 1) {
    if (beg.length !== end.length) throw new HostRangeError('host range must specify equal-length begin and end formats');
    fill = (x) => String(x).padStart(beg.length, '0');
  }
  const seq = letterSequence(beg, end, step)?.map(fill) ?? numberSequence(beg, end, step, fill);
  return seq.flatMap((part) => {
    const name = `${head}${part}${tail}`;
    return name.includes('[') ? expandHostRange(name) : [name];
  });
}

/** Host names and port from one inventory host key such as `web[1:3].example.com:2222`. */
export interface ExpandedHostPattern {
  hostnames: string[];
  port: number | undefined;
}

/** Ansible's `_expand_hostpattern`: split off a port when the key is a valid address, then expand ranges. */
export function expandHostPattern(hostpattern: string): ExpandedHostPattern {
  const parsed = parseAddress(hostpattern, true);
  const pattern = parsed?.host ?? hostpattern;
  const port = parsed?.port;
  const hostnames = pattern.includes('[') ? expandHostRange(pattern) : [pattern];
  return { hostnames, port };
}
