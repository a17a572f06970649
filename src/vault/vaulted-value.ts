import type { VaultedValue } from '../parsing/yaml-11.js';
import { runVault } from './run-vault.js';

/** Is this what the YAML `!vault` tag loaded (Ansible's AnsibleVaultEncryptedUnicode)? */
export function isVaulted(value: unknown): value is VaultedValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '__ansible_vault' && typeof (value as VaultedValue).__ansible_vault === 'string';
}

/** The decrypted text of a `!vault` value, with the run's secrets (VaultError with Ansible's message if none fits). */
export function revealVaulted(value: VaultedValue): string {
  return runVault().decrypt(value.__ansible_vault).plaintext.toString('utf8');
}

/** The value with every `!vault` value in it decrypted, deep through lists and dicts (vault_to_text=True). */
export function revealAll(value: unknown): unknown {
  if (isVaulted(value)) return revealVaulted(value);
  if (Array.isArray(value)) return value.some(holdsVaulted) ? value.map(revealAll) : value;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && holdsVaulted(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealAll(item)]));
  }
  return value;
}

function holdsVaulted(value: unknown): boolean {
  if (isVaulted(value)) return true;
  if (Array.isArray(value)) return value.some(holdsVaulted);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).some(holdsVaulted);
  return false;
}
