import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { templar } from '../executor/templar.js';
import { loadSettings } from '../config/settings.js';
import { runPlaybook } from '../executor/play-runner.js';
import { loadInventory } from '../inventory/load.js';
import { VarsDir } from '../inventory/vars-dir.js';
import { DefaultReporter } from '../output/default-reporter.js';
import { JsonReporter } from '../output/json-reporter.js';
import { Display, type Sink } from '../output/display.js';
import { loadPlaybook } from '../playbook/load.js';
import { loadError } from '../playbook/playbook-error.js';
import { loadExtraVars } from '../vars/extra-vars.js';
import type { OptionSpec } from './argv.js';
import { runCommandLine, type Parsed } from './command-line.js';
import { COMMON_OPTIONS } from './common-options.js';
import { decryptWithRunVault, setupRunVault, vaultOptions } from './vault-secrets.js';
import { EXIT } from './exit-codes.js';
import { printListing } from './playbook-listing.js';
import { stdinPrompter } from './prompt.js';
import { versionText } from './version.js';
import { connectionDefaults, positiveInt } from './run-options.js';

const PLAYBOOK_OPTIONS: OptionSpec[] = [
  ...COMMON_OPTIONS,
  { names: ['-t', '--tags'], key: 'tags', kind: 'append', metavar: 'TAGS', help: 'only run plays and tasks tagged with these values' },
  { names: ['--skip-tags'], key: 'skipTags', kind: 'append', metavar: 'SKIP_TAGS', help: 'only run plays and tasks whose tags do not match these values' },
  { names: ['--syntax-check'], key: 'syntaxCheck', kind: 'flag', help: 'perform a syntax check on the playbook, but do not execute it' },
  { names: ['--list-tasks'], key: 'listTasks', kind: 'flag', help: 'list all tasks that would be executed' },
  { names: ['--list-tags'], key: 'listTags', kind: 'flag', help: 'list all available tags' },
  { names: ['--step'], key: 'step', kind: 'flag', help: 'one-step-at-a-time: confirm each task before running' },
  { names: ['--start-at-task'], key: 'startAtTask', kind: 'value', metavar: 'START_AT_TASK', help: 'start the playbook at the task matching this name' },
];

const USAGE = '[-h] [--version] [-v] [-k] [-u REMOTE_USER] [-c CONNECTION] [-T TIMEOUT] [-b] [-K] [-C] [-D] [-i INVENTORY] [--list-hosts] [-l SUBSET] [-e EXTRA_VARS] [-f FORKS] [--syntax-check] playbook [playbook ...]';

const PLAYBOOK_COMMAND = {
  program: 'tsible-playbook',
  usage: USAGE,
  description: 'Runs Ansible playbooks, executing the defined tasks on the targeted hosts.',
  options: PLAYBOOK_OPTIONS,
  required: 'playbook',
};

/** `tsible-playbook site.yml`: load every playbook first (errors before any host is contacted), then run them in order. */
export function playbook(argv: string[], sink: Sink): Promise<number> {
  return runCommandLine(PLAYBOOK_COMMAND, argv, sink, (parsed) => playbookRun(parsed, sink));
}

async function playbookRun({ options, positionals }: Parsed, sink: Sink): Promise<number> {
  const settings = loadSettings();
  const display = new Display(sink, (options.verbose as number | undefined) ?? settings.get<number>('verbosity'));
  const warn = (message: string): void => display.warning(message);
  display.verbose(versionText('tsible-playbook').trimEnd(), 2);
  display.verbose(settings.file ? `Using ${settings.file} as config file` : 'No config file found; using defaults', 1);
  await setupRunVault(vaultOptions(options, settings), settings, warn);
  for (const file of positionals) {
    if (!existsSync(file)) throw loadError(`the playbook: ${file} could not be found`);
  }
  const rolesPath = settings.get<string[]>('roles_path');
  const playbooks = positionals.map((file) => ({ file, plays: loadPlaybook(file, { warn, rolesPath, note: (m) => display.verbose(m, 2) }) }));
  if (options.syntaxCheck) {
    for (const { file } of playbooks) sink.out(`\nplaybook: ${file}\n`);
    return EXIT.ok;
  }
  const forks = positiveInt(options.forks, 'forks', settings.get<number>('forks'));
  const sources = (options.inventory as string[] | undefined) ?? settings.get<string[]>('inventory');
  const inventory = await loadInventory(sources, warn, { decryptVault: decryptWithRunVault });
  const tags = { only: splitTags(options.tags), skip: splitTags(options.skipTags) };
  if (options.listHosts || options.listTasks || options.listTags) {
    for (const { file, plays } of playbooks) {
      printListing({ file, plays, inventory, limit: options.limit as string | undefined, tags, listHosts: options.listHosts === true, listTasks: options.listTasks === true, listTags: options.listTags === true, warn }, sink);
    }
    return EXIT.ok;
  }
  const extraVars = loadExtraVars((options.extraVars as string[] | undefined) ?? [], warn);
  const defaults = await connectionDefaults(options, settings);
  const reporter = settings.get<string>('stdout_callback') === 'json' ? new JsonReporter(display) : new DefaultReporter(display, undefined, options.diff === true);
  const prompter = stdinPrompter(sink);
  for (const { file, plays } of playbooks) {
    reporter.on({ type: 'playbook_start', file, plays: plays.length });
    const { status, inputEnded } = await runPlaybook({
      plays,
      inventory,
      extraVars,
      defaults,
      forks,
      templar,
      magic: {
        checkMode: options.check === true,
        diffMode: options.diff === true,
        forks,
        verbosity: display.verbosity,
        inventorySources: sources,
        limit: options.limit as string | undefined,
        playbookDir: dirname(resolve(file)),
        configFile: settings.file,
      },
      limit: options.limit as string | undefined,
      tags,
      hashBehaviour: settings.get<string>('hash_behaviour') === 'merge' ? 'merge' : 'replace',
      interpreterPython: settings.get<string>('interpreter_python'),
      playbookVarsDirs: [new VarsDir(dirname(resolve(file)), warn, decryptWithRunVault)],
      rolesPath: settings.get<string[]>('roles_path'),
      startAt: { name: options.startAtTask as string | undefined, pending: options.startAtTask !== undefined },
      reporter,
      warn,
      prompter,
      step: options.step === true,
    });
    if (inputEnded) return EXIT.hostFailed;
    const code = status === 'unreachable' ? EXIT.unreachable : status === 'failed' ? EXIT.hostFailed : EXIT.ok;
    // Ansible stops after the first playbook that did not succeed.
    if (code !== EXIT.ok) return code;
  }
  return EXIT.ok;
}

/** `-t a,b -t c` -> [a, b, c]. */
function splitTags(values: unknown): string[] {
  return ((values as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean);
}
