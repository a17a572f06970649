// vars_prompt and --step, side by side with ansible-playbook: answers from a pipe, from /dev/null, and typed on a terminal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansibleAvailable, ROOT, runCommand } from './cli.js';

const DIR = join(ROOT, 'test', 'integration', 'fixtures', 'prompt');
const TSIBLE = `${process.execPath} ${join(ROOT, 'bin', 'tsible-playbook.js')}`;
const BASE = ['-i', 'localhost,', '-c', 'local'];

// Timings differ between runs of any tool; nothing else may.
const normalise = (text: string): string =>
  text.replace(/"(start|end)": "[\d-]+ [\d:.]+"/g, '"$1": "<time>"').replace(/"delta": "[\d:.]+"/g, '"delta": "<delta>"');

/** Both tools through `sh -c`, so stdin can be a pipe or /dev/null exactly as a user would give it. */
function both(script: (tool: string) => string, home: string): Promise<Array<{ code: number; stdout: string; stderr: string }>> {
  return Promise.all(['ansible-playbook', TSIBLE].map((tool) => runCommand('sh', ['-c', script(tool)], { cwd: DIR, home })));
}

describe.runIf(ansibleAvailable())('vars_prompt and --step, side by side with ansible-playbook', () => {
  const home = mkdtempSync(join(tmpdir(), 'tsible-prompt-home-'));

  for (const [label, stdin] of [
    ['a pipe', "printf 'n\\ny\\nc\\n' |"],
    ['a pipe with every kind of answer', "printf 'y\\nyes\\nY\\nno\\n\\nc\\n' |"],
    ['a pipe that ends in the second play', "printf 'y\\ny\\ny\\ny\\ny\\n' |"],
    ['/dev/null', '</dev/null'],
  ] as const) {
    it(`--step with answers from ${label}`, async () => {
      const redirect = stdin.startsWith('<') ? stdin : '';
      const pipe = stdin.startsWith('<') ? '' : stdin;
      const [theirs, ours] = await both((tool) => `${pipe} ${tool} ${BASE.join(' ')} step.yml --step ${redirect}`, home);
      expect(normalise(ours!.stdout)).toBe(normalise(theirs!.stdout));
      expect(ours!.stderr).toBe(theirs!.stderr);
      expect(ours!.code).toBe(theirs!.code);
    });
  }

  it('--step shows the question, then the same question as a banner', async () => {
    const [, ours] = await both((tool) => `printf 'n\\nc\\n' | ${tool} ${BASE.join(' ')} step.yml --step`, home);
    expect(ours!.stdout).toContain('Perform task: TASK: Gathering Facts (N)o/(y)es/(c)ontinue: \nPerform task: TASK: Gathering Facts (N)o/(y)es/(c)ontinue: *****');
    expect(ours!.stdout).not.toContain('TASK [Gathering Facts]');
    expect(ours!.stdout).toContain('TASK [one]');
  });

  // (-e h: encrypting no answer is a crash in Ansible)
  for (const stdin of ['</dev/null', "printf 'x\\ny\\n' |"]) {
    it(`vars_prompt off a terminal (${stdin}): a warning, defaults, "None" for the rest; -e wins`, async () => {
      const redirect = stdin.startsWith('<') ? stdin : '';
      const pipe = stdin.startsWith('<') ? '' : stdin;
      const [theirs, ours] = await both((tool) => `${pipe} ${tool} ${BASE.join(' ')} vars-prompt.yml -e skipped=given -e h=x ${redirect}`, home);
      expect(ours!.stdout).toBe(theirs!.stdout);
      expect(ours!.stderr).toBe(theirs!.stderr);
      expect(ours!.stderr).toContain('[WARNING]: Not prompting as we are not in interactive mode');
      expect(ours!.stdout).toContain('"msg": "a=None b=from play c=5 str e=None s=given"');
      expect(ours!.code).toBe(theirs!.code);
    });
  }

  it('vars_prompt on a terminal: prompts, defaults, confirm, unsafe, encrypt with a salt', async () => {
    const answers = JSON.stringify(['hello', '', '', '{{ raw }}', 'p1', 'p2', 'p3', 'p3', 'secret']);
    const [theirs, ours] = await both((tool) => `python3 pty-run.py '${answers}' ${tool} ${BASE.join(' ')} vars-prompt.yml -e skipped=given`, home);
    // on a terminal tsible draws a progress line on stderr (its own addition, erased before any output): left out here
    expect(ours!.stdout.replace(/\r\u001b\[K(  [^\r\n]*: \d+\/\d+ hosts done)?/g, '')).toBe(theirs!.stdout);
    expect(ours!.stdout).toContain('Give a: hello\nGive b [from play]: \nc [5]: \ninput for d: {{ raw }}\npw: \nconfirm pw: \n***** VALUES ENTERED DO NOT MATCH ****\npw: \nconfirm pw: \nhashed: \n');
    expect(ours!.stdout).toContain('"msg": "a=hello b=from play c=5 str e=p3 s=given"');
    expect(ours!.stdout).toContain('"d": "{{ raw }}"');
    expect(ours!.stdout).toContain('"h": "$6$rounds=656000$abcdefgh$');
    expect(ours!.code).toBe(0);
  });
});
