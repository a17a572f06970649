/** A parsed ansible.cfg: section -> key (lower-cased) -> raw value, with the line each came from. */
export type IniConfig = Map<string, Map<string, { value: string; line: number }>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Python's configparser as Ansible uses it: `#`/`;` full-line comments, inline comments only after ` ;`,
 * `key = value` or `key: value`, indented continuation lines, case-insensitive keys, `%(name)s` interpolation.
 */
export function parseIniConfig(text: string, file: string): IniConfig {
  const config: IniConfig = new Map();
  let section: Map<string, { value: string; line: number }> | undefined;
  let lastKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    if (/^\s*([#;]|$)/.test(raw)) {
      if (raw.trim() === '') lastKey = undefined;
      return;
    }
    const line = raw.replace(/\s;.*$/, '');
    if (/^\s/.test(line) && section && lastKey) {
      const entry = section.get(lastKey);
      if (entry) entry.value += `\n${line.trim()}`;
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = header[1] as string;
      section = config.get(name) ?? new Map();
      config.set(name, section);
      lastKey = undefined;
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!pair) throw new ConfigError(`Error reading config file (${file}): Source contains parsing errors at line ${lineNo}: ${raw.trim()}`);
    if (!section) throw new ConfigError(`Error reading config file (${file}): File contains no section headers (line ${lineNo}: ${raw.trim()})`);
    lastKey = (pair[1] as string).toLowerCase();
    section.set(lastKey, { value: (pair[2] as string).trim(), line: lineNo });
  });
  return config;
}

/** BasicInterpolation: `%(key)s` from the same section or [DEFAULT]; `%%` is a literal `%`. */
export function interpolate(config: IniConfig, section: string, value: string, file: string, depth = 0): string {
  if (depth > 10) throw new ConfigError(`Error reading config file (${file}): interpolation too deep in [${section}]`);
  return value.replace(/%(%|\(([^)]+)\)s)/g, (_match, whole: string, key: string | undefined) => {
    if (whole === '%') return '%';
    const ref = config.get(section)?.get((key as string).toLowerCase()) ?? config.get('DEFAULT')?.get((key as string).toLowerCase());
    if (!ref) throw new ConfigError(`Error reading config file (${file}): bad interpolation variable reference '%(${key})s' in [${section}]`);
    return interpolate(config, section, ref.value, file, depth + 1);
  });
}
