// What Ansible's default callback prints for a result's `diff` (CallbackBase._get_diff + difflib.unified_diff).
import { pythonJsonDumps } from './python-json.js';

export interface DiffTextOptions {
  /** lines of context around each change (ANSIBLE_DIFF_CONTEXT) @default 3 */
  context?: number;
  /** wrap +, - and @@ lines in Ansible's diff colours @default false */
  color?: boolean;
}

type Opcode = ['equal' | 'replace' | 'delete' | 'insert', number, number, number, number];

/** Python's difflib.SequenceMatcher (isjunk=None, autojunk=True), enough for get_grouped_opcodes. */
class SequenceMatcher {
  private readonly b2j = new Map<string, number[]>();

  constructor(private readonly a: string[], private readonly b: string[]) {
    b.forEach((elt, i) => {
      const list = this.b2j.get(elt);
      if (list) list.push(i);
      else this.b2j.set(elt, [i]);
    });
    if (b.length >= 200) {
      const ntest = Math.floor(b.length / 100) + 1;
      for (const [elt, idxs] of [...this.b2j]) if (idxs.length > ntest) this.b2j.delete(elt);
    }
  }

  private findLongestMatch(alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
    const { a, b } = this;
    let [besti, bestj, bestsize] = [alo, blo, 0];
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of this.b2j.get(a[i] as string) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
      }
      j2len = next;
    }
    // no junk set: only the "extend with equal non-junk elements" passes can apply (popular elements)
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) [besti, bestj, bestsize] = [besti - 1, bestj - 1, bestsize + 1];
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  private matchingBlocks(): [number, number, number][] {
    const la = this.a.length;
    const lb = this.b.length;
    const queue: [number, number, number, number][] = [[0, la, 0, lb]];
    const blocks: [number, number, number][] = [];
    while (queue.length > 0) {
      const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
      const [i, j, k] = this.findLongestMatch(alo, ahi, blo, bhi);
      if (k) {
        blocks.push([i, j, k]);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    let [i1, j1, k1] = [0, 0, 0];
    const out: [number, number, number][] = [];
    for (const [i2, j2, k2] of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) out.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) out.push([i1, j1, k1]);
    out.push([la, lb, 0]);
    return out;
  }

  opcodes(): Opcode[] {
    let i = 0;
    let j = 0;
    const answer: Opcode[] = [];
    for (const [ai, bj, size] of this.matchingBlocks()) {
      const tag = i < ai && j < bj ? 'replace' : i < ai ? 'delete' : j < bj ? 'insert' : '';
      if (tag) answer.push([tag, i, ai, j, bj]);
      [i, j] = [ai + size, bj + size];
      if (size) answer.push(['equal', ai, i, bj, j]);
    }
    return answer;
  }

  groupedOpcodes(n: number): Opcode[][] {
    let codes = this.opcodes();
    if (codes.length === 0) codes = [['equal', 0, 1, 0, 1]];
    const first = codes[0] as Opcode;
    if (first[0] === 'equal') codes[0] = ['equal', Math.max(first[1], first[2] - n), first[2], Math.max(first[3], first[4] - n), first[4]];
    const last = codes[codes.length - 1] as Opcode;
    if (last[0] === 'equal') codes[codes.length - 1] = ['equal', last[1], Math.min(last[2], last[1] + n), last[3], Math.min(last[4], last[3] + n)];
    const groups: Opcode[][] = [];
    let group: Opcode[] = [];
    for (const code of codes) {
      let [tag, i1, i2, j1, j2] = code;
      if (tag === 'equal' && i2 - i1 > n + n) {
        group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
        groups.push(group);
        group = [];
        [i1, j1] = [Math.max(i1, i2 - n), Math.max(j1, j2 - n)];
      }
      group.push([tag, i1, i2, j1, j2]);
    }
    if (group.length > 0 && !(group.length === 1 && group[0]?.[0] === 'equal')) groups.push(group);
    return groups;
  }
}

function formatRange(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return `${beginning}`;
  if (!length) beginning -= 1;
  return `${beginning},${length}`;
}

/** difflib.unified_diff(a, b, fromfile, tofile, n=context) with lineterm '\n': the lines it yields. */
export function unifiedDiff(a: string[], b: string[], fromfile: string, tofile: string, context = 3): string[] {
  const out: string[] = [];
  for (const group of new SequenceMatcher(a, b).groupedOpcodes(context)) {
    if (out.length === 0) out.push(`--- ${fromfile}\n`, `+++ ${tofile}\n`);
    const first = group[0] as Opcode;
    const last = group[group.length - 1] as Opcode;
    out.push(`@@ -${formatRange(first[1], last[2])} +${formatRange(first[3], last[4])} @@\n`);
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'equal') {
        for (const line of a.slice(i1, i2)) out.push(` ${line}`);
        continue;
      }
      if (tag === 'replace' || tag === 'delete') for (const line of a.slice(i1, i2)) out.push(`-${line}`);
      if (tag === 'replace' || tag === 'insert') for (const line of b.slice(j1, j2)) out.push(`+${line}`);
    }
  }
  return out;
}

/** Python's str.splitlines(keepends=True): every Unicode line boundary, \r\n as one. */
export function pySplitLinesKeep(text: string): string[] {
  const out: string[] = [];
  const re = /[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])|[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+$/gy;
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) out.push(m[0]);
  return out;
}

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

/** _serialize_diff with result_format=json: json.dumps(sort_keys, indent=4), ASCII-escaped. */
function serialize(value: Record<string, unknown>): string {
  const text = pythonJsonDumps(value, { indent: 4, sortKeys: true });
  return `${text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

const paint = (line: string, code: string, color: boolean): string =>
  color ? line.split('\n').map((part) => `\u001b[${code}m${part}\u001b[0m`).join('\n') : line;

const asText = (v: unknown): string => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/** CallbackBase._get_diff: the text for one result's `diff` (a dict or a list of them). */
export function diffBody(diff: unknown, options: DiffTextOptions = {}): string {
  const context = options.context ?? 3;
  const color = options.color ?? false;
  const list = Array.isArray(diff) ? diff : [diff];
  const ret: string[] = [];
  for (const d of list) {
    if (!isDict(d)) continue;
    if ('dst_binary' in d) ret.push('diff skipped: destination file appears to be binary\n');
    if ('src_binary' in d) ret.push('diff skipped: source file appears to be binary\n');
    if ('dst_larger' in d) ret.push(`diff skipped: destination file size is greater than ${Math.trunc(Number(d.dst_larger))}\n`);
    if ('src_larger' in d) ret.push(`diff skipped: source file size is greater than ${Math.trunc(Number(d.src_larger))}\n`);
    if ('before' in d && 'after' in d) {
      const side = (v: unknown): string => (isDict(v) ? serialize(v) : v === null || v === undefined ? '' : asText(v));
      const beforeHeader = 'before_header' in d ? `before: ${asText(d.before_header)}` : 'before';
      const afterHeader = 'after_header' in d ? `after: ${asText(d.after_header)}` : 'after';
      const beforeLines = pySplitLinesKeep(side(d.before));
      const afterLines = pySplitLinesKeep(side(d.after));
      for (const lines of [beforeLines, afterLines]) {
        const lastLine = lines[lines.length - 1];
        if (lastLine !== undefined && !lastLine.endsWith('\n')) lines[lines.length - 1] = `${lastLine}\n\\ No newline at end of file\n`;
      }
      const lines = unifiedDiff(beforeLines, afterLines, beforeHeader, afterHeader, context);
      for (const line of lines) {
        if (line.startsWith('+')) ret.push(paint(line, '0;32', color));
        else if (line.startsWith('-')) ret.push(paint(line, '0;31', color));
        else if (line.startsWith('@@')) ret.push(paint(line, '0;36', color));
        else ret.push(line);
      }
      if (lines.length > 0) ret.push('\n');
    }
    if ('prepared' in d) ret.push(asText(d.prepared));
  }
  return ret.join('');
}

/** Exactly what the default callback prints for a result's diff: '' when nothing, else the body, newline-terminated as Display.display makes it. */
export function renderDiff(diff: unknown, options: DiffTextOptions = {}): string {
  const body = diffBody(diff, options);
  if (body === '') return '';
  return body.endsWith('\n') ? body : `${body}\n`;
}

/** v2_on_file_diff: which diffs of a result print (changed results only; per item for loops). */
export function renderResultDiff(result: Record<string, unknown>, options: DiffTextOptions = {}): string {
  const one = (r: Record<string, unknown>): string => (r.diff && r.changed === true && (!Array.isArray(r.diff) || r.diff.length > 0) && (!isDict(r.diff) || Object.keys(r.diff).length > 0) ? renderDiff(r.diff, options) : '');
  if (Array.isArray(result.results)) return result.results.filter(isDict).map(one).join('');
  return one(result);
}
