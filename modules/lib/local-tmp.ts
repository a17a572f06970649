import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** Python's tempfile naming: `<prefix>` and 8 random characters, made by `create`, retried while the name is taken. */
function pythonTemp(dir: string, prefix: string, create: (path: string) => void): string {
  for (;;) {
    const path = join(dir, `${prefix}${Array.from({ length: 8 }, () => NAME_CHARS[randomInt(NAME_CHARS.length)]).join('')}`);
    try {
      create(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

let runDir: string | undefined;

/**
 * Ansible's DEFAULT_LOCAL_TMP: one `ansible-local-<pid><random>` dir under `~/.ansible/tmp` (ANSIBLE_LOCAL_TEMP)
 * for the run, made when first needed and removed when the process exits.
 */
function localTmpDir(): string {
  if (runDir !== undefined) return runDir;
  const base = (process.env.ANSIBLE_LOCAL_TEMP ?? '~/.ansible/tmp').replace(/^~(?=\/|$)/, homedir());
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const dir = pythonTemp(base, `ansible-local-${process.pid}`, (path) => mkdirSync(path, { mode: 0o700 }));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  runDir = dir;
  return dir;
}

/** tempfile.mkstemp(dir=local tmp): a new `tmpXXXXXXXX` file holding `data`, readable by its owner only. */
export function localTempfile(data: Buffer): string {
  return pythonTemp(localTmpDir(), 'tmp', (path) => writeFileSync(path, data, { flag: 'wx', mode: 0o600 }));
}
