import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { VaultError } from './vault-error.js';

/** VaultEditor.read_data: a file's bytes, or stdin for `-`, with Ansible's message when it cannot be read. */
export function readVaultInput(file: string, stdin: () => Buffer): Buffer {
  if (file === '-') return stdin();
  try {
    return readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? `[Errno 2] No such file or directory: '${file}'` : e.message;
    throw new VaultError(`Unable to read source file (${file}): ${reason}`);
  }
}

/**
 * Writes a vault output file mode 0600, atomically: the data goes to a temporary file beside it, then a rename
 * puts it in place, so the file is never seen half-written.
 */
export function writeVaultOutput(file: string, data: Buffer): void {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o600);
  } catch (error) {
    throw new VaultError(`Problem creating temporary vault file: ${(error as Error).message}`);
  }
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw new VaultError(`Unable to write to temporary vault file: ${(error as Error).message}`);
  }
}
