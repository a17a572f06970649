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
  doc: {
    shortDescription: 'Replace all instances of a particular string in a file using a back-referenced regular expression',
    description: ['This module will replace all instances of a pattern within a file.', 'It is up to the user to maintain idempotence by ensuring that the same pattern would never match any replacements made.'],
    options: {
      after: 'If specified, only content after this match will be replaced/removed. Can be used in combination with `before\'. Uses Python regular expressions; see https://docs.python.org/3/library/re.html. Uses DOTALL, which means the `.\' special character `can match newlines\'.',
      attributes: 'The attributes the resulting filesystem object should have. To get supported flags look at the man page for `chattr\' on the target system. This string should contain the attributes in the same order as the one displayed by `lsattr\'. The `=\' operator is assumed as default, otherwise `+\' or `-\' operators need to be included in the string.',
      backup: 'Create a backup file including the timestamp information so you can get the original file back if you somehow clobbered it incorrectly.',
      before: 'If specified, only content before this match will be replaced/removed. Can be used in combination with `after\'. Uses Python regular expressions; see https://docs.python.org/3/library/re.html. Uses DOTALL, which means the `.\' special character `can match newlines\'.',
      encoding: 'The character encoding for reading and writing the file.',
      group: 'Name of the group that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current group of the current user unless you are root, in which case it can preserve the previous ownership.',
      mode: 'The permissions the resulting filesystem object should have. For those used to `/usr/bin/chmod\' remember that modes are actually octal numbers. You must either add a leading zero so that Ansible\'s YAML parser knows it is an octal number (like `0644\' or `01777\') or quote it (like `\'644\'\' or `\'1777\'\') so Ansible receives a string and can do its own conversion from string into number. Giving Ansible a number without following one of these rules will end up with a decimal number which will have unexpected results. As of Ansible 1.8, the mode may be specified as a symbolic mode (for example, `u+rwx\' or `u=rw,g=r,o=r\'). If `mode\' is not specified and the destination filesystem object `does not\' exist, the default `umask\' on the system will be used when setting the mode for the newly created filesystem object. If `mode\' is not specified and the destination filesystem object `does\' exist, the mode of the existing filesystem object will be used. Specifying `mode\' is the best way to ensure filesystem objects are created with the correct permissions. See CVE-2020-1736 for further details.',
      others: 'All arguments accepted by the [ansible.builtin.file] module also work here.',
      owner: 'Name of the user that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current user unless you are root, in which case it can preserve the previous ownership. Specifying a numeric username will be assumed to be a user ID and not a username. Avoid numeric usernames to avoid this confusion.',
      path: 'The file to modify. Before Ansible 2.3 this option was only usable as `dest\', `destfile\' and `name\'.',
      regexp: 'The regular expression to look for in the contents of the file. Uses Python regular expressions; see https://docs.python.org/3/library/re.html. Uses MULTILINE mode, which means `^\' and `$\' match the beginning and end of the file, as well as the beginning and end respectively of `each line\' of the file. Does not use DOTALL, which means the `.\' special character matches any character `except newlines\'. A common mistake is to assume that a negated character set like `[^#]\' will also not match newlines. In order to exclude newlines, they must be added to the set like `[^#\\n]\'. Note that, as of Ansible 2.0, short form tasks should have any escape sequences backslash-escaped in order to prevent them being parsed as string literal escapes. See the examples.',
      replace: 'The string to replace regexp matches. May contain backreferences that will get expanded with the regexp capture groups if the regexp matches. If not set, matches are removed entirely. Backreferences can be used ambiguously like `\\1\', or explicitly like `\\g<1>\'.',
      selevel: 'The level part of the SELinux filesystem object context. This is the MLS/MCS attribute, sometimes known as the `range\'. When set to `_default\', it will use the `level\' portion of the policy if available.',
      serole: 'The role part of the SELinux filesystem object context. When set to `_default\', it will use the `role\' portion of the policy if available.',
      setype: 'The type part of the SELinux filesystem object context. When set to `_default\', it will use the `type\' portion of the policy if available.',
      seuser: 'The user part of the SELinux filesystem object context. By default it uses the `system\' policy, where applicable. When set to `_default\', it will use the `user\' portion of the policy if available.',
      unsafe_writes: 'Influence when to use atomic operation to prevent data corruption or inconsistent reads from the target filesystem object. By default this module uses atomic operations to prevent data corruption or inconsistent reads from the target filesystem objects, but sometimes systems are configured or just broken in ways that prevent this. One example is docker mounted filesystem objects, which cannot be updated atomically from inside the container and can only be written in an unsafe manner. This option allows Ansible to fall back to unsafe methods of updating filesystem objects when atomic operations fail (however, it doesn\'t force Ansible to perform unsafe writes). IMPORTANT! Unsafe writes are subject to race conditions and can lead to data corruption.',
      validate: 'The validation command to run before copying the updated file into the final destination. A temporary file path is used to validate, passed in through \'%s\' which must be present as in the examples below. Also, the command is passed securely so shell features such as expansion and pipes will not work. For an example on how to handle more complex validation than what this option provides, see R(handling complex validation,complex_configuration_validation).',
    },
    optionAliases: { attributes: ['attr'], path: ['dest', 'destfile', 'name'] },
    examples: `- name: Replace old hostname with new hostname (requires Ansible >= 2.4)
  ansible.builtin.replace:
    path: /etc/hosts
    regexp: '(\\s+)old\\.host\\.name(\\s+.*)?$'
    replace: '\\1new.host.name\\2'
`,
  },
  plan: planReplace,
  apply: (plan, args, ctx) => applyLineEdit(plan, args, ctx, (result, backup) => (backup !== '' ? { ...result, backup_file: backup } : result)),
  checkResult: (plan) => plan.steps.result,
};
