/**
 * Compiles a Python `re` pattern for `re.match` semantics (anchored at the start only), translating
 * the syntax JavaScript spells differently. Returns undefined when it does not compile.
 */
export function compilePythonMatch(source: string): RegExp | undefined {
  let flags = '';
  let body = source.replace(/^\(\?([aiLmsux]+)\)/, (_whole, f: string) => {
    if (f.includes('i')) flags += 'i';
    if (f.includes('m')) flags += 'm';
    if (f.includes('s')) flags += 's';
    return '';
  });
  body = body
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  try {
    return new RegExp(`^(?:${body})`, flags);
  } catch {
    return undefined;
  }
}
