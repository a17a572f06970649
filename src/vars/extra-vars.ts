import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadYaml11 } from '../parsing/yaml-11.js';
import { parseKv } from '../parsing/split-args.js';
import { plainVaultText } from '../vault/run-vault.js';

/** `-e` could not be read: Ansible's AnsibleOptionsError / parser error, naming what was given. */
export class ExtraVarsError extends Error {
  override readonly name = 'ExtraVarsError';
}

/** Ansible's load_extra_vars: each `-e` is @file, a YAML/JSON document, or k=v pairs; later ones win. */
export function loadExtraVars(values: string[], warn: (m: string) => void, cwd = process.cwd()): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const raw of values) {
    let data: unknown;
    const text = raw.trim();
    if (text.startsWith('@')) {
      const file = resolve(cwd, text.slice(1));
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        throw new ExtraVarsError(`the file_name '${file}' does not exist, or is not readable`);
      }
      data = loadYaml11(plainVaultText(content, file), file, warn);
    } else if (text.startsWith('{') || text.startsWith('[')) {
      data = loadYaml11(text, '<extra vars>', warn);
    } else if (text === '') {
      continue;
    } else if (text.startsWith('/') || text.startsWith('.')) {
      throw new ExtraVarsError(`Please prepend extra_vars filename '${text}' with '@'`);
    } else {
      data = parseKv(text, false);
    }
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new ExtraVarsError(`Invalid extra vars data supplied. '${raw}' could not be made into a dictionary`);
    }
    Object.assign(merged, data);
  }
  return merged;
}
