/** Parses os-release / lsb-release style `KEY=value` files as the `distro` library reads them (shell quoting). */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    out[key.toLowerCase()] = unquote(line.slice(eq + 1));
  }
  return out;
}

/** Shell-style unquoting of one value: '...' literal, "..." with backslash escapes, bare with escapes. */
function unquote(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i] as string;
    if (c === "'") {
      const end = value.indexOf("'", i + 1);
      out += end < 0 ? value.slice(i + 1) : value.slice(i + 1, end);
      i = end < 0 ? value.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length && '"\\$`'.includes(value[i + 1] as string)) i++;
        out += value[i];
        i++;
      }
      i++;
    } else if (c === '\\' && i + 1 < value.length) {
      out += value[i + 1];
      i += 2;
    } else if (/\s/.test(c)) {
      break;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `lsb_release -a` output as the distro library reads it: `Distributor ID: Debian` -> {distributor_id: 'Debian'}. */
export function parseLsbReleaseOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, '_');
    out[key] = line.slice(colon + 1).trim();
  }
  return out;
}
