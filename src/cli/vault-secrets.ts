import type { Settings } from '../config/settings.js';
import { runVault, setRunVault } from '../vault/run-vault.js';
import { loadSecrets, type SecretOptions } from '../vault/secrets.js';
import { VaultLib } from '../vault/vault-lib.js';
import { promptSecret } from './prompt.js';

/** The vault options a command line carries (--vault-id, --vault-password-file, --ask-vault-pass). */
export function vaultOptions(options: Record<string, unknown>, settings: Settings): SecretOptions {
  const configFile = settings.get<string | undefined>('vault_password_file');
  return {
    vaultIds: [...settings.get<string[]>('vault_identity_list'), ...((options.vaultId as string[] | undefined) ?? [])],
    passwordFiles: [...((options.vaultPasswordFile as string[] | undefined) ?? []), ...(configFile ? [configFile] : [])],
    askVaultPass: options.askVaultPass === true,
  };
}

/** CLI.setup_vault_secrets, then hands the secrets to every loader of this run (the playbook runner never auto-prompts). */
export async function setupRunVault(secretOptions: SecretOptions, settings: Settings, warn: (m: string) => void): Promise<VaultLib> {
  const secrets = await loadSecrets(secretOptions, promptSecret, warn);
  setRunVault(new VaultLib(secrets, settings.get<boolean>('vault_id_match')));
  return runVault();
}

/** The inventory's hook for vault files: decrypt with this run's secrets. */
export function decryptWithRunVault(text: string, file: string): string {
  return runVault().decrypt(text, file).plaintext.toString('utf8');
}
