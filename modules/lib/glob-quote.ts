import { shellQuote } from '../../src/connection/shell-quote.js';

/** Quote a path for sh but leave its glob characters live, so the remote shell expands them as Python's glob would. */
export function globQuote(pattern: string): string {
  return pattern
    .split(/([*?]|\[[^\]/]*\])/)
    .map((part, index) => (index % 2 === 1 ? part : part === '' ? '' : shellQuote(part)))
    .join('');
}

/** A shell test that prints "yes" when `pattern` matches at least one existing path. */
export function globExistsScript(pattern: string): string {
  return `for f in ${globQuote(pattern)}; do if [ -e "$f" ] || [ -L "$f" ]; then echo yes; break; fi; done`;
}
