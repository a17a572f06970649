// Python's textwrap.wrap as Jinja's wordwrap filter calls it (expand_tabs and replace_whitespace off).

/** Wrap one line to `width` columns: greedy by chunks, hyphenated words may break after a hyphen. */
export function textwrap(text: string, width: number, breakLongWords: boolean, breakOnHyphens: boolean): string[] {
  const chunks: string[] = [];
  for (const piece of text.split(/(\s+)/)) {
    if (!piece) continue;
    if (/^\s+$/.test(piece) || !breakOnHyphens) chunks.push(piece);
    else chunks.push(...piece.split(/(?<=[^\s-]-)(?=[^\s-])/));
  }
  chunks.reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const line: string[] = [];
    let len = 0;
    if (lines.length && (chunks[chunks.length - 1] as string).trim() === '') chunks.pop();
    while (chunks.length) {
      const size = (chunks[chunks.length - 1] as string).length;
      if (len + size <= width) {
        line.push(chunks.pop() as string);
        len += size;
      } else break;
    }
    if (chunks.length && (chunks[chunks.length - 1] as string).length > width) {
      const chunk = chunks[chunks.length - 1] as string;
      const spaceLeft = Math.max(width - len, 1);
      if (breakLongWords) {
        let end = spaceLeft;
        if (breakOnHyphens && chunk.length > spaceLeft) {
          const hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
          if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
        }
        line.push(chunk.slice(0, end));
        chunks[chunks.length - 1] = chunk.slice(end);
      } else if (!line.length) {
        line.push(chunks.pop() as string);
      }
    }
    if (line.length && (line[line.length - 1] as string).trim() === '') line.pop();
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}
