import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findConfigFile } from '../config/settings.js';

/** `--version`, in ansible's shape: the program and its version, then where its configuration and code come from. */
export function versionText(program: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return [
    `${program} [tsible ${packageVersion()}]`,
    `  config file = ${findConfigFile(env, cwd, () => {}) ?? 'None'}`,
    `  executable location = ${process.argv[1] ?? program}`,
    `  node version = ${process.versions.node}`,
    '',
  ].join('\n');
}

/** The version in tsible's package.json, found above this file (src/cli when run from source, dist/src/cli when built). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  }
  return 'unknown';
}
