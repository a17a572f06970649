import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { DEFAULT_VAULT_ID } from './envelope.js';
import { VaultError } from './vault-error.js';

/** A vault password with the vault id (label) it answers to. */
export interface VaultSecret {
  id: string;
  bytes: Buffer;
}

/** Asks the user for one password (no echo); the vault code never talks to the terminal itself. */
export type AskPassword = (question: string) => Promise<string>;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function notEmpty(secret: Buffer, message: string): Buffer {
  if (secret.length === 0) throw new VaultError(message);
  return secret;
}

/** Removes the bytes Python's bytes.strip(chars) would from both ends. */
function stripBytes(data: Buffer, chars: string): Buffer {
  let start = 0;
  let end = data.length;
  while (start < end && chars.includes(String.fromCharCode(data[start]!))) start++;
  while (end > start && chars.includes(String.fromCharCode(data[end - 1]!))) end--;
  return data.subarray(start, end);
}

const WHITESPACE = ' \t\n\r\x0b\x0c';

/** A `-client` script is told which vault id is wanted (`--vault-id <label>`); exit 2 means it has none. */
function runScript(path: string, vaultId: string | undefined): Buffer {
  const client = basename(path, extname(path)).endsWith('-client');
  const args = client && vaultId ? ['--vault-id', vaultId] : [];
  const run = spawnSync(path, args, { stdio: ['inherit', 'pipe', client ? 'pipe' : 'inherit'] });
  const kind = client ? 'client script' : 'script';
  if (run.error) {
    throw new VaultError(`Problem running vault password ${kind} ${path} (${run.error.message}). If this is not a script, remove the executable bit from the file.`);
  }
  const stderr = run.stderr ? `b'${run.stderr.toString()}'` : 'None';
  if (client && run.status === 2) throw new VaultError(`Vault password client script ${path} did not find a secret for vault-id=${vaultId}: ${stderr}`);
  if (run.status !== 0) {
    const forId = client ? ` when getting secret for vault-id=${vaultId}` : '';
    throw new VaultError(`Vault password ${kind} ${path} returned non-zero (${run.status ?? 'signal'})${forId}: ${stderr}`);
  }
  return notEmpty(stripBytes(run.stdout, '\r\n'), `Invalid vault password was provided from script (${path})`);
}

/** get_file_vault_secret + load: a file's content stripped, or an executable file's output. */
export function passwordFromFile(file: string, vaultId: string | undefined, cwd = process.cwd()): Buffer {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new VaultError(`The vault password file ${path} was not found`);
  if (isExecutable(path)) return runScript(path, vaultId);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new VaultError(`Could not read vault password file ${path}: ${(error as Error).message}`);
  }
  return notEmpty(stripBytes(stripBytes(data, WHITESPACE), '\r\n'), `Invalid vault password was provided from file (${path})`);
}

/** One `--vault-id` value split like CLI.split_vault_id: `label@source`, or a bare source with no label. */
export interface SecretSource {
  label: string | undefined;
  source: string;
}

export function splitVaultId(slug: string): SecretSource {
  const at = slug.indexOf('@');
  return at < 0 ? { label: undefined, source: slug } : { label: slug.slice(0, at), source: slug.slice(at + 1) };
}

/** What the command line and configuration say about vault secrets. */
export interface SecretOptions {
  vaultIds?: string[];
  passwordFiles?: string[];
  askVaultPass?: boolean;
  /** Ask for a password when nothing else names one (ansible-vault does; the playbook runner does not). */
  autoPrompt?: boolean;
  /** Ask twice ("New vault password"), as ansible-vault encrypt/create do. */
  newPassword?: boolean;
}

/** CLI.build_vault_ids: --vault-id values, then password files as default@file, then the prompt. */
export function secretSources(options: SecretOptions): SecretSource[] {
  const slugs = [...(options.vaultIds ?? [])];
  for (const file of options.passwordFiles ?? []) slugs.push(`${DEFAULT_VAULT_ID}@${file}`);
  if (options.askVaultPass || (slugs.length === 0 && options.autoPrompt)) slugs.push(`${DEFAULT_VAULT_ID}@prompt_ask_vault_pass`);
  return slugs.map(splitVaultId);
}

async function promptPassword(source: SecretSource, options: SecretOptions, ask: AskPassword): Promise<Buffer> {
  const id = source.label || DEFAULT_VAULT_ID;
  const plain = source.source === 'prompt_ask_vault_pass';
  const questions = options.newPassword
    ? plain ? ['New Vault password: ', 'Confirm New Vault password: '] : [`New vault password (${id}): `, `Confirm new vault password (${id}): `]
    : [plain ? 'Vault password: ' : `Vault password (${id}): `];
  const answers: string[] = [];
  for (const question of questions) answers.push(await ask(question));
  if (answers.some((a) => a !== answers[0])) throw new VaultError('Passwords do not match');
  return notEmpty(Buffer.from(answers[0]!, 'utf8'), 'Invalid vault password was provided from prompt');
}

/**
 * CLI.setup_vault_secrets: every source in order; a file that fails is warned about and skipped
 * unless no secret at all was found, then its error is raised. A prompt that fails is raised at once.
 */
export async function loadSecrets(options: SecretOptions, ask: AskPassword, warn: (message: string) => void): Promise<VaultSecret[]> {
  const secrets: VaultSecret[] = [];
  let lastError: Error | undefined;
  for (const source of secretSources(options)) {
    if (source.source === 'prompt' || source.source === 'prompt_ask_vault_pass') {
      try {
        secrets.push({ id: source.label || DEFAULT_VAULT_ID, bytes: await promptPassword(source, options, ask) });
      } catch (error) {
        if (error instanceof VaultError) warn(`Error in vault password prompt (${source.label ?? 'None'}): ${error.message}`);
        throw error;
      }
      continue;
    }
    try {
      secrets.push({ id: source.label || DEFAULT_VAULT_ID, bytes: passwordFromFile(source.source, source.label) });
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      const stage = error.message.includes('was not found') ? 'Error getting vault password file' : 'Error in vault password file loading';
      warn(`${stage} (${source.label ?? 'None'}): ${error.message}`);
      lastError = error;
    }
  }
  if (lastError && secrets.length === 0) throw lastError;
  return secrets;
}
