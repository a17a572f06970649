// What the evaluator needs from outside: filters, tests, globals, the context filters see, and a template loader.
import type { FilterFn, TemplateContext, TestFn } from '../values.js';

/** The pieces one render uses (built by src/template/index.ts). */
export interface Environment {
  filter(name: string): FilterFn | undefined;
  test(name: string): TestFn | undefined;
  globals: Record<string, unknown>;
  ctx: TemplateContext;
  /** source of an `{% include %}`/`{% import %}`d template, or undefined when not found */
  loadTemplate(name: string): { source: string; file: string } | undefined;
}
