import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { compilePyRegex, expandPyTemplate } from '../src/template/ansible/py-regex.js';
import { applyLineEdit, checkFileAttrs, type FileAttrArgs, fileAttrSchema, type LineEditSteps, PATH_PROPERTIES, readFile, readLines } from './lib/line-edit.js';

export interface LineinfileArgs extends FileAttrArgs {
  path: string;
  line?: string;
  regexp?: string;
  search_string?: string;
  state?: 'present' | 'absent';
  insertafter?: string;
  insertbefore?: string;
  backrefs?: boolean;
  create?: boolean;
  backup?: boolean;
  firstmatch?: boolean;
  validate?: string;
}

/** What lineinfile plans (shared with the other line-editing modules). */
export type LineinfileSteps = LineEditSteps;

const schema = {
  type: 'object',
  properties: {
    ...PATH_PROPERTIES,
    line: { type: 'string' },
    value: { type: 'string' },
    regexp: { type: 'string' },
    regex: { type: 'string' },
    search_string: { type: 'string' },
    state: { enum: ['present', 'absent'], default: 'present' },
    insertafter: { type: 'string' },
    insertbefore: { type: 'string' },
    backrefs: { type: 'boolean', default: false },
    create: { type: 'boolean', default: false },
    backup: { type: 'boolean', default: false },
    firstmatch: { type: 'boolean', default: false },
    validate: { type: 'string' },
    ...fileAttrSchema,
  },
  anyOf: [{ required: ['path'] }, { required: ['dest'] }, { required: ['destfile'] }, { required: ['name'] }],
  additionalProperties: false,
} as const;

const fail = (msg: string, extra: ModuleResult = {}): Plan<LineinfileSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });
const search = (re: RegExp, s: string): RegExpExecArray | null => {
  re.lastIndex = 0;
  return re.exec(s);
};
const stripEol = (s: string): string => s.replace(/[\r\n]+$/, '');

/** lineinfile's present(): where the line goes, or what it replaces (ansible/modules/lineinfile.py). */
export function editPresent(lines: string[], args: LineinfileArgs): { lines: string[]; msg: string; changed: boolean } {
  const line = args.line ?? '';
  const { regexp, search_string: searchString, insertafter, insertbefore, firstmatch = false, backrefs = false } = args;
  const reM = regexp !== undefined ? compilePyRegex(regexp, {}, false) : undefined;
  const insPattern = insertafter !== undefined && insertafter !== 'BOF' && insertafter !== 'EOF' ? insertafter : insertbefore !== undefined && insertbefore !== 'BOF' ? insertbefore : undefined;
  const reIns = insPattern !== undefined ? compilePyRegex(insPattern, {}, false) : undefined;
  const index = [-1, -1];
  let match: RegExpExecArray | boolean | null = null;
  if (reM) {
    for (const [i, cur] of lines.entries()) {
      const m = search(reM, cur);
      if (m) {
        index[0] = i;
        match = m;
        if (firstmatch) break;
      }
    }
  }
  if (searchString !== undefined) {
    for (const [i, cur] of lines.entries()) {
      if (cur.includes(searchString)) {
        index[0] = i;
        match = true;
        if (firstmatch) break;
      }
    }
  }
  if (!match) {
    for (const [i, cur] of lines.entries()) {
      if (line === stripEol(cur)) {
        index[0] = i;
        // the line is already there: that wins over any insert point
      } else if (reIns && search(reIns, cur)) {
        if (insertafter) {
          index[1] = i + 1;
          if (firstmatch) break;
        }
        if (insertbefore) {
          index[1] = i;
          if (firstmatch) break;
        }
      }
    }
  }
  const out = [...lines];
  const added = { lines: out, msg: 'line added', changed: true };
  const same = { lines: out, msg: '', changed: false };
  const i0 = index[0] as number;
  const i1 = index[1] as number;
  if (i0 !== -1) {
    let newLine = backrefs && match && typeof match !== 'boolean' ? expandPyTemplate(line, match) : line;
    if (!newLine.endsWith('\n')) newLine += '\n';
    if (out[i0] !== newLine) {
      out[i0] = newLine;
      return { lines: out, msg: 'line replaced', changed: true };
    }
    return same;
  }
  if (backrefs) return same;
  if (insertbefore === 'BOF' || insertafter === 'BOF') {
    out.unshift(`${line}\n`);
    return added;
  }
  if (insertafter === 'EOF' || i1 === -1) {
    const last = out[out.length - 1];
    if (last !== undefined && !/[\n\r]$/.test(last)) out.push('\n');
    out.push(`${line}\n`);
    return added;
  }
  if (insertafter && i1 !== -1) {
    if (out.length === i1) {
      if (stripEol(out[i1 - 1] ?? '') !== line) {
        out.push(`${line}\n`);
        return added;
      }
      return same;
    }
    if (line !== stripEol(out[i1] ?? '')) {
      out.splice(i1, 0, `${line}\n`);
      return added;
    }
    return same;
  }
  out.splice(i1, 0, `${line}\n`);
  return added;
}

/** lineinfile's absent(): drop every matching line. */
export function editAbsent(lines: string[], args: LineinfileArgs): { lines: string[]; found: number } {
  const re = args.regexp !== undefined ? compilePyRegex(args.regexp, {}, false) : undefined;
  const kept = lines.filter((cur) => {
    const hit = re ? search(re, cur) !== null : args.search_string !== undefined ? cur.includes(args.search_string) : (args.line ?? '') === stripEol(cur);
    return !hit;
  });
  return { lines: kept, found: lines.length - kept.length };
}

/** Read once, decide on the controller. */
export async function planLineinfile(given: LineinfileArgs, ctx: ModuleContext): Promise<Plan<LineinfileSteps>> {
  const a = given as LineinfileArgs & Record<string, string | undefined>;
  const args: LineinfileArgs = { ...given, path: a.path ?? a.dest ?? a.destfile ?? a.name ?? '', line: a.line ?? a.value, regexp: a.regexp ?? a.regex };
  const { path } = args;
  const present = (args.state ?? 'present') === 'present';
  if (args.regexp !== undefined && args.search_string !== undefined) return fail('parameters are mutually exclusive: regexp|search_string');
  if (args.insertafter !== undefined && args.insertbefore !== undefined) return fail('parameters are mutually exclusive: insertbefore|insertafter');
  if (args.backrefs === true && args.regexp === undefined) return fail('regexp is required with backrefs=true');
  if (present && args.line === undefined) return fail('line is required with state=present');
  if (!present && args.regexp === undefined && args.search_string === undefined && args.line === undefined) return fail('one of line, search_string, or regexp is required with state=absent');
  const state = await readFile(path, ctx, args);
  if (state.kind === 'dir') return fail(`Path ${path} is a directory !`, { rc: 256 });
  const header = `${path} (content)`;
  const diff: ModuleResult = { before: '', after: '', before_header: header, after_header: header };
  let msg: string;
  let changed: boolean;
  let after: string;
  const extra: ModuleResult = {};
  if (present) {
    if (state.kind === 'missing' && args.create !== true) return fail(`Destination ${path} does not exist !`, { rc: 257 });
    const before = state.kind === 'file' ? state.content : '';
    const edit = editPresent(readLines(before), args);
    ({ msg, changed } = edit);
    after = edit.lines.join('');
    if (ctx.diff) Object.assign(diff, { before, after });
  } else {
    if (state.kind === 'missing') return { changed: false, reason: 'file not present', result: { changed: false, msg: 'file not present' } };
    const edit = editAbsent(readLines(state.content), args);
    changed = edit.found > 0;
    msg = changed ? `${edit.found} line(s) removed` : '';
    after = edit.lines.join('');
    extra.found = edit.found;
    if (ctx.diff) Object.assign(diff, { before: state.content, after });
  }
  const contentChanged = changed;
  if (state.kind === 'missing' && ctx.check) {
    const result = { changed, msg, backup: '', diff };
    return changed ? { changed: true, steps: { state, content: after, result }, result } : { changed: false, reason: 'no change', result };
  }
  const attrs = checkFileAttrs(state, args, path, msg, changed);
  ({ msg, changed } = attrs);
  const result: ModuleResult = { changed, ...extra, msg, backup: '', diff: [diff, attrs.attrDiff] };
  if (!changed) return { changed: false, reason: 'line already as requested', result };
  return { changed: true, steps: { state, content: contentChanged ? after : null, result }, result };
}

export const lineinfile: ModuleDefinition<LineinfileArgs, LineinfileSteps> = {
  name: 'ansible.builtin.lineinfile',
  aliases: ['lineinfile', 'ansible.legacy.lineinfile'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planLineinfile,
  // lineinfile always reports `backup`, empty when none was made
  apply: (plan, args, ctx) => applyLineEdit(plan, args, ctx, (result, backup) => ({ ...result, backup })),
  checkResult: (plan) => plan.steps.result,
};
