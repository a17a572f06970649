import { readFileSync } from 'node:fs';
import type { ConnectionDefaults } from '../connection/settings.js';
import type { Settings } from '../config/settings.js';
import type { ParsedOptions } from './argv.js';
import { promptSecret } from './prompt.js';

/** A bad option value: Ansible's AnsibleOptionsError, exit code 5. */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

function readPasswordFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/[\r\n]+$/, '');
  } catch (error) {
    throw new OptionsError(`The ${what} password file ${file} was not found or could not be read: ${(error as Error).message}`);
  }
}

export function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new OptionsError(`${name} must be a positive integer, got: ${String(value)}`);
  return n;
}

/** Connection defaults for the run: CLI flags over ANSIBLE_* / ansible.cfg; asks for passwords when told to. */
export async function connectionDefaults(options: ParsedOptions, settings: Settings): Promise<ConnectionDefaults> {
  let password: string | undefined;
  const passFile = (options.connectionPasswordFile as string | undefined) ?? settings.get<string | undefined>('connection_password_file');
  if (passFile) password = readPasswordFile(passFile, 'connection');
  else if (options.askPass || settings.get<boolean>('ask_pass')) password = await promptSecret('SSH password: ');
  let becomePassword: string | undefined;
  const becomeFile = (options.becomePasswordFile as string | undefined) ?? settings.get<string | undefined>('become_password_file');
  if (becomeFile) becomePassword = readPasswordFile(becomeFile, 'become');
  else if (options.askBecomePass || settings.get<boolean>('become_ask_pass')) {
    const answer = await promptSecret(password !== undefined ? 'BECOME password[defaults to SSH password]: ' : 'BECOME password: ');
    becomePassword = answer === '' && password !== undefined ? password : answer;
  }
  return {
    connection: (options.connection as string | undefined) ?? settings.get<string>('transport'),
    remoteUser: (options.user as string | undefined) ?? settings.get<string | undefined>('remote_user'),
    privateKeyFile: (options.privateKey as string | undefined) ?? settings.get<string | undefined>('private_key_file'),
    password,
    timeoutSeconds: positiveInt(options.timeout, 'timeout', settings.get<number>('timeout')),
    hostKeyChecking: settings.get<boolean>('host_key_checking'),
    sshCommonArgs: (options.sshCommonArgs as string | undefined) ?? settings.get<string>('ssh_common_args'),
    sshExtraArgs: (options.sshExtraArgs as string | undefined) ?? settings.get<string>('ssh_extra_args'),
    become: options.become === true || settings.get<boolean>('become'),
    becomeMethod: (options.becomeMethod as string | undefined) ?? settings.get<string>('become_method'),
    becomeUser: (options.becomeUser as string | undefined) ?? settings.get<string>('become_user'),
    becomePassword,
  };
}
