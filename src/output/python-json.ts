/** `json.dumps(value, indent=..., sort_keys=True, ensure_ascii=False)` as Python writes it, which Ansible's output uses. */
export function pythonJsonDumps(value: unknown, options: { indent?: number | undefined; sortKeys?: boolean } = {}): string {
  const sortKeys = options.sortKeys ?? true;
  const indent = options.indent;
  const itemSep = indent === undefined ? ', ' : ',';
  const render = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return quote(v);
    if (Buffer.isBuffer(v)) return quote(v.toString('utf8'));
    if (v instanceof Date) return quote(v.toISOString());
    const newline = (d: number): string => (indent === undefined ? '' : `\n${' '.repeat(indent * d)}`);
    if (Array.isArray(v) || v instanceof Set) {
      const items = [...v];
      if (items.length === 0) return '[]';
      return `[${items.map((item) => newline(depth + 1) + render(item, depth + 1)).join(itemSep)}${newline(depth)}]`;
    }
    const entries = Object.entries(v instanceof Map ? Object.fromEntries(v) : (v as Record<string, unknown>)).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${newline(depth + 1)}${quote(k)}: ${render(x, depth + 1)}`).join(itemSep)}${newline(depth)}}`;
  };
  return render(value, 0);
}

function quote(text: string): string {
  // JSON.stringify escapes exactly what Python's encoder does with ensure_ascii=False, except lone surrogates.
  return JSON.stringify(text);
}
