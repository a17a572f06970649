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
    state: { enum: ['absent', 'present'], default: 'present' },
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
  doc: {
    shortDescription: 'Insert/update/remove a text block surrounded by marker lines',
    description: ['This module will insert/update/remove a block of multi-line text surrounded by customizable marker lines.'],
    options: {
      attributes: 'The attributes the resulting filesystem object should have. To get supported flags look at the man page for `chattr\' on the target system. This string should contain the attributes in the same order as the one displayed by `lsattr\'. The `=\' operator is assumed as default, otherwise `+\' or `-\' operators need to be included in the string.',
      backup: 'Create a backup file including the timestamp information so you can get the original file back if you somehow clobbered it incorrectly.',
      block: 'The text to insert inside the marker lines. If it is missing or an empty string, the block will be removed as if `state\' were specified to `absent\'.',
      create: 'Create a new file if it does not exist.',
      group: 'Name of the group that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current group of the current user unless you are root, in which case it can preserve the previous ownership.',
      insertafter: 'If specified and no begin/ending `marker\' lines are found, the block will be inserted after the last match of specified regular expression. A special value is available; `EOF\' for inserting the block at the end of the file. If specified regular expression has no matches, `EOF\' will be used instead. The presence of the multiline flag (?m) in the regular expression controls whether the match is done line by line or with multiple lines. This behaviour was added in ansible-core 2.14.',
      insertbefore: 'If specified and no begin/ending `marker\' lines are found, the block will be inserted before the last match of specified regular expression. A special value is available; `BOF\' for inserting the block at the beginning of the file. If specified regular expression has no matches, the block will be inserted at the end of the file. The presence of the multiline flag (?m) in the regular expression controls whether the match is done line by line or with multiple lines. This behaviour was added in ansible-core 2.14.',
      marker: 'The marker line template. `{mark}\' will be replaced with the values in `marker_begin\' (default="BEGIN") and `marker_end\' (default="END"). Using a custom marker without the `{mark}\' variable may result in the block being repeatedly inserted on subsequent playbook runs. Multi-line markers are not supported and will result in the block being repeatedly inserted on subsequent playbook runs. A newline is automatically appended by the module to `marker_begin\' and `marker_end\'.',
      marker_begin: 'This will be inserted at `{mark}\' in the opening ansible block marker.',
      marker_end: 'This will be inserted at `{mark}\' in the closing ansible block marker.',
      mode: 'The permissions the resulting filesystem object should have. For those used to `/usr/bin/chmod\' remember that modes are actually octal numbers. You must either add a leading zero so that Ansible\'s YAML parser knows it is an octal number (like `0644\' or `01777\') or quote it (like `\'644\'\' or `\'1777\'\') so Ansible receives a string and can do its own conversion from string into number. Giving Ansible a number without following one of these rules will end up with a decimal number which will have unexpected results. As of Ansible 1.8, the mode may be specified as a symbolic mode (for example, `u+rwx\' or `u=rw,g=r,o=r\'). If `mode\' is not specified and the destination filesystem object `does not\' exist, the default `umask\' on the system will be used when setting the mode for the newly created filesystem object. If `mode\' is not specified and the destination filesystem object `does\' exist, the mode of the existing filesystem object will be used. Specifying `mode\' is the best way to ensure filesystem objects are created with the correct permissions. See CVE-2020-1736 for further details.',
      owner: 'Name of the user that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current user unless you are root, in which case it can preserve the previous ownership. Specifying a numeric username will be assumed to be a user ID and not a username. Avoid numeric usernames to avoid this confusion.',
      path: 'The file to modify. Before Ansible 2.3 this option was only usable as `dest\', `destfile\' and `name\'.',
      selevel: 'The level part of the SELinux filesystem object context. This is the MLS/MCS attribute, sometimes known as the `range\'. When set to `_default\', it will use the `level\' portion of the policy if available.',
      serole: 'The role part of the SELinux filesystem object context. When set to `_default\', it will use the `role\' portion of the policy if available.',
      setype: 'The type part of the SELinux filesystem object context. When set to `_default\', it will use the `type\' portion of the policy if available.',
      seuser: 'The user part of the SELinux filesystem object context. By default it uses the `system\' policy, where applicable. When set to `_default\', it will use the `user\' portion of the policy if available.',
      state: 'Whether the block should be there or not.',
      unsafe_writes: 'Influence when to use atomic operation to prevent data corruption or inconsistent reads from the target filesystem object. By default this module uses atomic operations to prevent data corruption or inconsistent reads from the target filesystem objects, but sometimes systems are configured or just broken in ways that prevent this. One example is docker mounted filesystem objects, which cannot be updated atomically from inside the container and can only be written in an unsafe manner. This option allows Ansible to fall back to unsafe methods of updating filesystem objects when atomic operations fail (however, it doesn\'t force Ansible to perform unsafe writes). IMPORTANT! Unsafe writes are subject to race conditions and can lead to data corruption.',
      validate: 'The validation command to run before copying the updated file into the final destination. A temporary file path is used to validate, passed in through \'%s\' which must be present as in the examples below. Also, the command is passed securely so shell features such as expansion and pipes will not work. For an example on how to handle more complex validation than what this option provides, see R(handling complex validation,complex_configuration_validation).',
    },
    optionAliases: { attributes: ['attr'], block: ['content'], path: ['dest', 'destfile', 'name'] },
  },
  plan: planBlockinfile,
  apply: (plan, args, ctx) => applyLineEdit(plan, args, ctx, (result, backup) => (backup !== '' ? { ...result, backup_file: backup } : result)),
  checkResult: (plan) => plan.steps.result,
};
