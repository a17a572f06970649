/** Where in a source file a problem was found (1-based line/column, like Ansible prints them). */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

/**
 * A load-time error in user input (inventory, argument string, YAML): Ansible's AnsibleParserError.
 * The message already names the place, e.g. `/path/inv:7: Expected key=value ...`.
 */
export class ParseError extends Error {
  override name = 'ParseError';
  readonly position: SourcePosition | undefined;

  constructor(message: string, position?: SourcePosition, options?: { cause?: unknown }) {
    super(message, options);
    this.position = position;
  }
}
