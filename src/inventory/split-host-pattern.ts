import { parseAddress } from './parse-address.js';

// one pattern in a ':'-separated list: non-separator characters or a whole [...] expression
const COLON_LIST_ITEM = /(?:[^\s:[\]]|\[[^\]]*\])+/g;

/**
 * Ansible's split_host_pattern: `a,b` splits on commas; without commas `a:b:&c` splits on colons,
 * unless the whole string is an address or range (`::1`, `web[1:3]`, `host:22`). Whitespace is dropped.
 */
export function splitHostPattern(pattern: string | string[]): string[] {
  if (Array.isArray(pattern)) return pattern.flatMap((p) => splitHostPattern(p));
  let parts: string[];
  if (pattern.includes(',')) parts = pattern.split(',');
  else if (parseAddress(pattern, true)) parts = [pattern];
  else parts = pattern.match(COLON_LIST_ITEM) ?? [];
  return parts.map((p) => p.trim()).filter((p) => p);
}
