import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** Ansible's unfrackpath(follow=False): `$VARS` and `~` expanded, made absolute and normalised. */
export function unfrackPath(p: string, cwd = process.cwd()): string {
  const withVars = p.replace(/\$(\w+)|\$\{([^}]+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const value = process.env[(a ?? b) as string];
    return value ?? whole;
  });
  const withHome = withVars === '~' || withVars.startsWith('~/') ? homedir() + withVars.slice(1) : withVars;
  return path.resolve(cwd, withHome);
}

/** A `-i a,b,` host list rather than a path: it has a comma and names nothing on disk. */
export function isHostList(source: string): boolean {
  return source.includes(',') && !existsSync(source);
}

/** True for an existing directory (a directory source is read entry by entry). */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// IGNORED in inventory/manager.py: hidden entries, vars dirs, and INVENTORY_IGNORE_EXTS (note `.ini`!)
const IGNORED_ENTRY =
  /^\.|^host_vars$|^group_vars$|^vars_plugins$|(?:\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$/;

/** Whether a directory entry is skipped when a directory is used as an inventory source. */
export function isIgnoredInventoryEntry(name: string): boolean {
  return IGNORED_ENTRY.test(name);
}

/** The directory whose group_vars/ and host_vars/ belong to a source (undefined for host lists). */
export function varsBaseDir(source: string): string | undefined {
  if (isHostList(source)) return undefined;
  return isDirectory(source) ? source : path.dirname(source);
}
