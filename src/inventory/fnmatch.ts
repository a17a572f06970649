const escapeRegExp = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The body of a `[...]` class as Python's fnmatch.translate writes it (ranges like z-a dropped). */
function classBody(pat: string, start: number, end: number): string {
  const raw = pat.slice(start, end);
  let stuff: string;
  if (!raw.includes('-')) {
    stuff = raw.replace(/\\/g, '\\\\');
  } else {
    const chunks: string[] = [];
    let i = start;
    let k = pat[start] === '!' ? start + 2 : start + 1;
    for (;;) {
      k = pat.indexOf('-', k);
      if (k < 0 || k >= end) break;
      chunks.push(pat.slice(i, k));
      i = k + 1;
      k = k + 3;
    }
    const chunk = pat.slice(i, end);
    if (chunk) chunks.push(chunk);
    else chunks[chunks.length - 1] += '-';
    for (let c = chunks.length - 1; c > 0; c--) {
      const prev = chunks[c - 1] as string;
      const cur = chunks[c] as string;
      if (prev.slice(-1) > cur.slice(0, 1)) {
        chunks[c - 1] = prev.slice(0, -1) + cur.slice(1);
        chunks.splice(c, 1);
      }
    }
    stuff = chunks.map((s) => s.replace(/\\/g, '\\\\').replace(/-/g, '\\-')).join('-');
  }
  return stuff.replace(/([&~|])/g, '\\$1');
}

/**
 * Python's fnmatch.translate as a JS RegExp: `*`, `?`, `[seq]`, `[!seq]`, case-sensitive,
 * anchored at both ends. Ansible matches host and group names against host patterns with it.
 */
export function fnmatchToRegExp(pat: string): RegExp {
  let res = '';
  let i = 0;
  const n = pat.length;
  while (i < n) {
    const c = pat[i] as string;
    i++;
    if (c === '*') {
      if (!res.endsWith('.*')) res += '.*';
    } else if (c === '?') {
      res += '.';
    } else if (c === '[') {
      let j = i;
      if (j < n && pat[j] === '!') j++;
      if (j < n && pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) {
        res += '\\[';
        continue;
      }
      let stuff = classBody(pat, i, j);
      i = j + 1;
      if (!stuff) res += '(?!)';
      else if (stuff === '!') res += '.';
      else {
        if (stuff[0] === '!') stuff = '^' + stuff.slice(1);
        else if (stuff[0] === '^' || stuff[0] === '[') stuff = '\\' + stuff;
        res += `[${stuff.replace(/]/g, '\\]')}]`;
      }
    } else {
      res += escapeRegExp(c);
    }
  }
  return new RegExp(`^(?:${res})$`, 's');
}
