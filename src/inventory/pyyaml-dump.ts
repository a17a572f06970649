// `yaml.dump(data, Dumper=AnsibleDumper, default_flow_style=False, allow_unicode=True)` as PyYAML writes it
// (emitter.py, serializer.py, representer.py): block style, sorted keys, width 80, &idNNN anchors for
// objects that appear twice. `ansible-inventory --yaml` prints exactly this, so tsible must too.

const BEST_WIDTH = 80;
const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

// PyYAML's implicit resolvers (resolver.py): a string that reads back as another type must be quoted
const NOT_STR = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\x08': 'b', '\t': 't', '\n': 'n', '\x0B': 'v', '\x0C': 'f', '\r': 'r',
  '\x1B': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\xA0': '_', '\u2028': 'L', '\u2029': 'P',
};

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

const isPrintableUnicode = (ch: string): boolean =>
  (ch === '\x85' || (ch >= '\xA0' && ch <= '\uD7FF') || (ch >= '\uE000' && ch <= '\uFFFD') || ch.codePointAt(0)! >= 0x10000) &&
  ch !== '\uFEFF';

/** emitter.py analyze_scalar, for block context with allow_unicode. */
function analyzeScalar(text: string): Analysis {
  const chars = Array.from(text);
  if (chars.length === 0) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1] as string);
  let previousSpace = false;
  let previousBreak = false;
  for (let index = 0; index < chars.length; index++) {
    const ch = chars[index] as string;
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === '\n' || (ch >= '\x20' && ch <= '\x7E')) && !isPrintableUnicode(ch)) special = true;
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = SPACE_OR_BREAK.includes(ch);
    followedByWhitespace = index + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[index + 2] as string);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks || blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}

/** Python's repr() of a float, as represent_float lower-cases it. */
function floatText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  let text = String(n);
  if (text.includes('e')) {
    const [mant, exp] = text.split('e') as [string, string];
    const e = Number(exp);
    text = `${mant.includes('.') ? mant : `${mant}.0`}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return text;
}

type Scalar = { text: string; implicit: boolean };

/** The representer: a JS value as (text, "plain would read it back as the same type"). */
function represent(value: unknown): Scalar {
  if (value === null || value === undefined) return { text: 'null', implicit: true };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', implicit: true };
  if (typeof value === 'number') return { text: Number.isInteger(value) ? String(value) : floatText(value), implicit: true };
  if (typeof value === 'bigint') return { text: value.toString(), implicit: true };
  const text = String(value);
  return { text, implicit: !NOT_STR.some((re) => re.test(text)) };
}

const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null;

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = 0;
  private readonly anchors = new Map<object, string>();
  private readonly emitted = new Set<object>();

  constructor(root: unknown) {
    this.findAnchors(root);
  }

  /** serializer.py anchor_node: an object met a second time gets the next `idNNN`, in output order. */
  private findAnchors(root: unknown): void {
    const seen = new Set<object>();
    const visit = (v: unknown): void => {
      if (!isCollection(v)) return;
      if (seen.has(v)) {
        if (!this.anchors.has(v)) this.anchors.set(v, `id${String(this.anchors.size + 1).padStart(3, '0')}`);
        return;
      }
      seen.add(v);
      if (Array.isArray(v)) v.forEach(visit);
      else for (const key of sortedKeys(v)) visit((v as Record<string, unknown>)[key]);
    };
    visit(root);
  }

  private write(data: string): void {
    this.out += data;
    this.column += Array.from(data).length;
  }

  private indicator(text: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? text : ` ${text}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  private lineBreak(): void {
    this.out += '\n';
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  /** One node at `indent` (the indent its block children would use); `inSequence`/`inMapping` as PyYAML's contexts. */
  node(value: unknown, indent: number, context: 'root' | 'sequence' | 'mapping'): void {
    if (isCollection(value)) {
      const anchor = this.anchors.get(value);
      if (anchor !== undefined && this.emitted.has(value)) {
        this.indicator(`*${anchor}`, true);
        return;
      }
      this.emitted.add(value);
      if (anchor !== undefined) this.indicator(`&${anchor}`, true);
      const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
      if (empty) {
        this.indicator(Array.isArray(value) ? '[' : '{', true, true);
        this.indicator(Array.isArray(value) ? ']' : '}', false);
        return;
      }
      if (Array.isArray(value)) {
        // a sequence that is a mapping value is not indented further (indentless)
        const itemIndent = context === 'mapping' && !this.indention ? indent : context === 'root' ? 0 : indent + 2;
        for (const item of value) {
          this.indent = itemIndent;
          this.writeIndent();
          this.indicator('-', true, false, true);
          this.node(item, itemIndent, 'sequence');
        }
      } else {
        const keyIndent = context === 'root' ? 0 : indent + 2;
        for (const key of sortedKeys(value)) {
          this.indent = keyIndent;
          this.writeIndent();
          const item = (value as Record<string, unknown>)[key];
          const keyText = represent(key);
          const analysis = analyzeScalar(keyText.text);
          if (!analysis.empty && !analysis.multiline && Array.from(keyText.text).length < 128) {
            this.scalar(keyText, true);
            this.indicator(':', false);
          } else {
            // check_simple_key fails: the `? key` / `: value` form
            this.indicator('?', true, false, true);
            this.indent = keyIndent + 2;
            this.scalar(keyText, false);
            this.indent = keyIndent;
            this.writeIndent();
            this.indicator(':', true, false, true);
          }
          this.node(item, keyIndent, 'mapping');
        }
      }
      return;
    }
    this.indent = indent + 2;
    this.scalar(represent(value), false);
  }

  private scalar(s: Scalar, simpleKey: boolean): void {
    const analysis = analyzeScalar(s.text);
    const split = !simpleKey;
    if (s.implicit && !(simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) {
      this.plain(s.text, split);
    } else if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) {
      this.singleQuoted(s.text, split);
    } else {
      this.doubleQuoted(s.text, split);
    }
  }

  private plain(text: string, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    this.runs(text, split, false);
  }

  private singleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    this.runs(text, split, true);
    this.indicator("'", false);
  }

  /** The shared loop of write_plain and write_single_quoted: words, single spaces that may wrap, breaks. */
  private runs(text: string, split: boolean, quoted: boolean): void {
    const chars = Array.from(text);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          const wrap = quoted ? start !== 0 && end !== chars.length : true;
          if (start + 1 === end && this.column > BEST_WIDTH && split && wrap) {
            this.writeIndent();
            if (!quoted) {
              this.whitespace = false;
              this.indention = false;
            }
          } else {
            this.write(chars.slice(start, end).join(''));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === '\n') this.lineBreak();
          for (const br of chars.slice(start, end)) {
            if (br === '\n') this.lineBreak();
            else {
              this.out += br;
              this.column = 0;
              this.whitespace = true;
              this.indention = true;
            }
          }
          this.writeIndent();
          if (!quoted) {
            this.whitespace = false;
            this.indention = false;
          }
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}`.includes(ch) || (quoted && ch === "'")) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
      }
      if (quoted && ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
  }

  private doubleQuoted(text: string, split: boolean): void {
    this.indicator('"', true);
    const chars = Array.from(text);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !((ch >= '\x20' && ch <= '\x7E') || (ch >= '\xA0' && ch <= '\uD7FF') || (ch >= '\uE000' && ch <= '\uFFFD'))) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          const code = ch.codePointAt(0) as number;
          const hex = (width: number): string => code.toString(16).toUpperCase().padStart(width, '0');
          this.write(ESCAPES[ch] !== undefined ? `\\${ESCAPES[ch]}` : code <= 0xff ? `\\x${hex(2)}` : code <= 0xffff ? `\\u${hex(4)}` : `\\U${hex(8)}`);
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.write(`${chars.slice(start, end).join('')}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === ' ') this.write('\\');
      }
    }
    this.indicator('"', false);
  }

  finish(): string {
    // expect_document_end: end the last line
    this.indent = 0;
    if (this.column > 0) this.lineBreak();
    return this.out;
  }
}

function sortedKeys(value: object): string[] {
  return Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** PyYAML's `yaml.dump(value, default_flow_style=False, allow_unicode=True)` text, ending in a newline. */
export function pyyamlDump(value: unknown): string {
  const emitter = new Emitter(value);
  emitter.node(value, 0, 'root');
  return emitter.finish();
}
