// Ansible's _escape_backslashes: in playbook strings, backslashes inside string literals within `{{ }}` are
// doubled, so `'\n'` typed in YAML reaches Jinja as the two characters backslash and n.

/** Double backslashes in string literals inside `{{ ... }}` (statements and text are left alone). */
export function escapeBackslashes(data: string): string {
  if (!data.includes('\\') || !data.includes('{{')) return data;
  let out = '';
  let i = 0;
  while (i < data.length) {
    const open = /\{\{|\{%|\{#/.exec(data.slice(i));
    if (!open) {
      out += data.slice(i);
      break;
    }
    const start = i + open.index;
    out += data.slice(i, start + 2);
    i = start + 2;
    const kind = open[0];
    if (kind === '{#') {
      const end = data.indexOf('#}', i);
      const stop = end < 0 ? data.length : end + 2;
      out += data.slice(i, stop);
      i = stop;
      continue;
    }
    const closer = kind === '{{' ? '}}' : '%}';
    while (i < data.length && !data.startsWith(closer, i)) {
      const c = data[i] as string;
      if (c === "'" || c === '"') {
        let j = i + 1;
        while (j < data.length && data[j] !== c) j += data[j] === '\\' ? 2 : 1;
        const literal = data.slice(i, j + 1);
        out += kind === '{{' ? literal.replace(/\\/g, '\\\\') : literal;
        i = j + 1;
      } else {
        out += c;
        i++;
      }
    }
    if (kind === '{%' && /^\{%-?\s*raw\s*-?%\}?$/.test(data.slice(start, i + 2))) {
      const end = /\{%-?\s*endraw\s*-?%\}/.exec(data.slice(i));
      const stop = end ? i + end.index : data.length;
      out += data.slice(i, stop);
      i = stop;
      continue;
    }
    out += data.slice(i, i + 2);
    i += 2;
  }
  return out;
}
