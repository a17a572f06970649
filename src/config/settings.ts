import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { interpolate, parseIniConfig, type IniConfig } from './ini-config.js';

type Kind = 'string' | 'bool' | 'int' | 'list' | 'path' | 'pathlist';

interface Definition {
  ini: Array<[section: string, key: string]>;
  env: string[];
  kind: Kind;
  default: unknown;
}

/** The ansible.cfg keys tsible honours, with Ansible's env names and defaults (config/base.yml). */
const DEFINITIONS = {
  inventory: { ini: [['defaults', 'inventory'], ['defaults', 'hostfile']], env: ['ANSIBLE_INVENTORY'], kind: 'pathlist', default: ['/etc/ansible/hosts'] },
  remote_user: { ini: [['defaults', 'remote_user']], env: ['ANSIBLE_REMOTE_USER'], kind: 'string', default: undefined },
  forks: { ini: [['defaults', 'forks']], env: ['ANSIBLE_FORKS'], kind: 'int', default: 5 },
  timeout: { ini: [['defaults', 'timeout'], ['ssh_connection', 'timeout']], env: ['ANSIBLE_TIMEOUT', 'ANSIBLE_SSH_TIMEOUT'], kind: 'int', default: 10 },
  host_key_checking: { ini: [['defaults', 'host_key_checking']], env: ['ANSIBLE_HOST_KEY_CHECKING', 'ANSIBLE_SSH_HOST_KEY_CHECKING'], kind: 'bool', default: true },
  private_key_file: { ini: [['defaults', 'private_key_file']], env: ['ANSIBLE_PRIVATE_KEY_FILE'], kind: 'path', default: undefined },
  transport: { ini: [['defaults', 'transport']], env: ['ANSIBLE_TRANSPORT'], kind: 'string', default: 'smart' },
  module_name: { ini: [['defaults', 'module_name']], env: ['ANSIBLE_MODULE_NAME'], kind: 'string', default: 'command' },
  verbosity: { ini: [['defaults', 'verbosity']], env: ['ANSIBLE_VERBOSITY'], kind: 'int', default: 0 },
  stdout_callback: { ini: [['defaults', 'stdout_callback']], env: ['ANSIBLE_STDOUT_CALLBACK'], kind: 'string', default: 'default' },
  roles_path: { ini: [['defaults', 'roles_path']], env: ['ANSIBLE_ROLES_PATH'], kind: 'pathlist', default: ['~/.ansible/roles', '/usr/share/ansible/roles', '/etc/ansible/roles'] },
  become: { ini: [['privilege_escalation', 'become']], env: ['ANSIBLE_BECOME'], kind: 'bool', default: false },
  become_method: { ini: [['privilege_escalation', 'become_method']], env: ['ANSIBLE_BECOME_METHOD'], kind: 'string', default: 'sudo' },
  become_user: { ini: [['privilege_escalation', 'become_user']], env: ['ANSIBLE_BECOME_USER'], kind: 'string', default: 'root' },
  become_ask_pass: { ini: [['privilege_escalation', 'become_ask_pass']], env: ['ANSIBLE_BECOME_ASK_PASS'], kind: 'bool', default: false },
  become_password_file: { ini: [['defaults', 'become_password_file']], env: ['ANSIBLE_BECOME_PASSWORD_FILE'], kind: 'path', default: undefined },
  vault_password_file: { ini: [['defaults', 'vault_password_file']], env: ['ANSIBLE_VAULT_PASSWORD_FILE'], kind: 'path', default: undefined },
  vault_identity_list: { ini: [['defaults', 'vault_identity_list']], env: ['ANSIBLE_VAULT_IDENTITY_LIST'], kind: 'list', default: [] },
  vault_id_match: { ini: [['defaults', 'vault_id_match']], env: ['ANSIBLE_VAULT_ID_MATCH'], kind: 'bool', default: false },
  vault_encrypt_identity: { ini: [['defaults', 'vault_encrypt_identity']], env: ['ANSIBLE_VAULT_ENCRYPT_IDENTITY'], kind: 'string', default: undefined },
  connection_password_file: { ini: [['defaults', 'connection_password_file']], env: ['ANSIBLE_CONNECTION_PASSWORD_FILE'], kind: 'path', default: undefined },
  ask_pass: { ini: [['defaults', 'ask_pass']], env: ['ANSIBLE_ASK_PASS'], kind: 'bool', default: false },
  ssh_common_args: { ini: [['ssh_connection', 'ssh_common_args']], env: ['ANSIBLE_SSH_COMMON_ARGS'], kind: 'string', default: '' },
  ssh_extra_args: { ini: [['ssh_connection', 'ssh_extra_args']], env: ['ANSIBLE_SSH_EXTRA_ARGS'], kind: 'string', default: '' },
  hash_behaviour: { ini: [['defaults', 'hash_behaviour']], env: ['ANSIBLE_HASH_BEHAVIOUR'], kind: 'string', default: 'replace' },
  localhost_warning: { ini: [['defaults', 'localhost_warning']], env: ['ANSIBLE_LOCALHOST_WARNING'], kind: 'bool', default: true },
  interpreter_python: { ini: [['defaults', 'interpreter_python']], env: ['ANSIBLE_PYTHON_INTERPRETER'], kind: 'string', default: 'auto' },
  host_pattern_mismatch: { ini: [['inventory', 'host_pattern_mismatch']], env: ['ANSIBLE_HOST_PATTERN_MISMATCH'], kind: 'string', default: 'warning' },
} satisfies Record<string, Definition>;

export type SettingName = keyof typeof DEFINITIONS;

export interface Settings {
  /** the ansible.cfg in use, if any */
  file: string | undefined;
  get<T = unknown>(name: SettingName): T;
}

/** Ansible's lookup: ANSIBLE_CONFIG, ./ansible.cfg (not in a world-writable cwd), ~/.ansible.cfg, /etc/ansible/ansible.cfg. */
export function findConfigFile(env: NodeJS.ProcessEnv, cwd: string, warn: (m: string) => void): string | undefined {
  const candidates: string[] = [];
  if (env.ANSIBLE_CONFIG) {
    const given = resolve(cwd, env.ANSIBLE_CONFIG.replace(/^~(?=\/|$)/, homedir()));
    candidates.push(existsSync(given) && statSync(given).isDirectory() ? join(given, 'ansible.cfg') : given);
  }
  const local = join(cwd, 'ansible.cfg');
  if (existsSync(local)) {
    if ((statSync(cwd).mode & 0o002) !== 0) {
      warn(`Ansible is being run in a world writable directory (${cwd}), ignoring it as an ansible.cfg source. For more information see https://docs.ansible.com/ansible/devel/reference_appendices/config.html#cfg-in-world-writable-dir`);
    } else candidates.push(local);
  }
  candidates.push(join(homedir(), '.ansible.cfg'), '/etc/ansible/ansible.cfg');
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

function coerce(kind: Kind, raw: string, base: string): unknown {
  const expand = (p: string): string => {
    const home = p.replace(/^~(?=\/|$)/, homedir());
    return isAbsolute(home) ? home : resolve(base, home);
  };
  switch (kind) {
    case 'bool':
      return ['yes', 'y', 'true', 't', '1', 'on'].includes(raw.trim().toLowerCase());
    case 'int': {
      const n = Number(raw);
      if (!Number.isInteger(n)) throw new Error(`Invalid integer setting: ${raw}`);
      return n;
    }
    case 'list':
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
    case 'path':
      return expand(raw.trim());
    case 'pathlist':
      return raw.split(/[,:]/).map((s) => s.trim()).filter(Boolean).map(expand);
    case 'string':
      return raw;
  }
}

/** Load settings once: CLI flags are applied by the caller on top of these (env > ansible.cfg > default). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), warn: (m: string) => void = () => {}): Settings {
  const file = findConfigFile(env, cwd, warn);
  const config: IniConfig = file ? parseIniConfig(readFileSync(file, 'utf8'), file) : new Map();
  const base = file ? dirname(file) : cwd;
  return {
    file,
    get<T>(name: SettingName): T {
      const def: Definition = DEFINITIONS[name];
      for (const key of def.env) {
        const value = env[key];
        if (value !== undefined) return coerce(def.kind, value, cwd) as T;
      }
      for (const [section, key] of def.ini) {
        const entry = config.get(section)?.get(key);
        if (entry && file) return coerce(def.kind, interpolate(config, section, entry.value, file), base) as T;
      }
      // a default path names the home dir as `~`, expanded as the configured ones are
      if (def.kind === 'path' && typeof def.default === 'string') return coerce('path', def.default, cwd) as T;
      if (def.kind === 'pathlist' && Array.isArray(def.default)) return def.default.map((p: string) => coerce('path', p, cwd)) as T;
      return def.default as T;
    },
  };
}
