import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { shlexSplit } from '../parsing/shlex-split.js';
import type { SshOptions } from './ssh.js';
import type { Become } from './types.js';

/** What the run as a whole says about connecting: CLI flags over ANSIBLE_* over ansible.cfg over defaults. */
export interface ConnectionDefaults {
  connection?: string | undefined;
  remoteUser?: string | undefined;
  privateKeyFile?: string | undefined;
  password?: string | undefined;
  /** @default 10 */
  timeoutSeconds: number;
  /** @default true */
  hostKeyChecking: boolean;
  sshCommonArgs?: string | undefined;
  sshExtraArgs?: string | undefined;
  become: boolean;
  becomeMethod: string;
  becomeUser: string;
  becomePassword?: string | undefined;
  becomeFlags?: string | undefined;
  becomeExe?: string | undefined;
}

/** Everything needed to open one host's connection, after host vars had their say. */
export type HostConnectionSettings =
  | { transport: 'local'; host: string; become?: Become | undefined }
  | ({ transport: 'ssh'; become?: Become | undefined } & SshOptions);

function pick(vars: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (vars[name] !== undefined && vars[name] !== null) return vars[name];
  return undefined;
}

function asString(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** Ansible's boolean spellings (yes/true/1/on). */
export function asBool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return ['yes', 'y', 'true', 't', '1', 'on'].includes(String(value).toLowerCase());
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** `-o Key=Value` options from ssh_common_args / ssh_extra_args that change what we do. */
function sshOptions(args: string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (const text of args) {
    let words: string[];
    try {
      words = shlexSplit(text);
    } catch {
      continue;
    }
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const value = word === '-o' ? words[++i] : word.startsWith('-o') ? word.slice(2) : undefined;
      if (!value) continue;
      const match = /^\s*([A-Za-z]+)\s*[= ]\s*(.*)$/.exec(value);
      if (match) options.set((match[1] as string).toLowerCase(), (match[2] as string).trim());
    }
  }
  return options;
}

/** Resolve one host's connection from its vars (ansible_host, ansible_port, ...) and the run's defaults. */
export function hostConnectionSettings(host: string, vars: Record<string, unknown>, defaults: ConnectionDefaults): HostConnectionSettings {
  const becomeOn = asBool(pick(vars, 'ansible_become'), defaults.become);
  const method = asString(pick(vars, 'ansible_become_method')) ?? defaults.becomeMethod;
  if (becomeOn && method !== 'sudo' && method !== 'su') {
    throw new Error(`Invalid become method '${method}' for ${host}: tsible supports sudo and su`);
  }
  const become: Become | undefined = becomeOn
    ? {
        method: method as Become['method'],
        user: asString(pick(vars, 'ansible_become_user')) ?? defaults.becomeUser,
        password: asString(pick(vars, 'ansible_become_password', 'ansible_become_pass')) ?? defaults.becomePassword,
        flags: asString(pick(vars, 'ansible_become_flags')) ?? defaults.becomeFlags,
        exe: asString(pick(vars, 'ansible_become_exe')) ?? defaults.becomeExe,
      }
    : undefined;
  const transport = asString(pick(vars, 'ansible_connection')) ?? defaults.connection ?? 'smart';
  if (transport === 'local') return { transport: 'local', host, become };
  if (!['ssh', 'smart', 'paramiko', 'paramiko_ssh'].includes(transport)) {
    throw new Error(`Unsupported connection '${transport}' for ${host}: tsible supports ssh and local`);
  }
  const extra = sshOptions([asString(pick(vars, 'ansible_ssh_common_args')) ?? defaults.sshCommonArgs ?? '', asString(pick(vars, 'ansible_ssh_extra_args')) ?? defaults.sshExtraArgs ?? '']);
  const strict = extra.get('stricthostkeychecking');
  const hostKeyChecking =
    strict !== undefined ? !['no', 'off', 'false', 'accept-new'].includes(strict.toLowerCase()) : asBool(pick(vars, 'ansible_host_key_checking', 'ansible_ssh_host_key_checking'), defaults.hostKeyChecking);
  const home = homedir();
  const userKnown = extra.get('userknownhostsfile');
  const knownHostsFiles = userKnown
    ? userKnown.split(/\s+/).map(expandHome)
    : [join(home, '.ssh/known_hosts'), join(home, '.ssh/known_hosts2'), '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
  const keyFile = asString(pick(vars, 'ansible_ssh_private_key_file', 'ansible_private_key_file')) ?? defaults.privateKeyFile;
  const privateKeyFiles = keyFile
    ? [expandHome(keyFile)]
    : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(home, '.ssh', name));
  const port = Number(pick(vars, 'ansible_port', 'ansible_ssh_port') ?? extra.get('port') ?? 22);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid ansible_port for ${host}: ${String(pick(vars, 'ansible_port', 'ansible_ssh_port'))}`);
  const timeout = Number(pick(vars, 'ansible_timeout', 'ansible_ssh_timeout') ?? defaults.timeoutSeconds);
  return {
    transport: 'ssh',
    host,
    address: asString(pick(vars, 'ansible_host', 'ansible_ssh_host')) ?? host,
    port,
    user: asString(pick(vars, 'ansible_user', 'ansible_ssh_user')) ?? defaults.remoteUser ?? extra.get('user') ?? userInfo().username,
    password: asString(pick(vars, 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password')) ?? defaults.password,
    privateKeyFiles,
    agent: process.env.SSH_AUTH_SOCK || undefined,
    hostKeyChecking,
    knownHostsFiles,
    timeoutMs: (Number.isFinite(timeout) && timeout > 0 ? timeout : 10) * 1000,
    become,
  };
}
