import { colorWanted, stringc, type ColorName } from './color.js';

/** Where reporters write. Only this prints, so tests can capture everything a user would see. */
export interface Sink {
  out(text: string): void;
  err(text: string): void;
  readonly isTty: boolean;
  readonly columns: number;
}

export const processSink: Sink = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get isTty() {
    return process.stdout.isTTY === true;
  },
  get columns() {
    return process.stdout.columns ?? 0;
  },
};

/** Ansible's Display: lines with optional colour on stdout; warnings and errors, wrapped, on stderr. */
export class Display {
  readonly color: boolean;
  private readonly warned = new Set<string>();

  constructor(
    readonly sink: Sink = processSink,
    readonly verbosity = 0,
  ) {
    this.color = colorWanted(sink.isTty);
  }

  /** Ansible wraps messages at the terminal width less one, and at 79 off a terminal. */
  get columns(): number {
    return Math.max(79, this.sink.columns - 1);
  }

  /** A line of output; like Ansible's Display.display, a newline is added only when the text lacks one. */
  display(text: string, color?: ColorName, stderr = false): void {
    const shown = color && this.color ? stringc(text, color) : text;
    const line = text.endsWith('\n') ? shown : `${shown}\n`;
    if (stderr) this.sink.err(line);
    else this.sink.out(line);
  }

  /** `[WARNING]: ...`, once per distinct message, as Ansible dedupes them. */
  warning(message: string): void {
    const text = wrapText(`[WARNING]: ${message}`, this.columns);
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.display(text, 'warn', true);
  }

  /** `ERROR! ...` on stderr, as Ansible prints errors that end the run. */
  error(message: string): void {
    this.display(`ERROR! ${message}`, 'error', true);
  }

  /** Text already formatted (and coloured) by its producer, such as a diff: written as it is. */
  raw(text: string): void {
    if (text !== '') this.sink.out(text);
  }

  verbose(text: string, level: number): void {
    if (this.verbosity >= level) this.display(text, 'verbose');
  }
}

/** Python's textwrap.wrap on spaces (long words kept whole are broken, as textwrap does). */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    let line = '';
    for (let word of words) {
      while (word.length > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}
