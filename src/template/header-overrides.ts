// Ansible's `#jinja2:` first line in a template: per-template Jinja environment overrides.
import { TemplateError } from './values.js';
import { literalEval } from './literal-eval.js';
import type { SyntaxOptions } from './parse/parser.js';

/** Settings a template header may change. */
export type HeaderSettings = SyntaxOptions & { keepTrailingNewline?: boolean };

const OVERRIDES: Record<string, (syntax: HeaderSettings, value: unknown) => void> = {
  trim_blocks: (o, v) => (o.trimBlocks = Boolean(v)),
  lstrip_blocks: (o, v) => (o.lstripBlocks = Boolean(v)),
  keep_trailing_newline: (o, v) => (o.keepTrailingNewline = Boolean(v)),
  block_start_string: (o, v) => (o.tags = { ...o.tags, blockStart: String(v) }),
  block_end_string: (o, v) => (o.tags = { ...o.tags, blockEnd: String(v) }),
  variable_start_string: (o, v) => (o.tags = { ...o.tags, variableStart: String(v) }),
  variable_end_string: (o, v) => (o.tags = { ...o.tags, variableEnd: String(v) }),
  comment_start_string: (o, v) => (o.tags = { ...o.tags, commentStart: String(v) }),
  comment_end_string: (o, v) => (o.tags = { ...o.tags, commentEnd: String(v) }),
};

/** Ansible's `#jinja2: trim_blocks: False, lstrip_blocks: True` first line: environment overrides for one template. */
export function templateOverrides(data: string): { data: string; syntax: HeaderSettings } {
  const syntax: HeaderSettings = {};
  if (!data.startsWith('#jinja2:')) return { data, syntax };
  const eol = data.indexOf('\n');
  const line = data.slice('#jinja2:'.length, eol < 0 ? undefined : eol);
  for (const pair of line.split(',')) {
    const at = pair.indexOf(':');
    if (at < 0) throw new TemplateError(`failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`);
    const parsed = literalEval(pair.slice(at + 1).trim());
    OVERRIDES[pair.slice(0, at).trim()]?.(syntax, parsed.ok ? parsed.value : pair.slice(at + 1).trim());
  }
  return { data: eol < 0 ? '' : data.slice(eol + 1), syntax };
}
