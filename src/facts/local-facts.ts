/** One `*.fact` file of fact_path as the script printed it: its output (executable) or content (plain). */
export interface FactFile {
  path: string;
  executable: boolean;
  /** exit code of an executable fact */
  rc?: number | undefined;
  text: string;
}

/** The script lines that dump fact_path's `*.fact` files: run the executable ones, print the rest. */
export function localFactsSnippet(quotedFactPath: string): string {
  return [
    `FP=${quotedFactPath};`,
    'if [ -d "$FP" ]; then for fn in "$FP"/*.fact; do [ -e "$fn" ] || continue;',
    'if [ -x "$fn" ]; then s "localx $fn"; "$fn" 2>/dev/null; rc=$?; echo; echo "@rc=$rc"; else s "localf $fn"; cat "$fn" 2>/dev/null; fi; done; fi',
  ].join(' ');
}

/** Python configparser's reading of an INI fact: sections of lower-cased options; DEFAULT values fill every section. */
export function parseIniFact(text: string): Record<string, Record<string, string>> | undefined {
  const sections = new Map<string, Map<string, string>>();
  const defaults = new Map<string, string>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split('\n')) {
    if (/^\s*[#;]/.test(raw)) continue;
    if (raw.trim() === '') {
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(raw) && current && lastKey !== undefined) {
      current.set(lastKey, `${current.get(lastKey) ?? ''}\n${raw.trim()}`);
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = header[1] as string;
      if (name === 'DEFAULT') current = defaults;
      else {
        if (sections.has(name)) return undefined;
        current = new Map();
        sections.set(name, current);
      }
      lastKey = undefined;
      continue;
    }
    if (!current) return undefined;
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) return undefined;
    lastKey = (m[1] as string).trim().toLowerCase();
    current.set(lastKey, (m[2] as string).trim());
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [name, options] of sections) out[name] = Object.fromEntries([...defaults, ...options]);
  return out;
}

/** local {<name>: facts} from fact_path, as LocalFactCollector builds it (JSON first, then INI, else a message). */
export function localFacts(files: FactFile[]): Record<string, unknown> {
  const local: Record<string, unknown> = {};
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const base = (f.path.split('/').pop() ?? '').replace('.fact', '');
    if (f.executable && f.rc !== 0) {
      local[base] = `Failure executing fact script (${f.path}), rc: ${String(f.rc)}, err: `;
      continue;
    }
    const text = f.executable ? f.text : f.text.trim();
    try {
      local[base] = JSON.parse(text) as unknown;
    } catch {
      local[base] = parseIniFact(text) ?? `error loading facts as JSON or ini - please check content: ${f.path}`;
    }
  }
  return { local };
}

/** Reads the `localx <path>` / `localf <path>` sections back into fact files. */
export function factFilesFrom(sections: Iterable<[string, string]>): FactFile[] {
  const files: FactFile[] = [];
  for (const [name, body] of sections) {
    const m = /^local([xf]) (.+)$/.exec(name);
    if (!m) continue;
    if (m[1] === 'f') {
      files.push({ path: m[2] as string, executable: false, text: body });
      continue;
    }
    const rc = /\n@rc=(\d+)\n?$/.exec(body);
    files.push({ path: m[2] as string, executable: true, rc: rc ? Number(rc[1]) : 1, text: rc ? body.slice(0, rc.index) : body });
  }
  return files;
}
