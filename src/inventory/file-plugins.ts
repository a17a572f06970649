import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ParseError } from '../parsing/parse-error.js';
import { loadYaml11 } from '../parsing/yaml-11.js';
import { isClusterYmlSource, parseClusterYml } from './cluster-yml.js';
import { HostRangeError } from './expand-range.js';
import { parseIniInventory } from './ini.js';
import type { InventoryData } from './inventory-data.js';
import { InventoryError } from './inventory-data.js';
import type { Warn } from './types.js';
import { plainText } from './vault-text.js';
import type { DecryptVault } from './vault-text.js';
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

/** Runs `fn` once; later calls return its value or throw its error again (auto and yaml share one YAML load). */
function memoized<T>(fn: () => T): () => T {
  let outcome: { value: T } | { error: unknown } | undefined;
  return () => {
    if (!outcome) {
      try {
        outcome = { value: fn() };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

/** Errors an inventory plugin turns into "Failed to parse ... with X plugin"; anything else is a tsible bug. */
function isInputError(error: unknown): error is Error {
  return error instanceof ParseError || error instanceof InventoryError || error instanceof HostRangeError;
}

/**
 * Tries the file plugins in Ansible's enable_plugins order (auto, yaml, ini, toml; the script
 * plugin is not supported). The first that succeeds wins; what a failed plugin added stays, as in Ansible.
 */
export async function parseInventoryFile(
  data: InventoryData,
  file: string,
  warn: Warn,
  decrypt?: DecryptVault,
): Promise<FileParseOutcome> {
  try {
    await access(file, constants.R_OK);
  } catch {
    return { parsed: false, failures: [] };
  }
  let text: string;
  try {
    text = plainText(await readFile(file, 'utf8'), file, decrypt);
  } catch (error) {
    // every plugin fails the same way on a vault file it cannot open
    if (!(error instanceof ParseError)) throw error;
    const plugins = ['auto', 'yaml', 'ini'].filter((p) => wantsFile(p, file));
    return { parsed: false, failures: plugins.map((plugin) => ({ plugin, message: error.message })) };
  }
  const failures: PluginFailure[] = [];
  const loadOnce = memoized(() => loadYaml11(text, file, warn));
  const attempts: Array<[string, () => void]> = [
    // tsible's own source for the PaaS deploy tool's cluster.yml; only tried on files it recognises
    ['cluster_yml', () => parseClusterYml(data, file, loadOnce())],
    ['auto', () => autoPlugin(file, loadOnce())],
    ['yaml', () => parseYamlInventory(data, file, loadOnce(), isJson(text) ? 'json' : 'yaml', warn)],
    ['ini', () => parseIniInventory(data, file, text)],
  ];
  for (const [plugin, run] of attempts) {
    if (!wantsFile(plugin, file)) continue;
    if (plugin === 'cluster_yml' && !isClusterYmlSource(file, loadOnce)) continue;
    try {
      run();
      return { parsed: true };
    } catch (error) {
      if (!isInputError(error)) throw error;
      failures.push({ plugin, message: error.message });
      // a file recognised as cluster.yml is no other plugin's: the yaml plugin would only skip its keys
      if (plugin === 'cluster_yml') break;
    }
  }
  if (path.extname(file) === '.toml') failures.push({ plugin: 'toml', message: 'TOML inventories are not supported by tsible' });
  return { parsed: false, failures };
}

/** Each plugin's verify_file: auto takes .yml/.yaml, yaml takes no extension or .yaml/.yml/.json, ini anything. */
function wantsFile(plugin: string, file: string): boolean {
  const ext = path.extname(file);
  if (plugin === 'auto') return ext === '.yml' || ext === '.yaml';
  if (plugin === 'yaml') return !ext || YAML_EXTENSIONS.includes(ext);
  return true;
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
