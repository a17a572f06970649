import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { isVaultText, VAULT_HEADER } from './envelope.js';
import { VaultError } from './vault-error.js';
import { VaultLib } from './vault-lib.js';

/**
 * The vault secrets of this run, like the secrets Ansible's CLI gives its one DataLoader: set once by the
 * command before anything is loaded, then read by every file loader and by templating (inline `!vault`).
 */
let current = new VaultLib([]);

export function setRunVault(lib: VaultLib): void {
  current = lib;
}

export function runVault(): VaultLib {
  return current;
}

/** The text of a vault file decrypted with the run's secrets (Ansible's messages name the file); other text as it is. */
export function plainVaultText(text: string, file: string): string {
  if (!isVaultText(text)) return text;
  return current.decrypt(text, file).plaintext.toString('utf8');
}

/** Reads a controller file as DataLoader does: a vault-encrypted one is decrypted. */
export function readPlainText(file: string): string {
  return plainVaultText(readFileSync(file, 'utf8'), file);
}

/**
 * DataLoader.get_real_file for a controller source (copy/template `src`): the decrypted bytes of a vault file,
 * or undefined when the file is not vault data (its first bytes are not the header), so it is read as usual.
 */
export function decryptedFileBytes(file: string): Buffer | undefined {
  const head = Buffer.alloc(VAULT_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== VAULT_HEADER) return undefined;
  if (current.secrets.length === 0) throw new VaultError(`A vault password or secret must be specified to decrypt ${file}`);
  return current.decrypt(readFileSync(file, 'utf8'), file).plaintext;
}
