import { randomBytes } from 'node:crypto';
import { shellQuote } from './shell-quote.js';
import type { Become } from './types.js';

/** A command wrapped for privilege escalation, with what to watch for on its output. */
export interface BecomeCommand {
  command: string;
  /** printed on stdout by the escalated shell before the real command runs */
  successMarker: string;
  /** what the become tool prints when it wants the password, if one may be asked */
  prompt?: RegExp;
  /** su reads its password from a terminal only */
  needsPty: boolean;
}

/** Wrap `command` the way Ansible's sudo/su become plugins do: a marker proves escalation worked. */
export function wrapBecome(command: string, become: Become): BecomeCommand {
  const key = randomBytes(16).toString('hex');
  const successMarker = `BECOME-SUCCESS-${key}`;
  const inner = `/bin/sh -c ${shellQuote(`echo ${successMarker}; ${command}`)}`;
  if (become.method === 'sudo') {
    const exe = become.exe ?? 'sudo';
    const flags = become.flags ?? '-H -S -n';
    const user = become.user ? `-u ${shellQuote(become.user)} ` : '';
    if (become.password === undefined) {
      return { command: `${exe} ${flags} ${user}${inner}`, successMarker, needsPty: false };
    }
    // -n forbids prompting: drop it when a password is at hand, as Ansible does.
    const promptText = `[sudo via tsible, key=${key}] password:`;
    const withPrompt = flags.replace(/(^|\s)-n(?=\s|$)/, '').trim();
    return {
      command: `${exe} ${withPrompt} -p ${shellQuote(promptText)} ${user}${inner}`,
      successMarker,
      prompt: new RegExp(escapeRegExp(promptText)),
      needsPty: false,
    };
  }
  const exe = become.exe ?? 'su';
  const flags = become.flags ?? '';
  return {
    command: `${exe} ${flags ? `${flags} ` : ''}${shellQuote(become.user || 'root')} -c ${shellQuote(inner)}`,
    successMarker,
    prompt: /(Password|Passwort|Contraseña|Mot de passe|Пароль|密码|パスワード) ?(:|：) ?$/im,
    needsPty: true,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
