// Python exceptions raised while evaluating (TypeError, ValueError, ...): Ansible reports TypeErrors with its own prefix.
import { TemplateError } from '../values.js';

/** A Python exception by class name; the public API turns it into Ansible's message. */
export class PyError extends TemplateError {
  constructor(
    readonly pyClass: 'TypeError' | 'TemplateNotFound' | 'ValueError' | 'ZeroDivisionError' | 'KeyError' | 'IndexError' | 'AttributeError' | 'OverflowError',
    message: string,
  ) {
    super(message);
  }
}

/** Shorthand for the most common one. */
export function typeError(message: string): PyError {
  return new PyError('TypeError', message);
}
