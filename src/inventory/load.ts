import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { ParseError } from '../parsing/parse-error.js';
import { parseInventoryFile } from './file-plugins.js';
import { parseHostList } from './host-list.js';
import { InventoryData } from './inventory-data.js';
import { isDirectory, isHostList, isIgnoredInventoryEntry, unfrackPath, varsBaseDir } from './source-path.js';
import type { Inventory, Warn } from './types.js';
import type { DecryptVault } from './vault-text.js';
import { VarsDir } from './vars-dir.js';

/** Ansible's [inventory] failure switches; both default to false (warn and carry on). */
export interface LoadInventoryOptions {
  /** `unparsed_is_failed`: error when no source at all could be parsed. @default false */
  unparsedIsFailed?: boolean;
  /** `any_unparsed_is_failed`: error when any one source could not be parsed. @default false */
  anyUnparsedIsFailed?: boolean;
  /** Opens vault-encrypted inventory and vars files; without it they fail like Ansible without secrets. */
  decryptVault?: DecryptVault;
}

/** Ansible's default source; a missing /etc/ansible/hosts is not worth a warning. */
const DEFAULT_HOST_LIST = '/etc/ansible/hosts';

class SourceLoader {
  constructor(
    readonly data: InventoryData,
    private readonly warn: Warn,
    private readonly options: LoadInventoryOptions,
  ) {}

  /** Ansible's parse_source: directories recurse in sorted order; anything else goes to the plugins. */
  async parseSource(source: string): Promise<boolean> {
    let parsed = false;
    let failures: Array<{ plugin: string; message: string }> = [];
    if (isDirectory(source)) {
      for (const entry of (await readdir(source)).sort()) {
        if (isIgnoredInventoryEntry(entry)) continue;
        const one = await this.parseSource(path.join(source, entry));
        parsed ||= one;
      }
    } else {
      this.data.currentSource = source;
      if (isHostList(source)) {
        parseHostList(this.data, source);
        parsed = true;
      } else {
        const outcome = await parseInventoryFile(this.data, source, this.warn, this.options.decryptVault);
        parsed = outcome.parsed;
        if (!outcome.parsed) failures = outcome.failures;
      }
      this.data.currentSource = undefined;
    }
    if (!parsed && (source !== DEFAULT_HOST_LIST || existsSync(source))) {
      for (const f of failures) this.warn(`\n* Failed to parse ${source} with ${f.plugin} plugin: ${f.message}`);
      if (this.options.anyUnparsedIsFailed) {
        throw new ParseError(`Completely failed to parse inventory source ${source}`, { file: source });
      }
      this.warn(`Unable to parse ${source} as an inventory source`);
    }
    return parsed;
  }
}

/** Ansible prints each distinct warning once; inventory loading repeats some (group name checks). */
function onceEach(warn: Warn): Warn {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    warn(message);
  };
}

/**
 * Builds one inventory from `-i` sources (files, directories, `h1,h2,` lists), merged in order,
 * with group_vars/ and host_vars/ beside each source. Unparsable sources are warnings, as in Ansible.
 */
export async function loadInventory(sources: string[], warn: Warn, options: LoadInventoryOptions = {}): Promise<Inventory> {
  const once = onceEach(warn);
  const resolved = sources.filter((s) => s).map((s) => (s.includes(',') ? s : unfrackPath(s)));
  const loader = new SourceLoader(new InventoryData(once), once, options);
  let parsedAny = false;
  for (const source of resolved) {
    const parsed = await loader.parseSource(source);
    parsedAny ||= parsed;
  }
  if (parsedAny) loader.data.reconcile();
  else if (options.unparsedIsFailed) {
    throw new ParseError('No inventory was parsed, please check your configuration and options.', { file: resolved[0] ?? '' });
  } else {
    once('No inventory was parsed, only implicit localhost is available');
  }
  const inv = loader.data.inventory;
  inv.sources = resolved;
  inv.varsDirs = resolved.flatMap((s) => {
    const dir = varsBaseDir(s);
    return dir === undefined ? [] : [new VarsDir(dir, once, options.decryptVault)];
  });
  // read every group_vars/host_vars file now, so a broken one fails the load as it does in Ansible
  for (const dir of inv.varsDirs) {
    for (const group of inv.groups.keys()) dir.groupVars(group);
    for (const host of inv.hosts.keys()) dir.hostVars(host);
  }
  return inv;
}
