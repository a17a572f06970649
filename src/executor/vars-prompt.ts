import { randomSalt } from '../template/ansible/crypt.js';
import { cryptHash } from '../template/ansible/hashing.js';
import { pyStr } from '../template/values.js';
import { asBool } from '../playbook/keywords.js';
import type { VarsPrompt } from '../playbook/types.js';
import type { Vars } from '../vars/types.js';
import { Unsafe } from '../vars/unsafe.js';
import type { Prompter } from './prompter.js';
import type { Templar } from './templar.js';

export interface VarsPromptContext {
  prompter: Prompter;
  templar: Templar;
  /** what the entries are templated with: the play's vars and the extra vars */
  vars: Vars;
  extraVars: Vars;
  warn: (message: string) => void;
  /** a line on stdout (the confirm mismatch notice) */
  say: (text: string) => void;
}

/** A play's vars_prompt answers, as PlaybookExecutor + Display.do_var_prompt get them; a var given with -e is not asked. */
export async function askVarsPrompt(entries: VarsPrompt[], ctx: VarsPromptContext): Promise<Vars> {
  const answers: Vars = {};
  if (entries.length === 0) return answers;
  const templated = ctx.templar.template(entries, ctx.vars) as Array<Record<string, unknown>>;
  for (const entry of templated) {
    const name = pyStr(entry.name);
    if (name in ctx.extraVars) continue;
    answers[name] = await askOne(name, entry, ctx);
  }
  return answers;
}

async function askOne(name: string, entry: Record<string, unknown>, ctx: VarsPromptContext): Promise<unknown> {
  const prompt = entry.prompt === undefined ? name : entry.prompt;
  const dflt = entry.default ?? undefined;
  const secret = entry.private === undefined ? true : asBool(entry.private);
  const confirm = entry.confirm === undefined ? false : asBool(entry.confirm);
  let result: string | undefined;
  if (ctx.prompter.interactive) {
    const shown = pyStr(prompt);
    const question = shown && dflt !== undefined ? `${shown} [${pyStr(dflt)}]: ` : shown ? `${shown}: ` : `input for ${name}: `;
    const ask = async (text: string): Promise<string> => {
      const answer = secret ? await ctx.prompter.secret(text) : await ctx.prompter.line(text);
      // Python's input() raises EOFError at the end of input; Ansible dies of it
      if (answer === undefined) throw new PromptEnded();
      return answer;
    };
    for (;;) {
      result = await ask(question);
      if (!confirm) break;
      const second = await ask(`confirm ${question}`);
      if (result === second) break;
      ctx.say('***** VALUES ENTERED DO NOT MATCH ****');
    }
  } else {
    ctx.warn('Not prompting as we are not in interactive mode');
  }
  let value: unknown = result;
  if (!result && dflt !== undefined) value = dflt;
  if (entry.encrypt !== undefined && entry.encrypt !== null) value = encrypt(pyStr(value), entry);
  const text = pyStr(value);
  return entry.unsafe !== undefined && asBool(entry.unsafe) ? new Unsafe(text) : text;
}

/** do_encrypt: a crypt(3) hash of the answer with the given algorithm, salt or salt size. */
function encrypt(secret: string, entry: Record<string, unknown>): string {
  const algorithm = pyStr(entry.encrypt);
  const salt = entry.salt !== undefined && entry.salt !== null ? pyStr(entry.salt) : entry.salt_size !== undefined && entry.salt_size !== null ? randomSalt(Number(entry.salt_size)) : null;
  return cryptHash(secret, algorithm, salt, null);
}

/** Input ended while a prompt waited for an answer. */
export class PromptEnded extends Error {
  override readonly name = 'PromptEnded';
  constructor() {
    super('EOF when reading a line');
  }
}
