/** One command-line option, argparse style. */
export interface OptionSpec {
  names: string[];
  key: string;
  /** flag: boolean; count: -vvv; value: takes an argument; append: repeatable value */
  kind: 'flag' | 'count' | 'value' | 'append';
  metavar?: string;
  help: string;
}

export type ParsedOptions = Record<string, string | string[] | boolean | number | undefined>;

/** A bad command line: argparse prints usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parse argv as argparse would: `-f20`, `-f 20`, `--forks=20`, `-bK`, `-vvv`, `--` ends options. */
export function parseArgv(argv: string[], specs: OptionSpec[]): { options: ParsedOptions; positionals: string[] } {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(name, spec);
  const options: ParsedOptions = {};
  const positionals: string[] = [];
  const set = (spec: OptionSpec, value: string | undefined): void => {
    switch (spec.kind) {
      case 'flag':
        options[spec.key] = true;
        return;
      case 'count':
        options[spec.key] = ((options[spec.key] as number | undefined) ?? 0) + 1;
        return;
      case 'value':
      case 'append':
        if (value === undefined) throw new UsageError(`argument ${spec.names.join('/')}: expected one argument`);
        if (spec.kind === 'value') options[spec.key] = value;
        else options[spec.key] = [...((options[spec.key] as string[] | undefined) ?? []), value];
        return;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      const spec = byName.get(name) ?? uniquePrefix(byName, name);
      if (!spec) throw new UsageError(`unrecognized arguments: ${arg}`);
      if (spec.kind === 'flag' || spec.kind === 'count') {
        if (eq >= 0) throw new UsageError(`argument ${spec.names.join('/')}: ignored explicit argument '${arg.slice(eq + 1)}'`);
        set(spec, undefined);
      } else {
        const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
        set(spec, value);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      // a cluster of short options: flags until one that takes a value eats the rest
      for (let j = 1; j < arg.length; j++) {
        const name = `-${arg[j]}`;
        const spec = byName.get(name);
        if (!spec) throw new UsageError(`unrecognized arguments: ${arg}`);
        if (spec.kind === 'flag' || spec.kind === 'count') {
          set(spec, undefined);
          continue;
        }
        const rest = arg.slice(j + 1);
        set(spec, rest !== '' ? rest.replace(/^=/, '') : argv[++i]);
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { options, positionals };
}

function uniquePrefix(byName: Map<string, OptionSpec>, prefix: string): OptionSpec | undefined {
  const matches = new Set([...byName.entries()].filter(([name]) => name.startsWith('--') && name.startsWith(prefix)).map(([, spec]) => spec));
  return matches.size === 1 ? [...matches][0] : undefined;
}
