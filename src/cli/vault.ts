import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { loadSettings, type Settings } from '../config/settings.js';
import { Display, type Sink } from '../output/display.js';
import { shlexSplit } from '../parsing/shlex-split.js';
import { DEFAULT_VAULT_ID, isVaultText, parseEnvelope } from '../vault/envelope.js';
import { loadSecrets, type SecretOptions, type VaultSecret } from '../vault/secrets.js';
import { VaultError } from '../vault/vault-error.js';
import { readVaultInput, writeVaultOutput } from '../vault/vault-file.js';
import { encryptSecret, VaultLib } from '../vault/vault-lib.js';
import type { OptionSpec } from './argv.js';
import { runCommandLine, type Parsed } from './command-line.js';
import { EXIT } from './exit-codes.js';
import { promptSecret } from './prompt.js';
import { OptionsError } from './run-options.js';
import { vaultOptions } from './vault-secrets.js';

const ACTIONS = ['create', 'decrypt', 'edit', 'view', 'encrypt', 'encrypt_string', 'rekey'] as const;
type Action = (typeof ACTIONS)[number];

const TOP_USAGE = '[-h] [--version] [-v]\n                     {create,decrypt,edit,view,encrypt,encrypt_string,rekey}\n                     ...';

const BASE: OptionSpec[] = [
  { names: ['-h', '--help'], key: 'help', kind: 'flag', help: 'show this help message and exit' },
  { names: ['--vault-id'], key: 'vaultId', kind: 'append', metavar: 'VAULT_IDS', help: 'the vault identity to use' },
  { names: ['--ask-vault-password', '--ask-vault-pass'], key: 'askVaultPass', kind: 'flag', help: 'ask for vault password' },
  { names: ['--vault-password-file', '--vault-pass-file'], key: 'vaultPasswordFile', kind: 'append', metavar: 'VAULT_PASSWORD_FILES', help: 'vault password file' },
  { names: ['-v', '--verbose'], key: 'verbose', kind: 'count', help: 'Causes Ansible to print more debug messages.' },
];
const OUTPUT: OptionSpec = { names: ['--output'], key: 'output', kind: 'value', metavar: 'OUTPUT_FILE', help: 'output file name for encrypt or decrypt; use - for stdout' };
const ENCRYPT_ID: OptionSpec = { names: ['--encrypt-vault-id'], key: 'encryptVaultId', kind: 'value', metavar: 'ENCRYPT_VAULT_ID', help: 'the vault id used to encrypt (required if more than one vault-id is provided)' };

const ACTION_OPTIONS: Record<Action, OptionSpec[]> = {
  create: [...BASE, ENCRYPT_ID],
  decrypt: [...BASE, OUTPUT],
  edit: [...BASE, ENCRYPT_ID],
  view: [...BASE],
  encrypt: [...BASE, OUTPUT, ENCRYPT_ID],
  encrypt_string: [
    ...BASE,
    OUTPUT,
    ENCRYPT_ID,
    { names: ['-p', '--prompt'], key: 'prompt', kind: 'flag', help: 'Prompt for the string to encrypt' },
    { names: ['--show-input'], key: 'showInput', kind: 'flag', help: 'Do not hide input when prompted for the string to encrypt' },
    { names: ['-n', '--name'], key: 'names', kind: 'append', metavar: 'ENCRYPT_STRING_NAMES', help: 'Specify the variable name' },
    { names: ['--stdin-name'], key: 'stdinName', kind: 'value', metavar: 'ENCRYPT_STRING_STDIN_NAME', help: 'Specify the variable name for stdin' },
  ],
  rekey: [
    ...BASE,
    ENCRYPT_ID,
    { names: ['--new-vault-password-file'], key: 'newVaultPasswordFile', kind: 'value', metavar: 'NEW_VAULT_PASSWORD_FILE', help: 'new vault password file for rekey' },
    { names: ['--new-vault-id'], key: 'newVaultId', kind: 'value', metavar: 'NEW_VAULT_ID', help: 'the new vault identity to use for rekey' },
  ],
};

/** Where the command reads and writes, so tests and the real terminal are the same code. */
interface Io {
  sink: Sink;
  stdin: () => Buffer;
  stdoutIsTty: boolean;
}

/** `tsible-vault ACTION [options] [file ...]`: ansible-vault's actions, messages and exit codes. */
export function vaultCommand(argv: string[], sink: Sink): Promise<number> {
  const io: Io = { sink, stdin: () => readFileSync(0), stdoutIsTty: process.stdout.isTTY === true };
  const action = argv.find((a) => !a.startsWith('-'));
  const top = { program: 'tsible-vault', usage: TOP_USAGE, description: 'encryption/decryption utility for Ansible data files', options: BASE.slice(0, 1).concat(BASE.slice(4)) };
  if (action === undefined || !(ACTIONS as readonly string[]).includes(action)) {
    if (argv.includes('-h') || argv.includes('--help')) return runCommandLine(top, argv, sink, () => Promise.resolve(EXIT.ok));
    const why = action === undefined ? 'the following arguments are required: action' : `argument action: invalid choice: '${action}' (choose from ${ACTIONS.map((a) => `'${a}'`).join(', ')})`;
    sink.err(`usage: tsible-vault ${TOP_USAGE}\ntsible-vault: error: ${why}\n`);
    return Promise.resolve(EXIT.hostFailed);
  }
  const rest = [...argv];
  rest.splice(argv.indexOf(action), 1);
  const spec = { program: `tsible-vault ${action}`, usage: `[-h] [options] [file_name ...]`, description: `${action} for Ansible vault`, options: ACTION_OPTIONS[action as Action] };
  return runCommandLine(spec, rest, sink, (parsed) => vaultRun(action as Action, parsed, io));
}

function secretOptionsOf(options: Parsed['options'], settings: Settings, newPassword: boolean): SecretOptions {
  return { ...vaultOptions(options, settings), autoPrompt: true, newPassword };
}

async function vaultRun(action: Action, { options, positionals }: Parsed, io: Io): Promise<number> {
  const settings = loadSettings();
  const display = new Display(io.sink, options.verbose as number | undefined);
  const warn = (message: string): void => display.warning(message);
  for (const id of (options.vaultId as string[] | undefined) ?? []) {
    if (id.includes(';')) throw new OptionsError(`'${id}' is not a valid vault id. The character ';' is not allowed in vault ids`);
  }
  if (options.output && positionals.length > 1) throw new OptionsError('At most one input file may be used with the --output option');
  const encryptId = (options.encryptVaultId as string | undefined) ?? settings.get<string | undefined>('vault_encrypt_identity');
  let secrets: VaultSecret[] = [];
  let encryptWith: VaultSecret | undefined;
  if (action === 'decrypt' || action === 'view' || action === 'rekey' || action === 'edit') {
    secrets = await loadSecrets(secretOptionsOf(options, settings, false), promptSecret, warn);
    if (secrets.length === 0) throw new OptionsError("A vault password is required to use Ansible's Vault");
  }
  if (action === 'encrypt' || action === 'encrypt_string' || action === 'create') {
    secrets = await loadSecrets(secretOptionsOf(options, settings, true), promptSecret, warn);
    if (secrets.length > 1 && !encryptId) {
      throw new OptionsError(`The vault-ids ${secrets.map((s) => s.id).join(',')} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id`);
    }
    if (secrets.length === 0) throw new OptionsError("A vault password is required to use Ansible's Vault");
    encryptWith = encryptSecret(secrets, encryptId);
  }
  if (action === 'rekey') {
    const newSources: SecretOptions = {
      vaultIds: options.newVaultId ? [options.newVaultId as string] : [],
      passwordFiles: options.newVaultPasswordFile ? [options.newVaultPasswordFile as string] : [],
      askVaultPass: options.askVaultPass === true,
      autoPrompt: true,
      newPassword: true,
    };
    const fresh = await loadSecrets(newSources, promptSecret, warn);
    if (fresh.length === 0) throw new OptionsError("A new vault password is required to use Ansible's Vault rekey");
    encryptWith = encryptSecret(fresh, encryptId);
  }
  const lib = new VaultLib(secrets, settings.get<boolean>('vault_id_match'));
  const done = (message: string): void => {
    if (io.stdoutIsTty) io.sink.err(`${message}\n`);
  };
  switch (action) {
    case 'encrypt':
      for (const file of positionals.length ? positionals : ['-']) {
        const source = file === '-' ? file : realPath(file);
        writeOut(encrypt(readVaultInput(source, io.stdin), encryptWith!), (options.output as string | undefined) ?? source, io);
      }
      done('Encryption successful');
      return EXIT.ok;
    case 'decrypt':
      for (const file of positionals.length ? positionals : ['-']) {
        const source = file === '-' ? file : realPath(file);
        writeOut(decrypt(lib, readVaultInput(source, io.stdin), source), (options.output as string | undefined) ?? source, io);
      }
      done('Decryption successful');
      return EXIT.ok;
    case 'view':
      for (const file of positionals) io.sink.out(decrypt(lib, readVaultInput(file, io.stdin), file).toString('utf8'));
      return EXIT.ok;
    case 'rekey':
      for (const file of positionals) {
        const path = realPath(file);
        const { mode } = statSync(path);
        writeOut(encrypt(decrypt(lib, readVaultInput(path, io.stdin), path), encryptWith!), path, io);
        chmodSync(path, mode & 0o7777);
      }
      io.sink.err('Rekey successful\n');
      return EXIT.ok;
    case 'encrypt_string':
      return encryptString(options, positionals, encryptWith!, io);
    case 'create': {
      if (positionals.length !== 1) throw new OptionsError('ansible-vault create can take only one filename argument');
      const file = positionals[0]!;
      const dir = dirname(file);
      if (dir && !existsSync(dir)) {
        warn(`${dir} does not exist, creating...`);
        mkdirSync(dir, { recursive: true });
      }
      if (existsSync(file) && statSync(file).isFile()) throw new VaultError(`${file} exists, please use 'edit' instead`);
      editInEditor(file, encryptWith!, undefined, false);
      return EXIT.ok;
    }
    case 'edit':
      for (const file of positionals) {
        const path = realPath(file);
        const text = readVaultInput(path, io.stdin);
        const { plaintext, vaultId } = decryptWithId(lib, text, path);
        const secret = secrets.find((s) => s.id === vaultId)!;
        const envelopeId = parseEnvelope(text.toString('latin1'), path).vaultId ?? DEFAULT_VAULT_ID;
        editInEditor(path, { id: envelopeId, bytes: secret.bytes }, plaintext, false);
      }
      return EXIT.ok;
  }
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** VaultLib.encrypt refuses vault data, as Ansible does. */
function encrypt(plaintext: Buffer, secret: VaultSecret): Buffer {
  if (isVaultText(plaintext.toString('latin1'))) throw new VaultError('input is already encrypted');
  return Buffer.from(VaultLib.encrypt(plaintext, secret), 'ascii');
}

function decryptWithId(lib: VaultLib, text: Buffer, file: string): { plaintext: Buffer; vaultId: string } {
  try {
    return lib.decrypt(text.toString('utf8'), file);
  } catch (error) {
    if (error instanceof VaultError) throw new VaultError(`${error.message} for ${file}`);
    throw error;
  }
}

function decrypt(lib: VaultLib, text: Buffer, file: string): Buffer {
  return decryptWithId(lib, text, file).plaintext;
}

function writeOut(data: Buffer, file: string, io: Io): void {
  if (file === '-') io.sink.out(data.toString('utf8'));
  else writeVaultOutput(file, data);
}

/** `!vault |` block, ten spaces of indent, as format_ciphertext_yaml writes it. */
function vaultYaml(text: string, name: string | undefined): string {
  const lines = [`${name ? `${name}: ` : ''}!vault |`, ...text.split('\n').filter((l) => l !== '').map((l) => `          ${l}`)];
  return lines.join('\n');
}

async function encryptString(options: Parsed['options'], positionals: string[], secret: VaultSecret, io: Io): Promise<number> {
  const args = positionals.filter((a) => a !== '-');
  const names = (options.names as string[] | undefined) ?? [];
  const readStdin = positionals.includes('-') || positionals.length === 0 || options.stdinName !== undefined;
  if (options.prompt && readStdin) throw new OptionsError('The --prompt option is not supported if also reading input from stdin');
  const plain: Array<{ text: Buffer; from: string; name: string | undefined }> = [];
  if (options.prompt) {
    const name = await promptSecret('Variable name (enter for no name): ');
    const text = await promptSecret('String to encrypt (hidden): ');
    if (text === '') throw new OptionsError('The plaintext provided from the prompt was empty, not encrypting');
    plain.push({ text: Buffer.from(text), from: 'the interactive prompt', name: name || undefined });
  }
  if (readStdin) {
    const text = io.stdin();
    if (text.length === 0) throw new OptionsError('stdin was empty, not encrypting');
    plain.push({ text, from: 'stdin', name: options.stdinName as string | undefined });
  }
  if (names.length && args.length > names.length) {
    io.sink.err('The number of --name options do not match the number of args.\n');
    io.sink.err(`The last named variable will be "${names[names.length - 1]}". The rest will not have names.\n`);
  }
  args.forEach((arg, i) => {
    if (arg === '') throw new OptionsError('The plaintext provided from the command line args was empty, not encrypting');
    plain.push({ text: Buffer.from(arg), from: 'the command line args', name: names[i] });
  });
  const outs = plain.map(({ text, from, name }, i) => {
    if (plain.length > 1) {
      io.sink.err(name ? `# The encrypted version of variable ("${name}", the string #${i + 1} from ${from}).\n` : `# The encrypted version of the string #${i + 1} from ${from}.)\n`);
    }
    return vaultYaml(VaultLib.encrypt(text, secret), name);
  });
  writeOut(Buffer.from(outs.join('\n')), (options.output as string | undefined) ?? '-', io);
  if (io.stdoutIsTty) io.sink.err('Encryption successful\n');
  return EXIT.ok;
}

/** VaultEditor._edit_file_helper: plaintext in a private temp file, $EDITOR on it, encrypted back when it changed. */
function editInEditor(file: string, secret: VaultSecret, existing: Buffer | undefined, forceSave: boolean): void {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-'));
  const tmp = join(dir, `edit${extname(file)}`);
  try {
    writeFileSync(tmp, existing ?? Buffer.alloc(0), { mode: 0o600 });
    const command = [...shlexSplit(process.env.EDITOR ?? 'vi'), tmp];
    const run = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' });
    if (run.error) throw new VaultError(`Unable to execute the command "${command.join(' ')}": ${run.error.message}`);
    const edited = readFileSync(tmp);
    if (forceSave || existing === undefined || !edited.equals(existing)) writeVaultOutput(file, Buffer.from(VaultLib.encrypt(edited, secret), 'ascii'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
