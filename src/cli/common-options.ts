import type { OptionSpec } from './argv.js';

/** The options `ansible` and `ansible-playbook` share (cli/arguments/option_helpers.py). */
export const COMMON_OPTIONS: OptionSpec[] = [
  { names: ['-h', '--help'], key: 'help', kind: 'flag', help: 'show this help message and exit' },
  { names: ['--version'], key: 'version', kind: 'flag', help: "show program's version number and exit" },
  { names: ['-v', '--verbose'], key: 'verbose', kind: 'count', help: 'verbose mode (-vvv for more, -vvvv to enable connection debugging)' },
  { names: ['-i', '--inventory', '--inventory-file'], key: 'inventory', kind: 'append', metavar: 'INVENTORY', help: 'specify inventory host path or comma separated host list' },
  { names: ['--list-hosts'], key: 'listHosts', kind: 'flag', help: 'outputs a list of matching hosts; does not execute anything else' },
  { names: ['-l', '--limit'], key: 'limit', kind: 'value', metavar: 'SUBSET', help: 'further limit selected hosts to an additional pattern' },
  { names: ['-e', '--extra-vars'], key: 'extraVars', kind: 'append', metavar: 'EXTRA_VARS', help: 'set additional variables as key=value or YAML/JSON, if filename prepend with @' },
  { names: ['-f', '--forks'], key: 'forks', kind: 'value', metavar: 'FORKS', help: 'specify number of parallel connections to use (default=5)' },
  { names: ['-C', '--check'], key: 'check', kind: 'flag', help: "don't make any changes; instead, try to predict some of the changes that may occur" },
  { names: ['-D', '--diff'], key: 'diff', kind: 'flag', help: 'when changing (small) files and templates, show the differences in those files' },
  { names: ['-M', '--module-path'], key: 'modulePath', kind: 'append', metavar: 'MODULE_PATH', help: 'accepted for compatibility; tsible modules are built in' },
  { names: ['--vault-id'], key: 'vaultId', kind: 'append', metavar: 'VAULT_IDS', help: 'the vault identity to use' },
  { names: ['--ask-vault-password', '--ask-vault-pass'], key: 'askVaultPass', kind: 'flag', help: 'ask for vault password' },
  { names: ['--vault-password-file', '--vault-pass-file'], key: 'vaultPasswordFile', kind: 'append', metavar: 'VAULT_PASSWORD_FILES', help: 'vault password file' },
  { names: ['-b', '--become'], key: 'become', kind: 'flag', help: 'run operations with become (does not imply password prompting)' },
  { names: ['--become-method'], key: 'becomeMethod', kind: 'value', metavar: 'BECOME_METHOD', help: 'privilege escalation method to use (default=sudo)' },
  { names: ['--become-user'], key: 'becomeUser', kind: 'value', metavar: 'BECOME_USER', help: 'run operations as this user (default=root)' },
  { names: ['-K', '--ask-become-pass'], key: 'askBecomePass', kind: 'flag', help: 'ask for privilege escalation password' },
  { names: ['--become-password-file', '--become-pass-file'], key: 'becomePasswordFile', kind: 'value', metavar: 'BECOME_PASSWORD_FILE', help: 'Become password file' },
  { names: ['--private-key', '--key-file'], key: 'privateKey', kind: 'value', metavar: 'PRIVATE_KEY_FILE', help: 'use this file to authenticate the connection' },
  { names: ['-u', '--user'], key: 'user', kind: 'value', metavar: 'REMOTE_USER', help: 'connect as this user (default=None)' },
  { names: ['-c', '--connection'], key: 'connection', kind: 'value', metavar: 'CONNECTION', help: 'connection type to use (default=smart)' },
  { names: ['-T', '--timeout'], key: 'timeout', kind: 'value', metavar: 'TIMEOUT', help: 'override the connection timeout in seconds (default=10)' },
  { names: ['--ssh-common-args'], key: 'sshCommonArgs', kind: 'value', metavar: 'SSH_COMMON_ARGS', help: 'specify common arguments to pass to ssh (e.g. -o StrictHostKeyChecking=no)' },
  { names: ['--ssh-extra-args'], key: 'sshExtraArgs', kind: 'value', metavar: 'SSH_EXTRA_ARGS', help: 'specify extra arguments to pass to ssh only' },
  { names: ['--sftp-extra-args'], key: 'sftpExtraArgs', kind: 'value', metavar: 'SFTP_EXTRA_ARGS', help: 'accepted for compatibility' },
  { names: ['--scp-extra-args'], key: 'scpExtraArgs', kind: 'value', metavar: 'SCP_EXTRA_ARGS', help: 'accepted for compatibility' },
  { names: ['-k', '--ask-pass'], key: 'askPass', kind: 'flag', help: 'ask for connection password' },
  { names: ['--connection-password-file', '--conn-pass-file'], key: 'connectionPasswordFile', kind: 'value', metavar: 'CONNECTION_PASSWORD_FILE', help: 'Connection password file' },
];

/** argparse-style help: usage line, then one line per option. */
export function helpText(program: string, usage: string, description: string, specs: OptionSpec[]): string {
  const lines = [`usage: ${program} ${usage}`, '', description, '', 'options:'];
  for (const spec of specs) {
    const names = spec.names.map((n) => (spec.metavar ? `${n} ${spec.metavar}` : n)).join(', ');
    lines.push(names.length < 22 ? `  ${names.padEnd(22)}${spec.help}` : `  ${names}\n                        ${spec.help}`);
  }
  return `${lines.join('\n')}\n`;
}
