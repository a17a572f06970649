import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { compilePyRegex, pySub } from '../src/template/ansible/py-regex.js';
import { applyLineEdit, checkFileAttrs, type FileAttrArgs, fileAttrSchema, type LineEditSteps, PATH_PROPERTIES, readFile } from './lib/line-edit.js';

export interface ReplaceArgs extends FileAttrArgs {
  path: string;
  regexp: string;
  replace?: string;
  after?: string;
  before?: string;
  backup?: boolean;
  validate?: string;
  encoding?: string;
}

/** What replace plans (shared with the other line-editing modules). */
export type ReplaceSteps = LineEditSteps;

const schema = {
  type: 'object',
  properties: {
    ...PATH_PROPERTIES,
    regexp: { type: 'string' },
    replace: { type: 'string', default: '' },
    after: { type: 'string' },
    before: { type: 'string' },
    backup: { type: 'boolean', default: false },
    validate: { type: 'string' },
    encoding: { type: 'string', default: 'utf-8' },
    ...fileAttrSchema,
  },
  required: ['regexp'],
  additionalProperties: false,
} as const;

/** replace's main(): substitute in the whole file or in the after/before section; null when the section is not found. */
export function editReplace(contents: string, args: ReplaceArgs): { text: string; count: number } | { missing: string } {
  let pattern = '';
  if (args.after && args.before) pattern = `${args.after}(?P<subsection>.*?)${args.before}`;
  else if (args.after) pattern = `${args.after}(?P<subsection>.*)`;
  else if (args.before) pattern = `(?P<subsection>.*)${args.before}`;
  let section = contents;
  let start = 0;
  let end = contents.length;
  if (pattern) {
    const base = compilePyRegex(pattern, { dotall: true }, false);
    const m = new RegExp(base.source, `${base.flags}d`).exec(contents);
    if (!m) return { missing: pattern };
    const span = m.indices?.groups?.subsection;
    [start, end] = span ?? [0, 0];
    section = contents.slice(start, end);
  }
  const re = compilePyRegex(args.regexp, { multiline: true }, true);
  let count = 0;
  const replaced = pySub(new RegExp(re.source, re.flags), args.replace ?? '', section);
  for (const _ of section.matchAll(re)) count++;
  if (count > 0 && replaced !== section) return { text: contents.slice(0, start) + replaced + contents.slice(end), count };
  return { text: contents, count: 0 };
}

/** Read once, decide on the controller. */
export async function planReplace(given: ReplaceArgs, ctx: ModuleContext): Promise<Plan<ReplaceSteps>> {
  const a = given as ReplaceArgs & Record<string, string | undefined>;
  const args: ReplaceArgs = { ...given, path: a.path ?? a.dest ?? a.destfile ?? a.name ?? '' };
  const { path } = args;
  const state = await readFile(path, ctx, args);
  const failWith = (msg: string, rc: number): Plan<ReplaceSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, rc, msg } });
  if (state.kind === 'dir') return failWith(`Path ${path} is a directory !`, 256);
  if (state.kind === 'missing') return failWith(`Path ${path} does not exist !`, 257);
  const edit = editReplace(state.content, args);
  if ('missing' in edit) {
    const msg = `Pattern for before/after params did not match the given file: ${edit.missing}`;
    return { changed: false, reason: msg, result: { rc: 0, msg, changed: false } };
  }
  const result: ModuleResult = { rc: 0 };
  let changed = edit.count > 0;
  let msg = changed ? `${edit.count} replacements made` : '';
  if (changed && ctx.diff) result.diff = { before_header: path, before: state.content, after_header: path, after: edit.text };
  const contentChanged = changed;
  ({ msg, changed } = checkFileAttrs(state, args, path, msg, changed));
  Object.assign(result, { msg, changed });
  if (!changed) return { changed: false, reason: 'nothing to replace', result };
  return { changed: true, steps: { state, content: contentChanged ? edit.text : null, result }, result };
}

export const replace: ModuleDefinition<ReplaceArgs, ReplaceSteps> = {
  name: 'ansible.builtin.replace',
  aliases: ['replace', 'ansible.legacy.replace'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planReplace,
  apply: (plan, args, ctx) => applyLineEdit(plan, args, ctx, (result, backup) => (backup !== '' ? { ...result, backup_file: backup } : result)),
  checkResult: (plan) => plan.steps.result,
};
