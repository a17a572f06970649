const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;

/** Python's shlex raises ValueError with these texts; Ansible embeds them in its own messages. */
export class ShlexError extends Error {
  override name = 'ShlexError';
}

type State = ' ' | 'a' | "'" | '"' | '\\';

/**
 * Python's `shlex.split(s, comments, posix=True)`, which Ansible uses for INI host lines:
 * quotes group and are removed, `\` escapes, and with `comments` a `#` ends the line even mid-word.
 */
export function shlexSplit(input: string, comments = false): string[] {
  const tokens: string[] = [];
  let state: State = ' ';
  let escapedState = 'a' as State;
  let token = '';
  let quoted = false;

  const emit = (): void => {
    if (token !== '' || quoted) tokens.push(token);
    token = '';
    quoted = false;
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (state === "'" || state === '"') {
      quoted = true;
      if (ch === state) state = 'a';
      else if (ch === '\\' && state === '"') {
        escapedState = state;
        state = '\\';
      } else token += ch;
    } else if (state === '\\') {
      // Inside double quotes only the quote itself or the escape character may be escaped.
      if (escapedState === '"' && ch !== '\\' && ch !== escapedState) token += '\\';
      token += ch;
      state = escapedState;
    } else if (WHITESPACE.includes(ch)) {
      if (state === 'a') emit();
      state = ' ';
    } else if (comments && ch === '#') {
      const newline = input.indexOf('\n', i);
      if (state === 'a') emit();
      state = ' ';
      if (newline < 0) break;
      i = newline;
    } else if (ch === '\\') {
      escapedState = 'a';
      state = '\\';
    } else if (QUOTES.includes(ch)) {
      state = ch as State;
    } else {
      token += ch;
      state = 'a';
    }
  }
  if (state === "'" || state === '"') throw new ShlexError('No closing quotation');
  if (state === '\\') throw new ShlexError('No escaped character');
  emit();
  return tokens;
}
