import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ParseError } from '../parsing/parse-error.js';
import { loadYaml11 } from '../parsing/yaml-11.js';
import type { Warn } from './types.js';
import { plainText } from './vault-text.js';
import type { DecryptVault } from './vault-text.js';

const VARS_EXTENSIONS = ['.yml', '.yaml', '.json'];

type Vars = Record<string, unknown>;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every vars file in a `group_vars/NAME/` directory: sorted, recursive, no hidden or `~` backups. */
function filesInVarsDir(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry.endsWith('~')) continue;
    const full = path.join(dir, entry);
    const ext = path.extname(entry);
    if (isDir(full)) {
      if (!ext) found.push(...filesInVarsDir(full));
    } else if (!ext || VARS_EXTENSIONS.includes(ext)) {
      found.push(full);
    }
  }
  return found;
}

/** Ansible's find_vars_files: `NAME` (file or dir) first, else `NAME.yml`, `.yaml`, `.json`; first match wins. */
export function findVarsFiles(dir: string, name: string): string[] {
  for (const ext of ['', ...VARS_EXTENSIONS]) {
    const full = path.join(dir, name + ext);
    if (!existsSync(full)) continue;
    return isDir(full) ? filesInVarsDir(full) : [full];
  }
  return [];
}

function loadVarsFile(file: string, warn: Warn, decrypt: DecryptVault | undefined): Vars | undefined {
  const text = plainText(readFileSync(file, 'utf8'), file, decrypt);
  const data = loadYaml11(text, file, warn);
  if (!data) return undefined; // empty files are ignored
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ParseError(`${file}: failed to combine variables, expected dicts but got a 'dict' and a '${Array.isArray(data) ? 'list' : typeof data}'`, { file });
  }
  return Object.keys(data).length === 0 ? undefined : (data as Vars);
}

/**
 * The `group_vars/` and `host_vars/` directories beside one inventory source (or playbook):
 * files are read once per name, then cached, like Ansible's host_group_vars plugin.
 */
export class VarsDir {
  private readonly cache = new Map<string, Vars>();

  constructor(
    readonly baseDir: string,
    private readonly warn: Warn,
    private readonly decrypt?: DecryptVault,
  ) {}

  /** Vars from `group_vars/NAME*`; empty when there are none. */
  groupVars(name: string): Vars {
    return this.load('group_vars', name);
  }

  /** Vars from `host_vars/NAME*`; empty when there are none. */
  hostVars(name: string): Vars {
    return this.load('host_vars', name);
  }

  private load(subdir: 'group_vars' | 'host_vars', name: string): Vars {
    const key = `${subdir}/${name}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let data: Vars = {};
    // names like /path/to/chroot are never looked up
    if (!name.startsWith(path.sep)) {
      const dir = path.join(this.baseDir, subdir);
      if (existsSync(dir) && !isDir(dir)) {
        this.warn(`Found ${subdir} that is not a directory, skipping: ${realpathSync(dir)}`);
      } else if (isDir(dir)) {
        for (const file of findVarsFiles(realpathSync(dir), name)) {
          data = { ...data, ...loadVarsFile(file, this.warn, this.decrypt) };
        }
      }
    }
    this.cache.set(key, data);
    return data;
  }
}
