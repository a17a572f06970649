import type { Sink } from '../output/display.js';
import { parseArgv, UsageError, type OptionSpec, type ParsedOptions } from './argv.js';
import { helpText } from './common-options.js';
import { EXIT } from './exit-codes.js';
import { OptionsError } from './run-options.js';
import { versionText } from './version.js';

/** What a command's command line accepts, for parsing, usage errors and --help. */
export interface CommandLine {
  program: string;
  usage: string;
  description: string;
  options: OptionSpec[];
  /** the one positional argument that must be there (argparse's "required: X") */
  required?: string;
  /** at most this many positional arguments @default Infinity */
  maxPositionals?: number;
}

export interface Parsed {
  options: ParsedOptions;
  positionals: string[];
}

/**
 * argparse's behaviour around a command: a bad command line prints usage and the error (exit 2), --help prints the
 * help (exit 0), and an options error found later prints the help before the error (which main turns into exit 5).
 */
export async function runCommandLine(spec: CommandLine, argv: string[], sink: Sink, body: (parsed: Parsed) => Promise<number>): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgv(argv, spec.options);
    // argparse's version action: shown and done before any other check of the command line
    if (parsed.options.version === true) {
      sink.out(versionText(spec.program));
      return EXIT.ok;
    }
    if (parsed.positionals.length > (spec.maxPositionals ?? Infinity)) {
      throw new UsageError(`unrecognized arguments: ${parsed.positionals.slice(spec.maxPositionals).join(' ')}`);
    }
    if (spec.required !== undefined && parsed.positionals.length === 0 && parsed.options.help !== true) {
      throw new UsageError(`the following arguments are required: ${spec.required}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    sink.err(`usage: ${spec.program} ${spec.usage}\n${spec.program}: error: ${error.message}\n`);
    return EXIT.hostFailed;
  }
  const help = (): string => helpText(spec.program, spec.usage, spec.description, spec.options);
  if (parsed.options.help) {
    sink.out(help());
    return EXIT.ok;
  }
  try {
    return await body(parsed);
  } catch (error) {
    if (error instanceof OptionsError) sink.out(help());
    throw error;
  }
}
