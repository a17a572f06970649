import { readFileSync } from 'node:fs';
import { ParseError } from '../parsing/parse-error.js';
import type { Origin } from './types.js';

/** Ansible's pointer into the file: where, then the offending line with a caret under the column. */
export function describeOrigin(origin: Origin): string {
  let excerpt = '';
  try {
    const lines = readFileSync(origin.file, 'utf8').split('\n');
    const target = lines[origin.line - 1];
    if (target !== undefined) {
      const before = origin.line >= 2 ? `${lines[origin.line - 2]}\n` : '';
      excerpt = `\n\nThe offending line appears to be:\n\n${before}${target}\n${' '.repeat(Math.max(0, origin.column - 1))}^ here\n`;
    }
  } catch {
    /* the file is gone: the position alone must do */
  }
  return `\n\nThe error appears to be in '${origin.file}': line ${origin.line}, column ${origin.column}, but may\nbe elsewhere in the file depending on the exact syntax problem.${excerpt}`;
}

/** A playbook that cannot run as written (Ansible's AnsibleParserError, exit 4), with its position. */
export function playbookError(message: string, origin: Origin): ParseError {
  return new ParseError(`${message}${describeOrigin(origin)}`, { file: origin.file, line: origin.line, column: origin.column });
}

/** A YAML syntax error in a playbook, worded as Ansible's loader words it, with the offending line. */
export function yamlSyntaxError(error: ParseError, text: string): ParseError {
  const position = error.position;
  if (!position || position.line === undefined) return error;
  const problem = error.message.replace(/^Syntax Error while loading YAML\.\s*/, '').replace(/\s*\([^()]*, line \d+, column \d+\)$/, '');
  const json = /^\s*[[{]/.test(text) ? 'JSON: the file is not valid JSON either' : 'JSON: Expecting value: line 1 column 1 (char 0)';
  const origin: Origin = { file: position.file, line: position.line, column: position.column ?? 1 };
  return new ParseError(
    `We were unable to read either as JSON nor YAML, these are the errors we got from each:\n${json}\n\nSyntax Error while loading YAML.\n  ${problem}${describeOrigin(origin)}`,
    position,
    { cause: error },
  );
}
