/** Where the live line goes: a terminal on stderr, so stdout stays exactly Ansible's output. */
export interface LiveTerminal {
  readonly isTty: boolean;
  write(text: string): void;
}

export const stderrTerminal: LiveTerminal = {
  get isTty() {
    return process.stderr.isTTY === true;
  },
  write: (text) => process.stderr.write(text),
};

/** On a TTY, one status line under the output: the running task and how many hosts are done. Off a TTY, nothing. */
export class LiveLine {
  private task = '';
  private total = 0;
  private done = 0;
  private shown = false;

  constructor(private readonly terminal: LiveTerminal = stderrTerminal) {}

  start(task: string, total: number): void {
    this.task = task;
    this.total = total;
    this.done = 0;
    this.draw();
  }

  hostDone(): void {
    this.done += 1;
    if (this.done >= this.total) this.clear();
    else this.draw();
  }

  /** Call before printing anything else, so the line never mixes with real output. */
  clear(): void {
    if (!this.shown) return;
    this.terminal.write('\r\u001b[K');
    this.shown = false;
  }

  private draw(): void {
    if (!this.terminal.isTty || this.total === 0) return;
    this.terminal.write(`\r\u001b[K  ${this.task}: ${this.done}/${this.total} hosts done`);
    this.shown = true;
  }
}
