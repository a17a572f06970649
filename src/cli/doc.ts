import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findModule, MODULES } from '../../modules/index.js';
import { Display, type Sink } from '../output/display.js';
import type { OptionSpec } from './argv.js';
import { runCommandLine, type Parsed } from './command-line.js';
import { listText, moduleText, snippetText } from './doc-text.js';
import { EXIT } from './exit-codes.js';
import { OptionsError } from './run-options.js';

/** ansible-doc's options that make sense for tsible's built-in modules. */
const DOC_OPTIONS: OptionSpec[] = [
  { names: ['-h', '--help'], key: 'help', kind: 'flag', help: 'show this help message and exit' },
  { names: ['--version'], key: 'version', kind: 'flag', help: "show program's version number and exit" },
  { names: ['-v', '--verbose'], key: 'verbose', kind: 'count', help: 'verbose mode' },
  { names: ['-l', '--list'], key: 'list', kind: 'flag', help: 'List available plugins.' },
  { names: ['-s', '--snippet'], key: 'snippet', kind: 'flag', help: 'Show playbook snippet for these plugin types: inventory, lookup, module' },
  { names: ['-t', '--type'], key: 'type', kind: 'value', metavar: 'TYPE', help: "Choose which plugin type (defaults to 'module'); tsible documents modules only" },
  { names: ['-F', '--list_files'], key: 'listFiles', kind: 'flag', help: 'Show plugin names and their source files without summaries (implies --list).' },
];

const USAGE = '[-h] [-v] [-t TYPE] [-l | -F | -s] [plugin ...]';
const DOC_COMMAND = { program: 'tsible-doc', usage: USAGE, description: 'plugin documentation tool', options: DOC_OPTIONS };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = NonNullable<ReturnType<typeof findModule>>;

/** Every module once (MODULES holds each under all its names). */
function allModules(): AnyModule[] {
  return [...new Set(MODULES.values())];
}

/** Where a module's code lives: modules/<kebab-name>.js beside this build, as ansible-doc shows the module's file. */
export function modulePath(module: AnyModule): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'modules');
  const short = module.name.split('.').pop() ?? module.name;
  const file = join(dir, `${short.replaceAll('_', '-')}.js`);
  return existsSync(file) ? file : dir;
}

/** `tsible-doc`: a module's documentation, a snippet of it, or the list of modules, as ansible-doc shows them. */
export function docCommand(argv: string[], sink: Sink): Promise<number> {
  return runCommandLine(DOC_COMMAND, argv, sink, (parsed) => docRun(parsed, sink));
}

async function docRun({ options, positionals }: Parsed, sink: Sink): Promise<number> {
  const display = new Display(sink, (options.verbose as number | undefined) ?? 0);
  const type = (options.type as string | undefined) ?? 'module';
  if (type !== 'module') throw new OptionsError(`tsible-doc documents modules only, not ${type} plugins`);
  if (options.list === true || options.listFiles === true) {
    const modules = allModules();
    if (options.listFiles === true) {
      const width = Math.max(...modules.map((m) => m.name.length)) + 1;
      sink.out([...modules].sort((a, b) => (a.name < b.name ? -1 : 1)).map((m) => `${m.name.padEnd(width)}${modulePath(m)}\n`).join(''));
    } else sink.out(listText(modules));
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new OptionsError('Missing name(s), incorrect options passed for detailed documentation.');
  for (const name of positionals) {
    const module = findModule(name);
    if (!module) {
      display.warning(`${name} was not found`);
      continue;
    }
    sink.out(options.snippet === true ? snippetText(module) : moduleText(module, modulePath(module)));
  }
  return EXIT.ok;
}
