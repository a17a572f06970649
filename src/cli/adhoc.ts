import { resolve } from 'node:path';
import PQueue from 'p-queue';
import { findModule } from '../../modules/index.js';
import { loadSettings } from '../config/settings.js';
import { ConnectionPool } from '../executor/connection-pool.js';
import { runHostTask, type RunContext } from '../executor/host-task.js';
import type { HostOutcome } from '../executor/outcome.js';
import { templar } from '../executor/templar.js';
import { loadInventory } from '../inventory/load.js';
import { VarsDir } from '../inventory/vars-dir.js';
import { Display, type Sink } from '../output/display.js';
import type { Reporter } from '../output/events.js';
import { MinimalReporter } from '../output/minimal.js';
import { OnelineReporter } from '../output/oneline.js';
import { loadYaml11 } from '../parsing/yaml-11.js';
import { parseKv } from '../parsing/split-args.js';
import { loadExtraVars } from '../vars/extra-vars.js';
import type { OptionSpec } from './argv.js';
import { runCommandLine, type Parsed } from './command-line.js';
import { COMMON_OPTIONS } from './common-options.js';
import { EXIT, runExitCode } from './exit-codes.js';
import { adhocHostList } from './host-list.js';
import { connectionDefaults, OptionsError, positiveInt } from './run-options.js';
import { versionText } from './version.js';
import { decryptWithRunVault, setupRunVault, vaultOptions } from './vault-secrets.js';

const ADHOC_OPTIONS: OptionSpec[] = [
  ...COMMON_OPTIONS,
  { names: ['-m', '--module-name'], key: 'moduleName', kind: 'value', metavar: 'MODULE_NAME', help: 'Name of the action to execute (default=command)' },
  { names: ['-a', '--args'], key: 'moduleArgs', kind: 'value', metavar: 'MODULE_ARGS', help: "The action's options in space separated k=v format or a json string" },
  { names: ['-o', '--one-line'], key: 'oneLine', kind: 'flag', help: 'condense output' },
  { names: ['-t', '--tree'], key: 'tree', kind: 'value', metavar: 'TREE', help: 'log output to this directory' },
  { names: ['-B', '--background'], key: 'background', kind: 'value', metavar: 'SECONDS', help: 'run asynchronously, failing after X seconds' },
  { names: ['-P', '--poll'], key: 'poll', kind: 'value', metavar: 'POLL_INTERVAL', help: 'set the poll interval if using -B (default=15)' },
  { names: ['--playbook-dir'], key: 'playbookDir', kind: 'value', metavar: 'BASEDIR', help: 'use this as a substitute playbook directory' },
  { names: ['--task-timeout'], key: 'taskTimeout', kind: 'value', metavar: 'TASK_TIMEOUT', help: 'set task timeout limit in seconds, must be positive integer' },
];

export const ADHOC_USAGE = '[-h] [--version] [-v] [-b] [-K] [-i INVENTORY] [--list-hosts] [-l SUBSET] [-o] [--private-key PRIVATE_KEY_FILE] [-u REMOTE_USER] [-c CONNECTION] [-T TIMEOUT] [-k] [-C] [-D] [-e EXTRA_VARS] [-f FORKS] [-a MODULE_ARGS] [-m MODULE_NAME] pattern';

/** Modules that make no sense without arguments (C.MODULE_REQUIRE_ARGS). */
const REQUIRE_ARGS = new Set(['command', 'shell', 'raw', 'script', 'win_command', 'win_shell']);

const ADHOC_COMMAND = {
  program: 'tsible',
  usage: ADHOC_USAGE,
  description: "Define and run a single task 'playbook' against a set of hosts",
  options: ADHOC_OPTIONS,
  required: 'pattern',
  maxPositionals: 1,
};

/** `tsible PATTERN -m MODULE -a ARGS`: one task on many hosts, printed as Ansible's minimal callback does. */
export function adhoc(argv: string[], sink: Sink): Promise<number> {
  return runCommandLine(ADHOC_COMMAND, argv, sink, (parsed) => adhocRun(parsed, sink));
}

async function adhocRun({ options, positionals }: Parsed, sink: Sink): Promise<number> {
  const settings = loadSettings();
  const display = new Display(sink, (options.verbose as number | undefined) ?? settings.get<number>('verbosity'));
  const warn = (message: string): void => display.warning(message);
  display.verbose(versionText('tsible').trimEnd(), 2);
  display.verbose(settings.file ? `Using ${settings.file} as config file` : 'No config file found; using defaults', 1);
  const pattern = positionals[0] as string;
  const moduleName = (options.moduleName as string | undefined) ?? settings.get<string>('module_name');
  const rawArgs = ((options.moduleArgs as string | undefined) ?? '').trim();
  const shortName = moduleName.replace(/^ansible\.(builtin|legacy)\./, '');
  const forks = positiveInt(options.forks, 'forks', settings.get<number>('forks'));

  await setupRunVault(vaultOptions(options, settings), settings, warn);
  const sources = (options.inventory as string[] | undefined) ?? settings.get<string[]>('inventory');
  const inventory = await loadInventory(sources, warn, { decryptVault: decryptWithRunVault });
  // Ansible's order: passwords, hosts, --list-hosts, then the module's arguments
  const defaults = await connectionDefaults(options, settings);
  const hosts = adhocHostList(inventory, pattern, options.limit as string | undefined, warn, settings.get<boolean>('localhost_warning'));
  if (options.listHosts) {
    sink.out(`  hosts (${hosts.length}):\n${hosts.map((h) => `    ${h.name}\n`).join('')}`);
    return EXIT.ok;
  }
  if (REQUIRE_ARGS.has(shortName) && rawArgs === '') {
    throw new OptionsError(`No argument passed to ${moduleName} module${pattern.endsWith('.yml') ? ' (did you mean to run ansible-playbook?)' : ''}`);
  }
  if (hosts.length === 0) return EXIT.ok;
  const extraVars = loadExtraVars((options.extraVars as string[] | undefined) ?? [], warn);
  const module = findModule(moduleName);
  const args = module ? moduleArgs(rawArgs, module.freeForm, warn) : {};
  const reporter: Reporter = options.oneLine ? new OnelineReporter(display) : new MinimalReporter(display);
  const style = module?.output ?? 'json';

  const run: RunContext = {
    inventory,
    extraVars,
    defaults,
    pool: new ConnectionPool(display.verbosity >= 3 ? (op) => reporter.on({ type: 'transport', ...op }) : undefined),
    templar,
    hostFacts: new Map(),
    facts: new Map(),
    interpreterPython: settings.get<string>('interpreter_python'),
    ...(options.playbookDir !== undefined ? { playbookVarsDirs: [new VarsDir(resolve(options.playbookDir as string), warn, decryptWithRunVault)] } : {}),
    magic: {
      checkMode: options.check === true,
      diffMode: options.diff === true,
      forks,
      verbosity: display.verbosity,
      inventorySources: sources,
      limit: options.limit as string | undefined,
      playbookDir: options.playbookDir as string | undefined,
      configFile: settings.file,
    },
  };
  const queue = new PQueue({ concurrency: forks });
  const stats = { failed: 0, unreachable: 0 };
  const report = (outcome: HostOutcome): void => {
    if (outcome.status === 'failed') stats.failed += 1;
    if (outcome.status === 'unreachable') stats.unreachable += 1;
    reporter.on({ type: 'host_result', outcome, module: moduleName, style });
  };
  try {
    await Promise.all(
      hosts.map((host) => queue.add(async () => report(await runHostTask(run, { host: host.name, action: moduleName, module, args, levels: {} })))),
    );
  } finally {
    await run.pool.closeAll();
  }
  return runExitCode(stats);
}

/** `-a`: a JSON/YAML mapping, or k=v (free-form modules keep the rest as _raw_params). */
function moduleArgs(raw: string, freeForm: boolean, warn: (m: string) => void): Record<string, unknown> {
  if (raw === '') return {};
  if (!freeForm && raw.startsWith('{')) {
    const data = loadYaml11(raw, '<module args>', warn);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  }
  return parseKv(raw, freeForm);
}
