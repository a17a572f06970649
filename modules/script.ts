// ansible.builtin.script: the local script travels on stdin of ONE exec that writes, runs and removes it (no put, no cleanup trip).
import { readFileSync } from 'node:fs';
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { shlexSplit } from '../src/parsing/shlex-split.js';
import { findSource, taskSearchPath } from './lib/find-source.js';
import { globExistsScript } from './lib/glob-quote.js';

export interface ScriptArgs {
  _raw_params?: string;
  cmd?: string;
  creates?: string;
  removes?: string;
  chdir?: string;
  executable?: string;
  decrypt?: boolean;
}

export interface ScriptSteps {
  content: Buffer;
  name: string;
  /** the argument text after the script path, passed through the shell as Ansible does */
  rest: string;
}

const schema = {
  type: 'object',
  properties: {
    _raw_params: { type: 'string' },
    cmd: { type: 'string' },
    creates: { type: 'string' },
    removes: { type: 'string' },
    chdir: { type: 'string' },
    executable: { type: 'string' },
    decrypt: { type: 'boolean', default: true },
  },
  additionalProperties: false,
} as const;

/** Writes stdin to a private temp file, runs it (through `executable` if given) with the raw args, removes it, keeps rc. */
export function runScript(steps: ScriptSteps, args: ScriptArgs): string {
  const run = `${args.executable !== undefined ? `${args.executable} ` : ''}"$f"${steps.rest === '' ? '' : ` ${steps.rest}`}`;
  return [
    `d=$(umask 077; mktemp -d "\${TMPDIR:-/tmp}/tsible-script.XXXXXXXX") || exit 1`,
    `f="$d"/${shellQuote(steps.name)}; cat > "$f" && chmod 700 "$f" || { rm -rf "$d"; exit 1; }`,
    ...(args.chdir !== undefined ? [`cd ${shellQuote(args.chdir)} || { rm -rf "$d"; exit 1; }`] : []),
    `(${run}); rc=$?`,
    'rm -rf "$d"',
    'exit $rc',
  ].join('\n');
}

async function plan(args: ScriptArgs, ctx: ModuleContext): Promise<Plan<ScriptSteps>> {
  const fail = (msg: string): Plan<ScriptSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
  const raw = (args.cmd ?? args._raw_params ?? '').trim();
  if (raw === '') return fail('script requires a file path (free-form or cmd)');
  let src: string;
  try {
    src = shlexSplit(raw)[0] ?? '';
  } catch (error) {
    return fail(`Error parsing script arguments: ${(error as Error).message}`);
  }
  const rest = (/^(?:"[^"]*"|'[^']*'|\S+)\s*(.*)$/s.exec(raw)?.[1] ?? '').trim();
  const local = findSource(src, 'files', taskSearchPath(ctx));
  if (local === undefined) return fail(`Could not find or access '${src}' on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`);
  // creates/removes: one probe, like Ansible's _remote_file_exists (relative to chdir)
  for (const [key, wantExists] of [['creates', true], ['removes', false]] as const) {
    const pattern = args[key];
    if (pattern === undefined) continue;
    const cd = args.chdir !== undefined ? `cd ${shellQuote(args.chdir)} 2>/dev/null; ` : '';
    const probe = await ctx.conn.exec(`${cd}${globExistsScript(pattern)}`, { become: ctx.become });
    if (probe.stdout.includes('yes') === wantExists) {
      const msg = `skipped, since ${pattern} ${wantExists ? 'exists' : 'does not exist'}`;
      return { changed: false, reason: msg, result: { changed: false, skipped: true, msg } };
    }
  }
  if (ctx.check && args.creates === undefined && args.removes === undefined) {
    return { changed: false, reason: 'script does not support check mode', result: { changed: false, skipped: true, msg: 'check mode not supported for this module' } };
  }
  const name = local.split('/').pop() ?? 'script';
  return { changed: true, steps: { content: readFileSync(local), name, rest }, result: { changed: true } };
}

async function apply(steps: ScriptSteps, args: ScriptArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const out = await ctx.conn.exec(runScript(steps, args), { stdin: steps.content, become: ctx.become, env: ctx.env });
  const result: ModuleResult = { changed: true, rc: out.rc, stderr: out.stderr, stdout: out.stdout };
  if (out.rc !== 0) Object.assign(result, { failed: true, msg: 'non-zero return code' });
  return result;
}

export const script: ModuleDefinition<ScriptArgs, ScriptSteps> = {
  name: 'ansible.builtin.script',
  aliases: ['script', 'ansible.legacy.script'],
  freeForm: true,
  // discovered_interpreter_python: runs no Python on the target
  pythonFact: 'never',
  output: 'json',
  schema,
  plan,
  apply: (p, args, ctx) => apply(p.steps, args, ctx),
  checkResult: () => ({ changed: true }),
};
