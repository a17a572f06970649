/** A vault problem worded as Ansible's AnsibleVaultError/AnsibleError; the CLI prints it as `ERROR! ...` (exit 1). */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly userError = true;
}
