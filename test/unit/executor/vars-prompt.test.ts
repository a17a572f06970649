import { describe, expect, it } from 'vitest';
import { templar } from '../../../src/executor/templar.js';
import { askVarsPrompt, PromptEnded } from '../../../src/executor/vars-prompt.js';
import type { Prompter } from '../../../src/executor/prompter.js';
import { loadVarsPrompt } from '../../../src/playbook/vars-prompt.js';
import { Unsafe } from '../../../src/vars/unsafe.js';

const origin = { file: 'site.yml', line: 3, column: 3 };

/** A terminal that answers from a list and remembers the questions. */
function terminal(answers: string[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const answer = async (question: string): Promise<string | undefined> => {
    asked.push(question);
    return answers.shift();
  };
  return { interactive: true, asked, line: answer, secret: async (q) => (await answer(q)) ?? '' };
}

const ask = (entries: unknown, prompter: Prompter, extraVars = {}, warnings: string[] = [], said: string[] = []) =>
  askVarsPrompt(loadVarsPrompt(entries, origin), { prompter, templar, vars: { who: 'web' }, extraVars, warn: (m) => warnings.push(m), say: (t) => said.push(t) });

describe('vars_prompt', () => {
  it('asks as Display.do_var_prompt words it: prompt, [default], or "input for name"', async () => {
    const t = terminal(['a', '', 'c']);
    const vars = await ask([{ name: 'x', prompt: 'Name for {{ who }}' }, { name: 'y', prompt: 'Port', default: 80 }, { name: 'z', prompt: '' }], t);
    expect(t.asked).toEqual(['Name for web: ', 'Port [80]: ', 'input for z: ']);
    // answers are strings, an empty answer takes the default (as a string too)
    expect(vars).toEqual({ x: 'a', y: '80', z: 'c' });
  });

  it('asks again until the confirmation matches', async () => {
    const t = terminal(['p1', 'p2', 'p3', 'p3']);
    const said: string[] = [];
    expect(await ask([{ name: 'pw', confirm: true }], t, {}, [], said)).toEqual({ pw: 'p3' });
    expect(t.asked).toEqual(['pw: ', 'confirm pw: ', 'pw: ', 'confirm pw: ']);
    expect(said).toEqual(['***** VALUES ENTERED DO NOT MATCH ****']);
  });

  it('does not ask for a var given with -e', async () => {
    const t = terminal([]);
    expect(await ask([{ name: 'x' }], t, { x: 'given' })).toEqual({});
    expect(t.asked).toEqual([]);
  });

  it('off a terminal: warns, takes the default, else the string "None"', async () => {
    const warnings: string[] = [];
    const vars = await ask([{ name: 'x', default: 'd' }, { name: 'y' }], { interactive: false, line: async () => undefined, secret: async () => '' }, {}, warnings);
    expect(vars).toEqual({ x: 'd', y: 'None' });
    expect(warnings).toEqual(['Not prompting as we are not in interactive mode', 'Not prompting as we are not in interactive mode']);
  });

  it('unsafe keeps the answer from templating; encrypt hashes it with the salt given', async () => {
    const vars = await ask([{ name: 'u', unsafe: true }, { name: 'h', encrypt: 'sha512_crypt', salt: 'abcdefgh' }], terminal(['{{ x }}', 'secret']));
    expect(vars.u).toEqual(new Unsafe('{{ x }}'));
    expect(vars.h).toBe('$6$rounds=656000$abcdefgh$/Ei/7YaGhLUaj/.Vzhbn8/qTav7snBIiSWc4ltNfH/h5CKGCnV8KtAzHxd56WDXc3DF7SfbULGkU/EoGIlOV70');
  });

  it('ends when the input ends at a question', async () => {
    await expect(ask([{ name: 'x', private: false }], terminal([]))).rejects.toBeInstanceOf(PromptEnded);
  });

  it('refuses entries Ansible refuses, naming the key', () => {
    expect(() => loadVarsPrompt([{ prompt: 'x' }], origin)).toThrow("Invalid vars_prompt data structure, missing 'name' key");
    expect(() => loadVarsPrompt([{ name: 'x', bogus: 1 }], origin)).toThrow("found unsupported key 'bogus'");
  });
});
