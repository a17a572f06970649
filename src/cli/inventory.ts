import { writeFileSync } from 'node:fs';
import { loadSettings } from '../config/settings.js';
import { InventoryDump } from '../inventory/inventory-dump.js';
import { loadInventory } from '../inventory/load.js';
import { HostPatternError, selectHosts } from '../inventory/pattern.js';
import { pyyamlDump } from '../inventory/pyyaml-dump.js';
import { unfrackPath } from '../inventory/source-path.js';
import { VarsDir } from '../inventory/vars-dir.js';
import { Display, type Sink } from '../output/display.js';
import { pythonJsonDumps } from '../output/python-json.js';
import { loadExtraVars } from '../vars/extra-vars.js';
import type { OptionSpec, ParsedOptions } from './argv.js';
import { runCommandLine, type Parsed } from './command-line.js';
import { EXIT } from './exit-codes.js';
import { OptionsError } from './run-options.js';
import { decryptWithRunVault, setupRunVault, vaultOptions } from './vault-secrets.js';

/** ansible-inventory's options (cli/inventory.py): no --limit, no connection options. */
const INVENTORY_OPTIONS: OptionSpec[] = [
  { names: ['-h', '--help'], key: 'help', kind: 'flag', help: 'show this help message and exit' },
  { names: ['--version'], key: 'version', kind: 'flag', help: "show program's version number and exit" },
  { names: ['-v', '--verbose'], key: 'verbose', kind: 'count', help: 'verbose mode' },
  { names: ['-i', '--inventory', '--inventory-file'], key: 'inventory', kind: 'append', metavar: 'INVENTORY', help: 'specify inventory host path or comma separated host list' },
  { names: ['--vault-id'], key: 'vaultId', kind: 'append', metavar: 'VAULT_IDS', help: 'the vault identity to use' },
  { names: ['--ask-vault-password', '--ask-vault-pass'], key: 'askVaultPass', kind: 'flag', help: 'ask for vault password' },
  { names: ['--vault-password-file', '--vault-pass-file'], key: 'vaultPasswordFile', kind: 'append', metavar: 'VAULT_PASSWORD_FILES', help: 'vault password file' },
  { names: ['--playbook-dir'], key: 'playbookDir', kind: 'value', metavar: 'BASEDIR', help: 'use this as a substitute playbook directory (its group_vars/ and host_vars/ count)' },
  { names: ['-e', '--extra-vars'], key: 'extraVars', kind: 'append', metavar: 'EXTRA_VARS', help: 'set additional variables as key=value or YAML/JSON, if filename prepend with @' },
  { names: ['--list'], key: 'list', kind: 'flag', help: 'Output all hosts info, works as inventory script' },
  { names: ['--host'], key: 'host', kind: 'value', metavar: 'HOST', help: 'Output specific host info, works as inventory script' },
  { names: ['--graph'], key: 'graph', kind: 'flag', help: 'create inventory graph, if supplying pattern it must be a valid group name' },
  { names: ['-y', '--yaml'], key: 'yaml', kind: 'flag', help: 'Use YAML format instead of default JSON, ignored for --graph' },
  { names: ['--toml'], key: 'toml', kind: 'flag', help: 'Use TOML format instead of default JSON (not supported by tsible)' },
  { names: ['--vars'], key: 'showVars', kind: 'flag', help: 'Add vars to graph display, ignored unless used with --graph' },
  { names: ['--export'], key: 'export', kind: 'flag', help: 'When doing --list, represent in a way that is optimized for export' },
  { names: ['--output'], key: 'outputFile', kind: 'value', metavar: 'OUTPUT_FILE', help: 'When doing --list, send the inventory to a file instead of to the screen' },
];

const USAGE =
  '[-h] [-v] [-i INVENTORY] [--vault-id VAULT_IDS] [--ask-vault-password | --vault-password-file VAULT_PASSWORD_FILES] ' +
  '[--playbook-dir BASEDIR] [-e EXTRA_VARS] [--list] [--host HOST] [--graph] [-y] [--toml] [--vars] [--export] [--output OUTPUT_FILE] [host|group]';
const DESCRIPTION = 'Show Ansible inventory information, by default it uses the inventory script JSON format';

/** An inventory question Ansible answers with AnsibleError (exit 1): bad pattern, unwritable --output, TOML. */
class InventoryCliError extends Error {
  override readonly name = 'InventoryCliError';
  readonly userError = true;
}

const INVENTORY_COMMAND = { program: 'tsible-inventory', usage: USAGE, description: DESCRIPTION, options: INVENTORY_OPTIONS, maxPositionals: 1 };

/** `tsible-inventory`: shows the inventory as Ansible sees it (`--list`, `--host H`, `--graph [GROUP]`). */
export function inventoryCommand(argv: string[], sink: Sink): Promise<number> {
  return runCommandLine(INVENTORY_COMMAND, argv, sink, (parsed) => inventoryRun(parsed, sink));
}

type Action = { kind: 'list' } | { kind: 'host'; host: string } | { kind: 'graph'; group: string };

/** post_process_args: exactly one of --list, --host, --graph. */
function chooseAction(options: ParsedOptions, pattern: string | undefined): Action {
  const used = [options.list === true, typeof options.host === 'string' && options.host !== '', options.graph === true].filter(Boolean).length;
  if (used === 0) throw new OptionsError('No action selected, at least one of --host, --graph or --list needs to be specified.');
  if (used > 1) throw new OptionsError('Conflicting options used, only one of --host, --graph or --list can be used at the same time.');
  if (options.list) return { kind: 'list' };
  if (options.graph) return { kind: 'graph', group: pattern ?? 'all' };
  return { kind: 'host', host: options.host as string };
}

async function inventoryRun({ options, positionals }: Parsed, sink: Sink): Promise<number> {
  const settings = loadSettings();
  const display = new Display(sink, (options.verbose as number | undefined) ?? settings.get<number>('verbosity'));
  const warn = (message: string): void => display.warning(message);
  const action = chooseAction(options, positionals[0]);

  await setupRunVault(vaultOptions(options, settings), settings, warn);
  const sources = (options.inventory as string[] | undefined) ?? settings.get<string[]>('inventory');
  const inventory = await loadInventory(sources, warn, { decryptVault: decryptWithRunVault });
  const playbookDir = options.playbookDir as string | undefined;
  const basedir = new VarsDir(playbookDir ? unfrackPath(playbookDir) : process.cwd(), warn, decryptWithRunVault);
  const dump = new InventoryDump(inventory, {
    export: options.export === true,
    playbookDirs: playbookDir ? [basedir] : [],
    // VariableManager reads group_vars/ and host_vars/ beside the loader's basedir, the cwd by default
    basedirs: [basedir],
    extraVars: loadExtraVars((options.extraVars as string[] | undefined) ?? [], warn),
  });
  const format = options.yaml ? 'yaml' : options.toml ? 'toml' : 'json';

  let text: string;
  switch (action.kind) {
    case 'host': {
      let hosts;
      try {
        hosts = selectHosts(inventory, action.host, warn);
      } catch (error) {
        if (error instanceof HostPatternError) throw new InventoryCliError(error.message, { cause: error });
        throw error;
      }
      if (hosts.length !== 1) throw new OptionsError('You must pass a single valid host to --host parameter');
      text = serialise(dump.hostVars((hosts[0] as { name: string }).name), format);
      break;
    }
    case 'graph':
      if (!inventory.groups.has(action.group)) throw new OptionsError('Pattern must be valid group name when using --graph');
      text = dump.graph(action.group, options.showVars === true).join('\n');
      break;
    case 'list':
      text = serialise(options.yaml ? dump.listYaml() : dump.listJson(), format);
      break;
  }
  const outputFile = options.outputFile as string | undefined;
  if (outputFile === undefined) {
    // Display.display adds a newline unless the text ends with one (YAML does)
    sink.out(text.endsWith('\n') ? text : `${text}\n`);
    return EXIT.ok;
  }
  try {
    writeFileSync(outputFile, text);
  } catch (error) {
    throw new InventoryCliError(`Unable to write to destination file (${outputFile}): ${osErrorText(error, outputFile)}`, { cause: error });
  }
  return EXIT.ok;
}

/** `InventoryCLI.dump`: json.dumps(indent=4, sort_keys=True), or PyYAML's block style. */
function serialise(data: unknown, format: 'json' | 'yaml' | 'toml'): string {
  if (format === 'yaml') return pyyamlDump(data);
  if (format === 'toml') throw new InventoryCliError('TOML output is not supported by tsible-inventory; use the default JSON or --yaml');
  return pythonJsonDumps(data, { indent: 4, sortKeys: true });
}

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, 'No such file or directory'],
  EACCES: [13, 'Permission denied'],
  EISDIR: [21, 'Is a directory'],
  ENOTDIR: [20, 'Not a directory'],
  EROFS: [30, 'Read-only file system'],
  ENOSPC: [28, 'No space left on device'],
};

/** Python's str(OSError) for open(path, 'wb'), which Ansible puts in its message. */
function osErrorText(error: unknown, file: string): string {
  const known = ERRNO[(error as NodeJS.ErrnoException).code ?? ''];
  return known ? `[Errno ${known[0]}] ${known[1]}: b'${file}'` : (error as Error).message;
}
