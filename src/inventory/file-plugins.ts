import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ParseError } from '../parsing/parse-error.js';
import { loadYaml11 } from '../parsing/yaml-11.js';
import { HostRangeError } from './expand-range.js';
import { parseIniInventory } from './ini.js';
import type { InventoryData } from './inventory-data.js';
import { InventoryError } from './inventory-data.js';
import type { Warn } from './types.js';
import { parseYamlInventory } from './yaml-inventory.js';

/** Why one inventory plugin could not read a source; shown only if no plugin could. */
export interface PluginFailure {
  plugin: string;
  message: string;
}

export type FileParseOutcome = { parsed: true } | { parsed: false; failures: PluginFailure[] };

const YAML_EXTENSIONS = ['.yaml', '.yml', '.json'];

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Errors an inventory plugin turns into "Failed to parse ... with X plugin"; anything else is a tsible bug. */
function isInputError(error: unknown): error is Error {
  return error instanceof ParseError || error instanceof InventoryError || error instanceof HostRangeError;
}

/**
 * Tries the file plugins in Ansible's enable_plugins order (auto, yaml, ini, toml; the script
 * plugin is not supported). The first that succeeds wins; what a failed plugin added stays, as in Ansible.
 */
export async function parseInventoryFile(data: InventoryData, file: string, warn: Warn): Promise<FileParseOutcome> {
  try {
    await access(file, constants.R_OK);
  } catch {
    return { parsed: false, failures: [] };
  }
  const text = await readFile(file, 'utf8');
  const ext = path.extname(file);
  const failures: PluginFailure[] = [];
  let loaded: { ok: true; value: unknown } | { ok: false; error: Error } | undefined;
  const loadOnce = (): unknown => {
    loaded ??= (() => {
      try {
        return { ok: true as const, value: loadYaml11(text, file, warn) };
      } catch (error) {
        if (error instanceof ParseError) return { ok: false as const, error };
        throw error;
      }
    })();
    if (!loaded.ok) throw loaded.error;
    return loaded.value;
  };

  const attempts: Array<[string, boolean, () => void]> = [
    ['auto', file.endsWith('.yml') || file.endsWith('.yaml'), () => autoPlugin(file, loadOnce())],
    [
      'yaml',
      !ext || YAML_EXTENSIONS.includes(ext),
      () => parseYamlInventory(data, file, loadOnce(), isJson(text) ? 'json' : 'yaml', warn),
    ],
    ['ini', true, () => parseIniInventory(data, file, text)],
  ];
  for (const [plugin, wants, run] of attempts) {
    if (!wants) continue;
    try {
      run();
      return { parsed: true };
    } catch (error) {
      if (!isInputError(error)) throw error;
      failures.push({ plugin, message: error.message });
    }
  }
  if (ext === '.toml') failures.push({ plugin: 'toml', message: 'TOML inventories are not supported by tsible' });
  return { parsed: false, failures };
}

/** The auto plugin only handles `plugin:` config files; tsible has no such inventory plugins. */
function autoPlugin(file: string, content: unknown): never {
  const plugin =
    typeof content === 'object' && content !== null && !Array.isArray(content)
      ? (content as Record<string, unknown>).plugin
      : undefined;
  if (!plugin) {
    throw new ParseError(`no root 'plugin' key found, '${file}' is not a valid YAML inventory plugin config file`, { file });
  }
  throw new ParseError(`inventory config '${file}' specifies unknown plugin '${String(plugin)}'`, { file });
}
