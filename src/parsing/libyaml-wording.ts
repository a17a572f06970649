import type { YAMLError } from 'yaml';

/** A YAML syntax error as Ansible reports it: libyaml's problem text and the offset its mark points at. */
export interface LibyamlProblem {
  message: string;
  offset: number;
}

/**
 * Ansible loads YAML with libyaml, so its syntax errors carry libyaml's words. The `yaml` package words them its own
 * way and often points elsewhere; only the errors where libyaml's words and position follow from the `yaml` error
 * are translated (checked against PyYAML's CSafeLoader), the rest keep the `yaml` package's text.
 */
export function libyamlProblem(error: YAMLError, text: string): LibyamlProblem {
  const offset = error.pos[0];
  const end = text.length;
  const atEnd = text.slice(offset).trim() === '';
  const flow = /^Flow (sequence|map) (?:in block collection must be sufficiently indented and )?(?:must )?end with a [\]}]$/.exec(error.message);
  if (flow && atEnd) {
    // an unclosed [ or { at the end of the stream: libyaml wanted a node after [ { , or :, else a , or the bracket
    const last = text.trimEnd().slice(-1);
    const close = flow[1] === 'sequence' ? ']' : '}';
    return { message: '[{,:'.includes(last) ? 'did not find expected node content' : `did not find expected ',' or '${close}'`, offset: end };
  }
  if (error.code === 'MISSING_CHAR' && /^Missing closing ["']quote$/.test(error.message) && atEnd) return { message: 'found unexpected end of stream', offset: end };
  if (error.code === 'BAD_SCALAR_START') return { message: 'found character that cannot start any token', offset };
  return { message: error.message, offset };
}
