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
    state: { enum: ['absent', 'present'], default: 'present' },
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
  doc: {
    shortDescription: 'Manage lines in text files',
    description: ['This module ensures a particular line is in a file, or replace an existing line using a back-referenced regular expression.', 'This is primarily useful when you want to change a single line in a file only.', 'See the [ansible.builtin.replace] module if you want to change multiple, similar lines or check [ansible.builtin.blockinfile] if you want to insert/update/remove a block of lines in a file. For other cases, see the [ansible.builtin.copy] or [ansible.builtin.template] modules.'],
    options: {
      attributes: 'The attributes the resulting filesystem object should have. To get supported flags look at the man page for `chattr\' on the target system. This string should contain the attributes in the same order as the one displayed by `lsattr\'. The `=\' operator is assumed as default, otherwise `+\' or `-\' operators need to be included in the string.',
      backrefs: 'Used with `state=present\'. If set, `line\' can contain backreferences (both positional and named) that will get populated if the `regexp\' matches. This parameter changes the operation of the module slightly; `insertbefore\' and `insertafter\' will be ignored, and if the `regexp\' does not match anywhere in the file, the file will be left unchanged. If the `regexp\' does match, the last matching line will be replaced by the expanded line parameter. Mutually exclusive with `search_string\'.',
      backup: 'Create a backup file including the timestamp information so you can get the original file back if you somehow clobbered it incorrectly.',
      create: 'Used with `state=present\'. If specified, the file will be created if it does not already exist. By default it will fail if the file is missing.',
      firstmatch: 'Used with `insertafter\' or `insertbefore\'. If set, `insertafter\' and `insertbefore\' will work with the first line that matches the given regular expression.',
      group: 'Name of the group that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current group of the current user unless you are root, in which case it can preserve the previous ownership.',
      insertafter: 'Used with `state=present\'. If specified, the line will be inserted after the last match of specified regular expression. If the first match is required, use(firstmatch=yes). A special value is available; `EOF\' for inserting the line at the end of the file. If specified regular expression has no matches, EOF will be used instead. If `insertbefore\' is set, default value `EOF\' will be ignored. If regular expressions are passed to both `regexp\' and `insertafter\', `insertafter\' is only honored if no match for `regexp\' is found. May not be used with `backrefs\' or `insertbefore\'.',
      insertbefore: 'Used with `state=present\'. If specified, the line will be inserted before the last match of specified regular expression. If the first match is required, use `firstmatch=yes\'. A value is available; `BOF\' for inserting the line at the beginning of the file. If specified regular expression has no matches, the line will be inserted at the end of the file. If regular expressions are passed to both `regexp\' and `insertbefore\', `insertbefore\' is only honored if no match for `regexp\' is found. May not be used with `backrefs\' or `insertafter\'.',
      line: 'The line to insert/replace into the file. Required for `state=present\'. If `backrefs\' is set, may contain backreferences that will get expanded with the `regexp\' capture groups if the regexp matches.',
      mode: 'The permissions the resulting filesystem object should have. For those used to `/usr/bin/chmod\' remember that modes are actually octal numbers. You must either add a leading zero so that Ansible\'s YAML parser knows it is an octal number (like `0644\' or `01777\') or quote it (like `\'644\'\' or `\'1777\'\') so Ansible receives a string and can do its own conversion from string into number. Giving Ansible a number without following one of these rules will end up with a decimal number which will have unexpected results. As of Ansible 1.8, the mode may be specified as a symbolic mode (for example, `u+rwx\' or `u=rw,g=r,o=r\'). If `mode\' is not specified and the destination filesystem object `does not\' exist, the default `umask\' on the system will be used when setting the mode for the newly created filesystem object. If `mode\' is not specified and the destination filesystem object `does\' exist, the mode of the existing filesystem object will be used. Specifying `mode\' is the best way to ensure filesystem objects are created with the correct permissions. See CVE-2020-1736 for further details.',
      others: 'All arguments accepted by the [ansible.builtin.file] module also work here.',
      owner: 'Name of the user that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current user unless you are root, in which case it can preserve the previous ownership. Specifying a numeric username will be assumed to be a user ID and not a username. Avoid numeric usernames to avoid this confusion.',
      path: 'The file to modify. Before Ansible 2.3 this option was only usable as `dest\', `destfile\' and `name\'.',
      regexp: 'The regular expression to look for in every line of the file. For `state=present\', the pattern to replace if found. Only the last line found will be replaced. For `state=absent\', the pattern of the line(s) to remove. If the regular expression is not matched, the line will be added to the file in keeping with `insertbefore\' or `insertafter\' settings. When modifying a line the regexp should typically match both the initial state of the line as well as its state after replacement by `line\' to ensure idempotence. Uses Python regular expressions. See https://docs.python.org/3/library/re.html.',
      search_string: 'The literal string to look for in every line of the file. This does not have to match the entire line. For `state=present\', the line to replace if the string is found in the file. Only the last line found will be replaced. For `state=absent\', the line(s) to remove if the string is in the line. If the literal expression is not matched, the line will be added to the file in keeping with `insertbefore\' or `insertafter\' settings. Mutually exclusive with `backrefs\' and `regexp\'.',
      selevel: 'The level part of the SELinux filesystem object context. This is the MLS/MCS attribute, sometimes known as the `range\'. When set to `_default\', it will use the `level\' portion of the policy if available.',
      serole: 'The role part of the SELinux filesystem object context. When set to `_default\', it will use the `role\' portion of the policy if available.',
      setype: 'The type part of the SELinux filesystem object context. When set to `_default\', it will use the `type\' portion of the policy if available.',
      seuser: 'The user part of the SELinux filesystem object context. By default it uses the `system\' policy, where applicable. When set to `_default\', it will use the `user\' portion of the policy if available.',
      state: 'Whether the line should be there or not.',
      unsafe_writes: 'Influence when to use atomic operation to prevent data corruption or inconsistent reads from the target filesystem object. By default this module uses atomic operations to prevent data corruption or inconsistent reads from the target filesystem objects, but sometimes systems are configured or just broken in ways that prevent this. One example is docker mounted filesystem objects, which cannot be updated atomically from inside the container and can only be written in an unsafe manner. This option allows Ansible to fall back to unsafe methods of updating filesystem objects when atomic operations fail (however, it doesn\'t force Ansible to perform unsafe writes). IMPORTANT! Unsafe writes are subject to race conditions and can lead to data corruption.',
      validate: 'The validation command to run before copying the updated file into the final destination. A temporary file path is used to validate, passed in through \'%s\' which must be present as in the examples below. Also, the command is passed securely so shell features such as expansion and pipes will not work. For an example on how to handle more complex validation than what this option provides, see R(handling complex validation,complex_configuration_validation).',
    },
    optionAliases: { attributes: ['attr'], line: ['value'], path: ['dest', 'destfile', 'name'], regexp: ['regex'] },
  },
  plan: planLineinfile,
  // lineinfile always reports `backup`, empty when none was made
  apply: (plan, args, ctx) => applyLineEdit(plan, args, ctx, (result, backup) => ({ ...result, backup })),
  checkResult: (plan) => plan.steps.result,
};
