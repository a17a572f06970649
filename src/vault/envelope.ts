import { VaultError } from './vault-error.js';

/** Every vault text starts with this (Ansible's is_encrypted()). */
export const VAULT_HEADER = '$ANSIBLE_VAULT';

/** The vault id Ansible writes no id for (format 1.1). */
export const DEFAULT_VAULT_ID = 'default';

/** The parts of `$ANSIBLE_VAULT;1.1;AES256[;id]` plus the body hex with its line breaks removed. */
export interface VaultEnvelope {
  version: string;
  cipher: string;
  vaultId: string | undefined;
  body: string;
}

/** True when the text is vault data: Ansible decodes it as ASCII and checks the header. */
export function isVaultText(text: string): boolean {
  return text.startsWith(VAULT_HEADER);
}

/** Splits an envelope like parse_vaulttext_envelope: header fields stripped, body lines joined without newlines. */
export function parseEnvelope(text: string, file?: string): VaultEnvelope {
  const lines = text.split(/\r\n|\r|\n/);
  const header = (lines[0] ?? '').trim().split(';');
  if (header.length < 3) {
    throw new VaultError(`Vault envelope format error${file ? ` in ${file}` : ''}: list index out of range`);
  }
  const version = (header[1] ?? '').trim();
  const cipher = (header[2] ?? '').trim();
  const vaultId = header.length >= 4 ? (header[3] ?? '').trim() : undefined;
  return { version, cipher, vaultId, body: lines.slice(1).join('') };
}

/** format_vaulttext_envelope: 1.1 for the default id, 1.2 with the id otherwise; body wrapped at 80 columns. */
export function formatEnvelope(bodyHex: string, vaultId: string = DEFAULT_VAULT_ID): string {
  const header = vaultId === DEFAULT_VAULT_ID ? `${VAULT_HEADER};1.1;AES256` : `${VAULT_HEADER};1.2;AES256;${vaultId}`;
  const lines = [header];
  for (let i = 0; i < bodyHex.length; i += 80) lines.push(bodyHex.slice(i, i + 80));
  return `${lines.join('\n')}\n`;
}
