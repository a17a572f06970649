/** Python's str.splitlines() for command output: what Ansible puts in stdout_lines / stderr_lines. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
