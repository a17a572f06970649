import { readFileSync } from 'node:fs';
import { isVaultText } from './envelope.js';
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
