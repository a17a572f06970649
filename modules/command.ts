import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../src/executor/module-contract.js';
import { shlexSplit } from '../src/parsing/shlex-split.js';
import { globExistsScript } from './lib/glob-quote.js';
import { nowMicros, pythonDatetime, pythonTimedelta } from './lib/python-time.js';

export interface CommandArgs {
  _raw_params?: string;
  _uses_shell?: boolean;
  argv?: string[];
  chdir?: string;
  executable?: string;
  creates?: string;
  removes?: string;
  stdin?: string;
  stdin_add_newline?: boolean;
  strip_empty_ends?: boolean;
}

/** What will run: the argv (command) or the script (shell), and how. */
export interface CommandSteps {
  cmd: string[] | string;
  line: string;
  warnings?: string[];
}

export const commandSchema = {
  type: 'object',
  properties: {
    _raw_params: { type: 'string' },
    _uses_shell: { type: 'boolean', default: false },
    argv: { type: 'array', items: { type: 'string' } },
    chdir: { type: 'string' },
    executable: { type: 'string' },
    creates: { type: 'string' },
    removes: { type: 'string' },
    stdin: { type: 'string' },
    stdin_add_newline: { type: 'boolean', default: true },
    strip_empty_ends: { type: 'boolean', default: true },
  },
  additionalProperties: false,
} as const;

/** The keys Ansible promises on every command result. */
function baseResult(): ModuleResult {
  return { changed: false, stdout: '', stderr: '', rc: null, cmd: null, start: null, end: null, delta: null, msg: '' };
}

function failure(result: ModuleResult, msg: string): ModuleResult {
  return { ...result, rc: 256, msg, failed: true };
}

/** Decide whether it runs: creates/removes are checked on the host (relative to chdir), like the module's glob. */
export async function planCommand(args: CommandArgs, ctx: ModuleContext) {
  const shell = args._uses_shell === true;
  const raw = args._raw_params;
  const r = baseResult();
  let warnings: string[] | undefined;
  if (!shell && args.executable) {
    warnings = [`As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '${args.executable}'.`];
    r.warnings = warnings;
  }
  if ((raw === undefined || raw.trim() === '') && !args.argv?.length) {
    return { changed: false as const, reason: 'no command given', result: failure(r, 'no command given') };
  }
  if (raw !== undefined && raw.trim() !== '' && args.argv?.length) {
    return { changed: false as const, reason: 'both given', result: failure(r, 'only command or argv can be given, not both') };
  }
  let cmd: string[] | string;
  try {
    cmd = shell ? (raw ?? '') : raw !== undefined && raw.trim() !== '' ? shlexSplit(raw) : (args.argv ?? []);
  } catch (error) {
    return { changed: false as const, reason: 'bad quoting', result: { ...failure(r, `Error parsing command: ${(error as Error).message}`), rc: 256 } };
  }
  r.cmd = cmd;
  const line = typeof cmd === 'string' ? `${shellQuote((shell && args.executable) || '/bin/sh')} -c ${shellQuote(cmd)}` : `exec ${cmd.map(shellQuote).join(' ')}`;
  const shoulda = ctx.check ? 'Would' : 'Did';
  for (const [key, wantExists] of [['creates', true], ['removes', false]] as const) {
    const pattern = args[key];
    if (pattern === undefined) continue;
    const cd = args.chdir !== undefined ? `cd ${shellQuote(args.chdir)} 2>/dev/null; ` : '';
    const probe = await ctx.conn.exec(`${cd}${globExistsScript(pattern)}`, { become: ctx.become });
    const exists = probe.stdout.includes('yes');
    if (exists === wantExists) {
      const what = wantExists ? 'exists' : 'does not exist';
      const result = { ...r, rc: 0, msg: `${shoulda} not run command since '${pattern}' ${what}`, stdout: `skipped, since ${pattern} ${what}` };
      return { changed: false as const, reason: result.msg, result };
    }
  }
  return { changed: true as const, steps: warnings ? { cmd, line, warnings } : { cmd, line }, result: r };
}

/** Run it once, and report as the command module does (rc, stdout, stderr, start/end/delta). */
export async function applyCommand(steps: CommandSteps, args: CommandArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const r: ModuleResult = { ...baseResult(), cmd: steps.cmd, changed: true, ...(steps.warnings ? { warnings: steps.warnings } : {}) };
  let stdin = args.stdin;
  if (stdin !== undefined && args.stdin_add_newline !== false) stdin += '\n';
  const cd = args.chdir !== undefined ? `cd ${shellQuote(args.chdir)} || exit 254; ` : '';
  const started = nowMicros();
  const out = await ctx.conn.exec(`${cd}${steps.line}`, { stdin, become: ctx.become, env: ctx.env });
  const ended = nowMicros();
  if (out.rc === 254 && args.chdir !== undefined && /can't cd|cd:/.test(out.stderr)) {
    return { ...r, changed: false, failed: true, msg: `Unable to change directory before execution: [Errno 2] No such file or directory: b'${args.chdir}'` };
  }
  if (Array.isArray(steps.cmd) && out.rc === 127 && /not found/.test(out.stderr)) {
    return { ...r, changed: false, failed: true, rc: 2, cmd: steps.cmd.join(' '), msg: `[Errno 2] No such file or directory: b'${steps.cmd[0] ?? ''}'` };
  }
  const strip = args.strip_empty_ends !== false;
  r.rc = out.rc;
  r.stdout = strip ? out.stdout.replace(/[\r\n]+$/, '') : out.stdout;
  r.stderr = strip ? out.stderr.replace(/[\r\n]+$/, '') : out.stderr;
  r.start = pythonDatetime(started);
  r.end = pythonDatetime(ended);
  r.delta = pythonTimedelta(ended - started);
  if (out.rc !== 0) {
    r.msg = 'non-zero return code';
    r.failed = true;
  }
  return r;
}

export const command: ModuleDefinition<CommandArgs, CommandSteps> = {
  name: 'ansible.builtin.command',
  aliases: ['command', 'ansible.legacy.command'],
  freeForm: true,
  output: 'command',
  schema: commandSchema,
  doc: {
    shortDescription: 'Execute commands on targets',
    description: ['The `command\' module takes the command name followed by a list of space-delimited arguments.', 'The given command will be executed on all selected nodes.', 'The command(s) will not be processed through the shell, so variables like `$HOSTNAME\' and operations like `"*"\', `"<"\', `">"\', `"|"\', `";"\' and `"&"\' will not work. Use the [ansible.builtin.shell] module if you need these features.', 'To create `command\' tasks that are easier to read than the ones using space-delimited arguments, pass parameters using the `args\' task keyword or use `cmd\' parameter.', 'Either a free form command or `cmd\' parameter is required, see the examples.', 'For Windows targets, use the [ansible.windows.win_command] module instead.'],
    options: {
      argv: 'Passes the command as a list rather than a string. Use `argv\' to avoid quoting values that would otherwise be interpreted incorrectly (for example "user name"). Only the string (free form) or the list (argv) form can be provided, not both. One or the other must be provided.',
      chdir: 'Change into this directory before running the command.',
      cmd: 'The command to run.',
      creates: 'A filename or (since 2.0) glob pattern. If a matching file already exists, this step `will not\' be run. This is checked before `removes\' is checked.',
      free_form: 'The command module takes a free form string as a command to run. There is no actual parameter named \'free form\'.',
      removes: 'A filename or (since 2.0) glob pattern. If a matching file exists, this step `will\' be run. This is checked after `creates\' is checked.',
      stdin: 'Set the stdin of the command directly to the specified value.',
      stdin_add_newline: 'If set to `true\', append a newline to stdin data.',
      strip_empty_ends: 'Strip empty lines from the end of stdout/stderr in result.',
    },
    examples: `- name: Return motd to registered var
  ansible.builtin.command: cat /etc/motd
  register: mymotd

# free-form (string) arguments, all arguments on one line
`,
    returns: {
      cmd: { description: 'The command executed by the task.', returned: 'always', type: 'list' },
      delta: { description: 'The command execution delta time.', returned: 'always', type: 'str', sample: "0:00:00.001529" },
      end: { description: 'The command execution end time.', returned: 'always', type: 'str', sample: "2017-09-29 22:03:48.084657" },
      msg: { description: 'changed', returned: 'always', type: 'bool', sample: true },
      rc: { description: 'The command return code (0 means success).', returned: 'always', type: 'int', sample: 0 },
      start: { description: 'The command execution start time.', returned: 'always', type: 'str', sample: "2017-09-29 22:03:48.083128" },
    },
  },
  plan: planCommand,
  apply: (plan, args, ctx) => applyCommand(plan.steps, args, ctx),
  checkResult: (plan, args) => {
    const base = { ...plan.result, rc: 0, msg: 'Command would have run if not in check mode' };
    return args.creates === undefined && args.removes === undefined ? { ...base, skipped: true, changed: false } : { ...base, changed: true };
  },
};
