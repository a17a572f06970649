import { ActionError } from '../../src/executor/module-contract.js';
import { decryptedFileBytes } from '../../src/vault/run-vault.js';
import { VaultError } from '../../src/vault/vault-error.js';

/** A controller source's decrypted bytes when it is a vault file (undefined otherwise); a vault failure fails the task with Ansible's message. */
export function vaultSourceBytes(path: string): Buffer | undefined {
  try {
    return decryptedFileBytes(path);
  } catch (error) {
    if (error instanceof VaultError) throw new ActionError(error.message);
    throw error;
  }
}
