import { createInterface } from 'node:readline';
import type { ModuleContext, ModuleDefinition } from '../src/executor/module-contract.js';

interface PauseArgs {
  minutes?: number;
  seconds?: number;
  prompt?: string;
  echo?: boolean;
}

/** Python's str(datetime.now()): local time with microseconds. */
function pyNow(): string {
  const d = new Date();
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}000`;
}

/** Python's repr of round(x, 2): always a decimal point. */
function pyRound2(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Number.isInteger(r) ? r.toFixed(1) : String(r);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One line typed on the terminal (stdin is a TTY). */
function readLine(): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    rl.once('close', () => resolve(''));
  });
}

/** pause: waits a while, or for the user (only when stdin is a terminal, as Ansible); runs once per task, not per host. */
export const pause: ModuleDefinition<PauseArgs, never> = {
  name: 'ansible.builtin.pause',
  aliases: ['pause', 'ansible.legacy.pause'],
  freeForm: false,
  controllerOnly: true,
  output: 'json',
  schema: {
    type: 'object',
    properties: {
      minutes: { type: 'number', description: 'A positive number of minutes to pause for.' },
      seconds: { type: 'number', description: 'A positive number of seconds to pause for.' },
      prompt: { type: 'string', description: 'Optional text to use for the prompt message. User input is only returned if seconds=None and minutes=None, otherwise this is just a custom message before playbook execution is paused.' },
      echo: { type: 'boolean', default: true, description: 'Controls whether or not keyboard input is shown when typing. Only has effect if seconds=None and minutes=None.' },
    },
    additionalProperties: false,
  },
  doc: {
    shortDescription: 'Pause playbook execution',
    description: [
      'Pauses playbook execution for a set amount of time, or until a prompt is acknowledged. All parameters are optional. The default behavior is to pause with a prompt.',
      'To pause/wait/sleep per host, use the wait_for module.',
      'The pause module integrates into async/parallelized playbooks without any special considerations. When using pauses with the serial playbook parameter, the pause occurs once per batch.',
      'This module bypasses the play host loop and runs once; with stdin not a terminal, a prompt is not waited for.',
    ],
    examples: `- name: Pause for 5 minutes to build app cache
  ansible.builtin.pause:
    minutes: 5

- name: Pause until you can verify updates to an application were successful
  ansible.builtin.pause:

- name: A helpful reminder of what to look out for post-update
  ansible.builtin.pause:
    prompt: "Make sure org.foo.FooOverload exception is not present"
`,
    returns: {
      user_input: { description: 'User input from interactive console', returned: 'if no waiting time set', type: 'str', sample: 'Example user input' },
      start: { description: 'Time when started pausing', returned: 'always', type: 'str', sample: '2017-02-23 14:35:07.298862' },
      stop: { description: 'Time when ended pausing', returned: 'always', type: 'str', sample: '2017-02-23 14:35:09.552594' },
      delta: { description: 'Time paused in seconds', returned: 'always', type: 'str', sample: 2 },
      stdout: { description: 'Output of pause module', returned: 'always', type: 'str', sample: 'Paused for 0.04 minutes' },
      echo: { description: 'Value of echo setting', returned: 'always', type: 'bool', sample: true },
    },
  },
  async plan(args, ctx) {
    if (args.minutes !== undefined && args.seconds !== undefined) return { changed: false, reason: 'bad args', result: { failed: true, msg: 'parameters are mutually exclusive: minutes|seconds' } };
    return { changed: false, reason: 'pause changes nothing', result: await runPause(args, ctx) };
  },
  async apply() {
    throw new Error('pause never changes a host');
  },
};

async function runPause(args: PauseArgs, ctx: ModuleContext): Promise<Record<string, unknown>> {
  const echo = args.echo ?? true;
  const hidden = echo ? '' : ' (output is hidden)';
  const show = (text: string, kind: 'display' | 'warning' = 'display'): void => ctx.display?.(text, kind);
  const prompt = `[${(ctx.taskName ?? 'pause').trim()}]\n${args.prompt || 'Press enter to continue, Ctrl+C to interrupt'}${hidden}:`;
  let seconds: number | undefined;
  let unit = 'minutes';
  if (args.minutes !== undefined) seconds = Math.trunc(args.minutes) * 60;
  else if (args.seconds !== undefined) {
    seconds = Math.trunc(args.seconds);
    unit = 'seconds';
  }
  const started = Date.now();
  const start = pyNow();
  let userInput = '';
  if (seconds !== undefined) {
    if (seconds < 1) seconds = 1;
    show(`Pausing for ${seconds} seconds${hidden}`);
    show("(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)\r");
    if (args.prompt) show(prompt);
    await sleep(seconds * 1000);
  } else {
    show(prompt);
    if (process.stdin.isTTY) userInput = await readLine();
    else show('Not waiting for response to prompt as stdin is not interactive', 'warning');
  }
  const duration = (Date.now() - started) / 1000;
  return {
    changed: false,
    rc: 0,
    stderr: '',
    stdout: `Paused for ${pyRound2(unit === 'minutes' ? duration / 60 : duration)} ${unit}`,
    start,
    stop: pyNow(),
    delta: Math.trunc(duration),
    echo,
    user_input: userInput,
  };
}
