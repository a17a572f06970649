// Ansible's parsing/utils/addresses.py: which strings are host identifiers (with [x:y] ranges) plus an optional :port.

const numericRange = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const hexadecimalRange = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`;
const alphanumericRange = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const ipv6Component = String.raw`(?:[0-9a-f]{1,4}|${hexadecimalRange})`;
const ipv4Component = String.raw`(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${numericRange})`;
// Python's \w is Unicode-aware; a label may not end with - or _
const word = String.raw`[\p{L}\p{N}_]`;
const label = String.raw`(?:${word}|${alphanumericRange})(?:[\p{L}\p{N}_-]|${alphanumericRange})*(?<![_-])`;

const c6 = ipv6Component;
const ipv4Inner = String.raw`(?:${ipv4Component}\.){3}${ipv4Component}`;
const ipv6Alternatives = [
  `(?:${c6}:){7}${c6}`,
  `(?:${c6}:){1,6}:`,
  `(?:${c6}:)(?::${c6}){1,6}`,
  `(?:${c6}:){2}(?::${c6}){1,5}`,
  `(?:${c6}:){3}(?::${c6}){1,4}`,
  `(?:${c6}:){4}(?::${c6}){1,3}`,
  `(?:${c6}:){5}(?::${c6}){1,2}`,
  `(?:${c6}:){6}(?::${c6})`,
  `:(?::${c6}){1,6}`,
  `${c6}?::`,
  `(?:0:){6}(?:${c6}\\.){3}${c6}`,
  `::(?:ffff:)?(?:${c6}\\.){3}${c6}`,
  // Python's `$` binds only to this last alternative, so the others match as prefixes
  `(?:0:){5}ffff:(?:${c6}\\.){3}${c6}$`,
];

/** The address patterns; exported so inventory_hostname_short can tell IPs from names. */
export const addressPatterns = {
  bracketedHostport: /^\[(.+)\]:([0-9]+)$/,
  hostport: /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/,
  ipv4: new RegExp(`^${ipv4Inner}$`, 'i'),
  ipv6: new RegExp(`^(?:${ipv6Alternatives.join('|')})`, 'i'),
  hostname: new RegExp(`^${label}(?:\\.${label})*$`, 'iu'),
};

/** A host identifier and the port given with it, if any. */
export interface ParsedAddress {
  host: string;
  port: number | undefined;
}

/**
 * Splits `host:port`, `[v6]:port` and validates the host part like Ansible's parse_address.
 * Returns undefined where Ansible raises ("Not a valid network hostname", or a range when ranges are not allowed).
 */
export function parseAddress(address: string, allowRanges: boolean): ParsedAddress | undefined {
  let rest = address;
  let port: number | undefined;
  // both patterns are tried in turn, each on what the previous one left (a Python loop quirk)
  for (const re of [addressPatterns.bracketedHostport, addressPatterns.hostport]) {
    const m = re.exec(rest);
    if (m) {
      rest = m[1] as string;
      port = Number(m[2]);
    }
  }
  const valid = [addressPatterns.ipv4, addressPatterns.ipv6, addressPatterns.hostname].some((re) => re.test(rest));
  if (!valid || rest === '') return undefined;
  if (!allowRanges && rest.includes('[')) return undefined;
  return { host: rest, port };
}
