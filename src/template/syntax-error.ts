// How a template that does not parse is reported: Jinja's message inside Ansible's wrapper.
import { TemplateError } from './values.js';

/** Jinja's TemplateSyntaxError text, wrapped the way Ansible wraps it (plus where, for multi-line sources). */
export function syntaxError(error: unknown, source: string, file: string | undefined, original: string): TemplateError {
  const raw = (error as Error).message;
  const at = /\[Line (\d+), Column (\d+)\]/.exec(raw);
  let message = raw.replace(/^\(unknown path\)\s*/, '').replace(/\[Line \d+, Column \d+\]\s*/, '').trim();
  message = message.replace(/^unknown block tag: (\S+)/, "Encountered unknown tag '$1'.");
  const lineno = (error as { lineno?: number }).lineno;
  const line = at ? Number(at[1]) : typeof lineno === 'number' ? lineno : 1;
  if (file) return new TemplateError(`template error while templating string: ${message}\n  File "${file}", line ${line}`, { cause: error });
  // AnsibleError's text: its message, then its original exception's (Jinja's, translated: the message alone)
  return new TemplateError(`template error while templating string: ${message}. String: ${original}. ${message}`, { cause: error });
}
