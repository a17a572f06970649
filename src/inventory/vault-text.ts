import { ParseError } from '../parsing/parse-error.js';
import { VaultError } from '../vault/vault-error.js';

/** Decrypts a whole vault-encrypted file (the vault code provides it); gets the file for its messages. */
export type DecryptVault = (vaultText: string, file: string) => string;

/** Files whose text starts with this header are vault-encrypted, as in Ansible's is_encrypted(). */
const VAULT_HEADER = '$ANSIBLE_VAULT';

/** The plain text of an inventory or vars file, decrypting it when it is a vault file; a vault failure is a parse error here. */
export function plainText(text: string, file: string, decrypt: DecryptVault | undefined): string {
  if (!text.startsWith(VAULT_HEADER)) return text;
  if (!decrypt) throw new ParseError(`Attempting to decrypt but no vault secrets found: ${file}`, { file });
  try {
    return decrypt(text, file);
  } catch (error) {
    if (error instanceof VaultError) throw new ParseError(error.message, { file }, { cause: error });
    throw error;
  }
}
