// Command-line options of `npm run bench` (bench/main.ts). Pure: argv in, options or an error message out.

export const CASES = ['paas-converge', 'paas-nochange', 'facts', 'loop100', 'templates100', 'copy50m'] as const;
export type CaseName = (typeof CASES)[number];
export const TOOLS = ['tsible', 'ansible', 'tuned', 'mitogen', 'scp', 'ssh-cm'] as const;
export type ToolName = (typeof TOOLS)[number];

export interface BenchOptions {
  /** host counts, one group of runs each @default [1, 20, 50] */
  hosts: number[];
  cases: CaseName[];
  tools: ToolName[];
  /** @default 3 */
  rounds: number;
  /** use the running lab's hosts labh<first>.. instead of `lab up N` */
  reuseLab: boolean;
  /** @default 1 */
  first: number;
  /** results file (JSON); @default <work dir>/results.json */
  json?: string;
  /** per-run limit, seconds @default 1800 */
  timeoutS: number;
  /** directory for V8 CPU profiles of tsible's runs (node --cpu-prof) */
  cpuProf?: string;
  /** `lab down` at the end (only without --reuse-lab) */
  down: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --hosts 1,20,50          host counts (each a group of runs; 200 if the machine holds it)
  --cases LIST             ${CASES.join(',')} (default: all)
  --tools LIST             ${TOOLS.join(',')} (default: all; scp only runs in copy50m, ssh-cm in paas-nochange)
  --rounds N               rounds per case, tools alternating (default 3)
  --reuse-lab --first K    use the running lab's hosts labhK..labhK+N-1; no lab up/down; with several host
                           counts, each round runs every count in turn (the machine's speed drifts over minutes)
  --json FILE              results file (default: results.json in the run's work dir)
  --timeout SECONDS        per-run limit (default 1800); a run past it is void
  --cpu-prof DIR           V8 CPU profiles of tsible's runs (node --cpu-prof) into DIR
  --down                   lab down at the end (without --reuse-lab)`;

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`--${what}: empty list (allowed: ${allowed.join(', ')})`);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new Error(`--${what}: unknown '${item}' (allowed: ${allowed.join(', ')})`);
    }
  }
  return [...new Set(items)] as T[];
}

function positive(value: string, what: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`--${what}: '${value}' is not a positive integer`);
  return Number(value);
}

/** Parse argv (without node and the script); throws Error with a message for the user. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = {
    hosts: [1, 20, 50],
    cases: [...CASES],
    tools: [...TOOLS],
    rounds: 3,
    reuseLab: false,
    first: 1,
    timeoutS: 1800,
    down: false,
    help: false,
  };
  let firstGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const name = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--hosts':
        o.hosts = value().split(',').map((s) => positive(s.trim(), 'hosts'));
        break;
      case '--cases':
        o.cases = list(value(), CASES, 'cases');
        break;
      case '--tools':
        o.tools = list(value(), TOOLS, 'tools');
        break;
      case '--rounds':
        o.rounds = positive(value(), 'rounds');
        break;
      case '--reuse-lab':
        o.reuseLab = true;
        break;
      case '--first':
        o.first = positive(value(), 'first');
        firstGiven = true;
        break;
      case '--json':
        o.json = value();
        break;
      case '--timeout':
        o.timeoutS = positive(value(), 'timeout');
        break;
      case '--cpu-prof':
        o.cpuProf = value();
        break;
      case '--down':
        o.down = true;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option '${raw}'`);
    }
  }
  if (firstGiven && !o.reuseLab) throw new Error('--first only applies with --reuse-lab');
  if (o.down && o.reuseLab) throw new Error('--down and --reuse-lab exclude each other (a reused lab is not ours)');
  return o;
}
