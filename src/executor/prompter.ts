/** Questions the playbook run may ask the user: vars_prompt and --step. */
export interface Prompter {
  /** stdin is a terminal (vars_prompt asks only then) */
  readonly interactive: boolean;
  /** Python's input(): the question on stdout, then a line of stdin; undefined when stdin has ended */
  line(question: string): Promise<string | undefined>;
  /** getpass: asked on the terminal, not echoed */
  secret(question: string): Promise<string>;
}

