// The templating API the rest of tsible uses: Ansible's Templar.template for playbook values, the template
// module's rendering, and conditionals. Jinja2 semantics by our own evaluator over nunjucks' parser.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isNumber, isUndefined, TemplateError, UndefinedVariableError, Unsafe, type TemplateContext } from './values.js';
import { escapeBackslashes } from './escape-backslashes.js';
import type { Environment } from './eval/environment.js';
import { Evaluator, UnknownPluginError } from './eval/evaluator.js';
import { Frame } from './eval/frame.js';
import { strict } from './eval/ops.js';
import { PyError } from './eval/py-error.js';
import { makeGlobals } from './jinja/globals.js';
import { literalEval } from './literal-eval.js';
import { templateOverrides } from './header-overrides.js';
import { syntaxError } from './syntax-error.js';
import { parseTemplate, type Node, type SyntaxOptions } from './parse/parser.js';
import { findFilter, findLookup, findTest } from './registry.js';
import { isUnsafeText, plainOf, type Taint } from './unsafe.js';

export { TemplateError, UndefinedVariableError } from './values.js';
export { findFilter, findLookup, findTest } from './registry.js';
export type { Taint } from './unsafe.js';

/** Where a template runs: paths for lookups and includes, and where warnings go. */
export interface TemplateOptions {
  /** dir relative lookups and includes resolve against @default process.cwd() */
  basedir?: string;
  /** dirs searched for `{% include %}`/`file` lookups, in order @default [] */
  searchPath?: string[];
  /** receives deprecation/lookup warnings @default ignore */
  warn?: (message: string) => void;
  /** told when an unsafe value flows into the result (src/template/unsafe.ts) @default not told */
  taint?: Taint;
}

/** Does this string need templating at all? Most argument strings do not, and skipping them is free. */
export function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

const astCache = new Map<string, Node>();

function parseCached(source: string, file: string | undefined, original: string, syntax: SyntaxOptions = {}): Node {
  const key = Object.keys(syntax).length ? `${JSON.stringify(syntax)}\0${source}` : source;
  const hit = astCache.get(key);
  if (hit) return hit;
  let tree: Node;
  try {
    tree = parseTemplate(source, syntax);
  } catch (error) {
    throw syntaxError(error, source, file, original);
  }
  if (astCache.size > 5000) astCache.clear();
  astCache.set(key, tree);
  return tree;
}

function makeEnvironment(vars: Record<string, unknown>, options: TemplateOptions): Environment {
  const basedir = options.basedir ?? process.cwd();
  const searchPath = options.searchPath ?? [];
  const ctx: TemplateContext = {
    vars,
    basedir,
    searchPath,
    render: (text) => renderTemplate(text, vars, options),
    template: (value) => templateValue(value, vars, options),
    warn: options.warn ?? (() => undefined),
    markUnsafe: () => {
      if (options.taint) options.taint.unsafe = true;
    },
  };
  return {
    filter: findFilter,
    test: findTest,
    globals: makeGlobals(ctx, findLookup),
    ctx,
    loadTemplate(name) {
      const dirs = isAbsolute(name) ? [''] : [...searchPath, basedir, join(basedir, 'templates')];
      for (const dir of dirs) {
        const file = dir ? join(dir, name) : name;
        if (existsSync(file)) return { source: readFileSync(file, 'utf8'), file };
      }
      return undefined;
    },
  };
}

/** Ansible's error texts for what escaped the evaluator. */
function ansibleError(error: unknown, original: string): unknown {
  if (error instanceof UnknownPluginError) {
    return new TemplateError(`template error while templating string: ${error.message}. String: ${original}. ${error.message}`, { cause: error });
  }
  if (error instanceof PyError && error.pyClass === 'TypeError') {
    return new TemplateError(`Unexpected templating type error occurred on (${original}): ${error.message}`, { cause: error });
  }
  if (error instanceof TemplateError) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new TemplateError(`recursive loop detected in template string: ${original}`, { cause: error });
  }
  if (error instanceof Error) return new TemplateError(error.message, { cause: error });
  return error;
}

function countTrailingNewlines(text: string): number {
  let n = 0;
  while (n < text.length && text[text.length - 1 - n] === '\n') n++;
  return n;
}

/** Jinja's render of one source string to text, with Ansible's trailing-newline preservation. */
function renderString(data: string, vars: Record<string, unknown>, options: TemplateOptions & { file?: string; escape: boolean }): string {
  return renderPieces(data, vars, options).text;
}

/** Render, and say whether the output was one piece from a string-type filter (Ansible's NativeJinjaText). */
function renderPieces(data: string, vars: Record<string, unknown>, options: TemplateOptions & { file?: string; escape: boolean }): { text: string; native: boolean } {
  const original = data;
  const { data: body, syntax } = templateOverrides(data);
  let source = options.escape ? escapeBackslashes(body) : body;
  source = source.replace(/\r\n?/g, '\n');
  if (source.endsWith('\n') && !syntax.keepTrailingNewline) source = source.slice(0, -1);
  const { keepTrailingNewline: _keep, ...parseOptions } = syntax;
  const tree = parseCached(source, options.file, original, parseOptions);
  const env = makeEnvironment(vars, options);
  let result: string;
  let native = false;
  try {
    const out: string[] = [];
    const evaluator = new Evaluator(env);
    evaluator.topOut = out;
    evaluator.renderNode(tree, new Frame(undefined, vars, env.globals, options.taint).child(), out);
    result = out.join('');
    native = out.length === 1 && evaluator.nativeText.has(0);
  } catch (error) {
    throw ansibleError(error, original);
  }
  const missing = countTrailingNewlines(original) - countTrailingNewlines(result);
  return { text: missing > 0 ? result + '\n'.repeat(missing) : result, native };
}

/** Python's `^{{\s*(\w*)\s*}}$` (where `$` also matches before a final newline). */
const SINGLE_VAR = /^\{\{\s*([\p{L}\p{N}_]*)\s*\}\}\n?$/u;

/** A var for the lone-`{{ var }}` shortcut; one whose template fails is left for the render to report. */
function readShortcut(vars: Record<string, unknown>, name: string): unknown {
  try {
    return vars[name];
  } catch (error) {
    if (error instanceof UndefinedVariableError) return undefined;
    throw error;
  }
}

function templateString(text: string, vars: Record<string, unknown>, options: TemplateOptions): unknown {
  if (!isTemplate(text)) return text;
  if (options.taint && isUnsafeText(text)) options.taint.unsafe = true;
  const only = SINGLE_VAR.exec(text);
  if (only && (only[1] as string) in vars) {
    const value = readShortcut(vars, only[1] as string);
    if (typeof value === 'boolean' || isNumber(value)) return value;
    if (value === null) return null;
  }
  const { text: out, native } = renderPieces(text, vars, { ...options, escape: true });
  if (native) return out;
  if (out.startsWith('{') || out.startsWith('[') || out === 'True' || out === 'False') {
    const parsed = literalEval(out);
    if (parsed.ok) return parsed.value;
  }
  return out;
}

/** Templar.template's walk: lists and dicts item by item (dict keys as they are), anything else given to `leaf`. */
function walk(value: unknown, leaf: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, leaf));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, leaf);
    return out;
  }
  return leaf(value);
}

/**
 * Ansible's Templar.template for a playbook value: strings are rendered (a lone `{{ var }}` keeps its type,
 * results that look like lists/dicts/bools become data), lists and dicts are walked, an unsafe value is handed out
 * as it is, anything else is returned.
 */
export function templateValue(value: unknown, vars: Record<string, unknown>, options: TemplateOptions = {}): unknown {
  return walk(value, (leaf) => {
    if (typeof leaf === 'string') return templateString(leaf, vars, options);
    if (!(leaf instanceof Unsafe)) return leaf;
    if (options.taint) options.taint.unsafe = true;
    return plainOf(leaf);
  });
}

/**
 * templateValue with Ansible's unsafe marks kept (wrap_var): each string whose render read an unsafe value comes
 * back wrapped in Unsafe, as does a value that was already; what set_fact stores and what a loop iterates.
 */
export function templateMarked(value: unknown, vars: Record<string, unknown>, options: TemplateOptions = {}): unknown {
  return walk(value, (leaf) => {
    if (typeof leaf !== 'string') return leaf;
    const taint: Taint = { unsafe: false };
    const out = templateString(leaf, vars, { ...options, taint });
    return taint.unsafe ? new Unsafe(out) : out;
  });
}

/** The template module: render a template file's text (no backslash escaping, trailing newlines kept). */
export function renderTemplate(text: string, vars: Record<string, unknown>, options: TemplateOptions & { file?: string } = {}): string {
  return renderString(text, vars, { ...options, escape: false });
}

/**
 * A `when:`/`changed_when:`/`failed_when:`/`until:` expression's value (callers apply truthiness). Like Ansible,
 * a conditional holding `{{ }}` is templated first; an undefined result is an error.
 */
export function evaluateExpression(expr: string, vars: Record<string, unknown>, options: TemplateOptions = {}): unknown {
  let text = expr;
  if (text === '') return '';
  if (isTemplate(text)) {
    const templated = templateValue(text, vars, options);
    if (typeof templated !== 'string' || templated === '') return templated;
    text = templated;
  }
  const source = `{{ ${text} }}`;
  const tree = parseCached(source, undefined, text);
  const output = (tree.children as Node[])[0];
  const expression = output?.typename === 'Output' && output.children.length === 1 ? (output.children[0] as Node) : undefined;
  if (!expression || (tree.children as Node[]).length !== 1) throw new TemplateError(`unable to evaluate conditional: ${expr}`);
  const env = makeEnvironment(vars, options);
  try {
    const value = new Evaluator(env).evaluate(expression, new Frame(undefined, vars, env.globals).child());
    return isUndefined(value) ? strict(value) : value;
  } catch (error) {
    throw ansibleError(error, source);
  }
}
