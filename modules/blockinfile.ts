import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { compilePyRegex } from '../src/template/ansible/py-regex.js';
import { applyLineEdit, checkFileAttrs, type FileAttrArgs, fileAttrSchema, type LineEditSteps, PATH_PROPERTIES, readFile, splitLinesKeep } from './lib/line-edit.js';

export interface BlockinfileArgs extends FileAttrArgs {
  path: string;
  state?: 'present' | 'absent';
  marker?: string;
  block?: string;
  insertafter?: string;
  insertbefore?: string;
  create?: boolean;
  backup?: boolean;
  validate?: string;
  marker_begin?: string;
  marker_end?: string;
}

/** What blockinfile plans (shared with the other line-editing modules). */
export type BlockinfileSteps = LineEditSteps;

const schema = {
  type: 'object',
  properties: {
    ...PATH_PROPERTIES,
    state: { enum: ['present', 'absent'], default: 'present' },
    marker: { type: 'string', default: '# {mark} ANSIBLE MANAGED BLOCK' },
    block: { type: 'string', default: '' },
    content: { type: 'string' },
    insertafter: { type: 'string' },
    insertbefore: { type: 'string' },
    create: { type: 'boolean', default: false },
    backup: { type: 'boolean', default: false },
    validate: { type: 'string' },
    marker_begin: { type: 'string', default: 'BEGIN' },
    marker_end: { type: 'string', default: 'END' },
    ...fileAttrSchema,
  },
  additionalProperties: false,
} as const;

/** blockinfile's main(): the file with the block placed, replaced or removed (ansible/modules/blockinfile.py). */
export function editBlock(original: string | null, args: BlockinfileArgs): string {
  const present = (args.state ?? 'present') === 'present';
  const lines = original === null ? [] : splitLinesKeep(original);
  let { insertafter, insertbefore } = args;
  if (insertbefore === undefined && insertafter === undefined) insertafter = 'EOF';
  const insPattern = insertafter !== undefined && insertafter !== 'EOF' ? insertafter : insertbefore !== undefined && insertbefore !== 'BOF' ? insertbefore : undefined;
  const marker = args.marker ?? '# {mark} ANSIBLE MANAGED BLOCK';
  const marker0 = `${marker.replaceAll('{mark}', args.marker_begin ?? 'BEGIN')}\n`;
  const marker1 = `${marker.replaceAll('{mark}', args.marker_end ?? 'END')}\n`;
  let block = args.block ?? '';
  let blocklines: string[] = [];
  if (present && block !== '') {
    if (!block.endsWith('\n')) block += '\n';
    blocklines = [marker0, ...splitLinesKeep(block), marker1];
  }
  let n0: number | undefined;
  let n1: number | undefined;
  lines.forEach((l, i) => {
    if (l === marker0) n0 = i;
    if (l === marker1) n1 = i;
  });
  if (n0 === undefined || n1 === undefined) {
    n0 = undefined;
    if (insPattern !== undefined) {
      const re = compilePyRegex(insPattern, {}, false);
      if (re.multiline) {
        const m = re.exec(original ?? '');
        if (m) {
          const text = original ?? '';
          if (insertafter) n0 = (text.slice(0, m.index + m[0].length).match(/\n/g) ?? []).length;
          else if (insertbefore) n0 = (text.slice(0, m.index).match(/\n/g) ?? []).length;
        }
      } else {
        lines.forEach((l, i) => {
          re.lastIndex = 0;
          if (re.test(l)) n0 = i;
        });
      }
      if (n0 === undefined) n0 = lines.length;
      else if (insertafter !== undefined) n0 += 1;
    } else if (insertbefore !== undefined) n0 = 0;
    else n0 = lines.length;
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1);
  } else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  if (n0 > 0 && !(lines[n0 - 1] ?? '').endsWith('\n')) lines[n0 - 1] += '\n';
  lines.splice(n0, 0, ...blocklines);
  return lines.join('');
}

/** Read once, decide on the controller. */
export async function planBlockinfile(given: BlockinfileArgs, ctx: ModuleContext): Promise<Plan<BlockinfileSteps>> {
  const a = given as BlockinfileArgs & Record<string, string | undefined>;
  const args: BlockinfileArgs = { ...given, path: a.path ?? a.dest ?? a.destfile ?? a.name ?? '', block: a.block ?? a.content ?? '' };
  const { path } = args;
  const failWith = (msg: string, rc?: number): Plan<BlockinfileSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...(rc !== undefined ? { rc } : {}) } });
  if (args.insertafter !== undefined && args.insertbefore !== undefined) return failWith('parameters are mutually exclusive: insertbefore|insertafter');
  const state = await readFile(path, ctx, args);
  if (state.kind === 'dir') return failWith(`Path ${path} is a directory !`, 256);
  if (state.kind === 'missing' && args.create !== true) return failWith(`Path ${path} does not exist !`, 257);
  const present = (args.state ?? 'present') === 'present';
  if (!present && state.kind === 'missing') return { changed: false, reason: 'file not present', result: { changed: false, msg: `File ${path} not present` } };
  const original = state.kind === 'file' ? state.content : null;
  const result = editBlock(original, args);
  const header = `${path} (content)`;
  const diff: ModuleResult = { before: '', after: '', before_header: header, after_header: header };
  if (ctx.diff) Object.assign(diff, { before: original ?? '', after: result });
  let msg = '';
  let changed = false;
  if (original !== result) {
    changed = true;
    msg = original === null ? 'File created' : present && args.block !== '' ? 'Block inserted' : 'Block removed';
  }
  const contentChanged = changed;
  if (ctx.check && state.kind === 'missing') {
    const r = { changed, msg, diff };
    return changed ? { changed: true, steps: { state, content: result, result: r }, result: r } : { changed: false, reason: 'no change', result: r };
  }
  const attrs = checkFileAttrs(state, args, path, msg, changed);
  ({ msg, changed } = attrs);
  const r: ModuleResult = { changed, msg, diff: [diff, attrs.attrDiff] };
  if (!changed) return { changed: false, reason: 'block already as requested', result: r };
  return { changed: true, steps: { state, content: contentChanged ? result : null, result: r }, result: r };
}

export const blockinfile: ModuleDefinition<BlockinfileArgs, BlockinfileSteps> = {
  name: 'ansible.builtin.blockinfile',
  aliases: ['blockinfile', 'ansible.legacy.blockinfile'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planBlockinfile,
  apply: (plan, args, ctx) => applyLineEdit(plan, args, ctx, (result, backup) => (backup !== '' ? { ...result, backup_file: backup } : result)),
  checkResult: (plan) => plan.steps.result,
};
