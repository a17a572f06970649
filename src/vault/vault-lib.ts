import { decryptAes256, encryptAes256 } from './aes256.js';
import { DEFAULT_VAULT_ID, formatEnvelope, isVaultText, parseEnvelope } from './envelope.js';
import type { VaultSecret } from './secrets.js';
import { VaultError } from './vault-error.js';

/** What decrypting gave: the plaintext and the id of the secret that opened it. */
export interface Decrypted {
  plaintext: Buffer;
  vaultId: string;
}

/** Ansible's VaultLib: decrypts with whichever secret fits, encrypts with a chosen one. */
export class VaultLib {
  /** @param idMatch only try secrets whose id is the envelope's (DEFAULT_VAULT_ID_MATCH) */
  constructor(
    readonly secrets: readonly VaultSecret[],
    private readonly idMatch = false,
  ) {}

  /** VaultLib.decrypt_and_get_vault_id, same messages; `file` is named in them as Ansible does. */
  decrypt(text: string, file?: string): Decrypted {
    if (!isVaultText(text)) {
      throw new VaultError(`input is not vault encrypted data. ${file ? `${file} is not a vault encrypted file` : ''}`);
    }
    const envelope = parseEnvelope(text, file);
    if (envelope.cipher !== 'AES256') throw new VaultError(`${envelope.cipher} cipher could not be found`);
    if (this.secrets.length === 0) throw new VaultError('Attempting to decrypt but no vault secrets found');
    // The candidates keep the order the secrets were given in; the envelope's id only filters them when idMatch is on.
    const candidates = this.idMatch ? this.secrets.filter((s) => s.id === envelope.vaultId) : this.secrets;
    for (const secret of candidates) {
      const plaintext = decryptAes256(envelope.body, secret.bytes);
      if (plaintext) return { plaintext, vaultId: secret.id };
    }
    throw new VaultError(`Decryption failed (no vault secrets were found that could decrypt)${file ? ` on ${file}` : ''}`);
  }

  /** The vault text of the plaintext, encrypted with the secret (its id names the envelope). */
  static encrypt(plaintext: Buffer, secret: VaultSecret, salt?: Buffer): string {
    return formatEnvelope(encryptAes256(plaintext, secret.bytes, salt), secret.id || DEFAULT_VAULT_ID);
  }
}

/** match_encrypt_secret: the one named by --encrypt-vault-id, else the first secret. */
export function encryptSecret(secrets: readonly VaultSecret[], encryptVaultId?: string): VaultSecret {
  if (encryptVaultId) {
    const found = secrets.find((s) => s.id === encryptVaultId);
    if (!found) {
      const ids = `[${secrets.map((s) => `'${s.id}'`).join(', ')}]`;
      throw new VaultError(`Did not find a match for --encrypt-vault-id=${encryptVaultId} in the known vault-ids ${ids}`);
    }
    return found;
  }
  const first = secrets[0];
  if (!first) throw new VaultError('A vault password is required to use Ansible\'s Vault');
  return first;
}
