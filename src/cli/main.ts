import { ConfigError } from '../config/ini-config.js';
import { Display, processSink, type Sink } from '../output/display.js';
import { ParseError } from '../parsing/parse-error.js';
import { TemplateError } from '../template/render.js';
import { ExtraVarsError } from '../vars/extra-vars.js';
import { adhoc } from './adhoc.js';
import { docCommand } from './doc.js';
import { inventoryCommand } from './inventory.js';
import { vaultCommand } from './vault.js';
import { EXIT } from './exit-codes.js';
import { playbook } from './playbook.js';
import { PromptInterrupted } from './prompt.js';
import { OptionsError } from './run-options.js';

export type Program = 'tsible' | 'tsible-playbook' | 'tsible-inventory' | 'tsible-vault' | 'tsible-doc';

const COMMANDS: Record<Program, ((argv: string[], sink: Sink) => Promise<number>) | undefined> = {
  tsible: adhoc,
  'tsible-playbook': playbook,
  'tsible-inventory': inventoryCommand,
  'tsible-vault': vaultCommand,
  'tsible-doc': docCommand,
};

/** The one place that turns a command's outcome or error into Ansible's exit code and an `ERROR!` line. */
export async function run(program: Program, argv: string[], sink: Sink = processSink): Promise<number> {
  const display = new Display(sink);
  const command = COMMANDS[program];
  if (!command) {
    display.error(`${program} is not available yet in this version of tsible.`);
    return EXIT.error;
  }
  try {
    return await command(argv, sink);
  } catch (error) {
    if (error instanceof OptionsError) {
      display.error(error.message);
      return EXIT.badOptions;
    }
    if (error instanceof ParseError) {
      display.error(error.message);
      return EXIT.parserError;
    }
    if (error instanceof PromptInterrupted) {
      display.error('User interrupted execution');
      return EXIT.interrupted;
    }
    if (error instanceof ConfigError || error instanceof ExtraVarsError || error instanceof TemplateError || isUserError(error)) {
      display.error((error as Error).message);
      return EXIT.error;
    }
    display.error(`Unexpected Exception, this is probably a bug: ${(error as Error)?.message ?? String(error)}`);
    sink.err(`${(error as Error)?.stack ?? ''}\nPlease report this at the tsible issue tracker, with the command you ran.\n`);
    return EXIT.bug;
  }
}

/** Errors other modules mark as the user's (bad inventory, bad playbook) carry `userError`. */
function isUserError(error: unknown): boolean {
  return error instanceof Error && (error as Error & { userError?: boolean }).userError === true;
}

/** Entry for the bin scripts: run, then exit with the code; Ctrl-C is Ansible's 99. */
export function main(program: Program): void {
  // `tsible ... | head` closes the pipe early: stop quietly, as a Unix tool does
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.on('SIGINT', () => {
    process.stderr.write('\nERROR! User interrupted execution\n');
    process.exit(EXIT.interrupted);
  });
  run(program, process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ERROR! Unexpected Exception, this is probably a bug: ${String(error)}\n`);
      process.exitCode = EXIT.bug;
    },
  );
}
