import { readFileSync } from 'node:fs';
import { ParseError } from '../parsing/parse-error.js';
import type { Origin } from './types.js';

/**
 * AnsibleError._get_error_lines_from_file: the line at the position (the last line when YAML points past the end,
 * moving up over blank lines) and the one before it (empty on the first line).
 */
function errorLines(file: string, line: number): { target: string; prev: string } | undefined {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/(?<=\n)/).filter((l) => l !== '');
  if (lines.length === 0) return undefined;
  let index = Math.min(line - 1, lines.length - 1);
  while (index > 0 && (lines[index] as string).trim() === '') index--;
  return { target: lines[index] as string, prev: index > 0 ? (lines[index - 1] as string) : '' };
}

const position = (file: string, line: number, column: number): string =>
  `\n\nThe error appears to be in '${file}': line ${line}, column ${column}, but may\nbe elsewhere in the file depending on the exact syntax problem.`;

/**
 * Ansible's pointer into the file (AnsibleError._get_extended_error): where, then the offending line with a caret
 * under the column; when the line before holds `k=v`, Ansible points at its `=` instead and says why.
 */
export function describeOrigin(origin: Origin): string {
  let found: { target: string; prev: string } | undefined;
  try {
    found = errorLines(origin.file, origin.line);
  } catch {
    /* the file is gone: the position alone must do */
  }
  if (!found || found.target.trim() === '') return position(origin.file, origin.line, origin.column);
  const prev = found.prev.trimEnd();
  if (/\w+(\s+)?=(\s+)?[\w/-]+/u.test(found.prev)) {
    const at = prev.indexOf('=');
    return `${position(origin.file, origin.line - 1, at + 1)}\n\nThe offending line appears to be:\n\n${prev}\n${' '.repeat(at)}^ here\n\nThere appears to be both 'k=v' shorthand syntax and YAML in this task. Only one syntax may be used.\n`;
  }
  const arrow = `${' '.repeat(Math.max(0, origin.column - 1))}^ here`;
  return `${position(origin.file, origin.line, origin.column)}\n\nThe offending line appears to be:\n\n${prev}\n${found.target.trimEnd()}\n${arrow}\n`;
}

/** A playbook that cannot run as written (Ansible's AnsibleParserError, exit 4), with its position. */
export function playbookError(message: string, origin: Origin): ParseError {
  return new ParseError(`${message}${describeOrigin(origin)}`, { file: origin.file, line: origin.line, column: origin.column });
}

/** What Ansible raises as a plain AnsibleError while it loads (a role or file that is not there): exit 1, not 4. */
export function loadError(message: string): Error {
  return Object.assign(new Error(message), { userError: true });
}

/** DataLoader's words for a playbook or task file that is not there (AnsibleFileNotFound). */
export function fileNotFound(path: string): Error {
  return loadError(
    `Unable to retrieve file contents\nCould not find or access '${path}' on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`,
  );
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
