import { readFileSync, statSync } from 'node:fs';
import { vaultSourceBytes } from './lib/vault-source.js';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ActionFailure, type ModuleContext, type ModuleDefinition, type Plan } from '../src/executor/module-contract.js';
import { renderTemplate } from '../src/template/index.js';
import { UndefinedVariableError } from '../src/template/values.js';
import { applyCopy, copyCheckResult, copySchema, planCopy, type CopyArgs, type CopySteps } from './copy.js';
import { findSource, sourceNotFound, taskSearchPath, taskVars } from './lib/find-source.js';
import { nowMicros, pythonDatetime } from './lib/python-time.js';

export interface TemplateArgs extends Omit<CopyArgs, 'content' | 'src'> {
  src: string;
  newline_sequence?: '\n' | '\r' | '\r\n';
  trim_blocks?: boolean;
  lstrip_blocks?: boolean;
  variable_start_string?: string;
  variable_end_string?: string;
  block_start_string?: string;
  block_end_string?: string;
  comment_start_string?: string;
  comment_end_string?: string;
  output_encoding?: string;
  state?: string;
}

const { content: _content, remote_src: _remote, directory_mode: _dm, local_follow: _lf, checksum: _ck, decrypt: _dec, ...fileProps } = copySchema.properties;

export const templateSchema = {
  type: 'object',
  properties: {
    ...fileProps,
    src: { type: 'string' },
    newline_sequence: { type: 'string', enum: ['\n', '\r', '\r\n'], default: '\n' },
    trim_blocks: { type: 'boolean', default: true },
    lstrip_blocks: { type: 'boolean', default: false },
    variable_start_string: { type: 'string' },
    variable_end_string: { type: 'string' },
    block_start_string: { type: 'string' },
    block_end_string: { type: 'string' },
    comment_start_string: { type: 'string' },
    comment_end_string: { type: 'string' },
    output_encoding: { type: 'string', default: 'utf-8' },
    state: {},
  },
  required: ['src', 'dest'],
  additionalProperties: false,
} as const;

/** Ansible's `DEFAULT_MANAGED_STR`, read defensively until ModuleContext carries the configured one. */
function managedString(ctx: ModuleContext): string {
  return (ctx as { ansibleManaged?: string }).ansibleManaged ?? 'Ansible managed';
}

/** The task's args as a `#jinja2:` header, so they apply under the template's own header (which wins, as in Ansible). */
function argsHeader(args: TemplateArgs, text: string): string {
  const pairs: string[] = [];
  const py = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
  for (const key of ['trim_blocks', 'lstrip_blocks', 'variable_start_string', 'variable_end_string', 'block_start_string', 'block_end_string', 'comment_start_string', 'comment_end_string'] as const) {
    if (args[key] !== undefined) pairs.push(`${key}: ${py(args[key])}`);
  }
  if (pairs.length === 0) return text;
  if (text.startsWith('#jinja2:')) return `#jinja2: ${pairs.join(', ')},${text.slice('#jinja2:'.length)}`;
  return `#jinja2: ${pairs.join(', ')}\n${text}`;
}

/** template: render on the controller with the task's vars, then hand the text to copy's plan. */
export async function planTemplate(args: TemplateArgs, ctx: ModuleContext): Promise<Plan<CopySteps>> {
  const failed = (msg: string): Plan<CopySteps> => ({ changed: false, reason: msg, result: { failed: true, msg } });
  if (args.state !== undefined) return failed("'state' cannot be specified on a template");
  const searchPath = taskSearchPath(ctx);
  const full = findSource(args.src, 'templates', searchPath);
  if (full === undefined) throw sourceNotFound(args.src, 'templates', ctx);
  // a vault-encrypted template is decrypted on the controller first (DataLoader.get_real_file)
  const bytes = vaultSourceBytes(full) ?? readFileSync(full);
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').compare(bytes) !== 0) return failed('Template source files must be utf-8 encoded');
  const st = statSync(full);
  const mtime = pythonDatetime(Math.round(st.mtimeMs * 1000));
  let uid: string;
  try {
    uid = userInfo().uid === st.uid ? userInfo().username : String(st.uid);
  } catch {
    uid = String(st.uid);
  }
  const managed = strftime(managedString(ctx).replace('{host}', hostname()).replace('{uid}', uid).replace('{file}', full), new Date(st.mtimeMs));
  const vars = {
    ...taskVars(ctx),
    template_host: hostname(),
    template_path: args.src,
    template_fullpath: full,
    template_mtime: mtime,
    template_uid: uid,
    template_run_date: pythonDatetime(nowMicros()),
    template_destpath: args.dest,
    ansible_managed: managed,
  };
  let rendered: string;
  try {
    // {% include %} and {% import %} look in each dir's templates/ then the dir, and beside the template (the template action's searchpath)
    const includePath = [...searchPath, dirname(full)].flatMap((dir) => [join(dir, 'templates'), dir]);
    rendered = renderTemplate(argsHeader(args, text), vars, { file: full, basedir: searchPath[searchPath.length - 1] ?? process.cwd(), searchPath: includePath });
  } catch (error) {
    throw renderFailure(error, full, text);
  }
  const nl = args.newline_sequence ?? '\n';
  if (nl !== '\n') rendered = rendered.replace(/\n/g, nl);
  const { newline_sequence: _n, trim_blocks: _t, lstrip_blocks: _l, variable_start_string: _a, variable_end_string: _b, block_start_string: _c, block_end_string: _d, comment_start_string: _e, comment_end_string: _f, output_encoding: _o, state: _s, ...copyArgs } = args;
  return planCopy({ ...copyArgs, src: undefined }, ctx, { data: Buffer.from(rendered, 'utf8'), label: full, basename: basename(args.src), mode: st.mode & 0o7777 });
}

/**
 * The template action's failure to render: `<exception class>: <text>`, and the traceback it keeps (the output shows
 * its last line). Ansible renders the file's whole text as one string, so a syntax error quotes it whole.
 */
function renderFailure(error: unknown, file: string, text: string): ActionFailure {
  let kind = 'AnsibleError';
  let message = (error as Error).message;
  if (error instanceof UndefinedVariableError) {
    kind = 'AnsibleUndefinedVariable';
    message = error.ansibleText;
  } else {
    const inFile = /^template error while templating string: (.*)\n {2}File "(.*)", line \d+$/s.exec(message);
    if (inFile && inFile[2] === file) message = `template error while templating string: ${inFile[1]}. String: ${text}. ${inFile[1]}`;
  }
  return new ActionFailure({ changed: false, failed: true, msg: `${kind}: ${message}`, exception: `Traceback (most recent call last):\nansible.errors.${kind}: ${message}` });
}

/** The few strftime codes an ansible_managed string uses. */
function strftime(format: string, date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const map: Record<string, string> = {
    Y: String(date.getFullYear()),
    m: pad(date.getMonth() + 1),
    d: pad(date.getDate()),
    H: pad(date.getHours()),
    M: pad(date.getMinutes()),
    S: pad(date.getSeconds()),
    '%': '%',
  };
  return format.replace(/%([YmdHMS%])/g, (_, c: string) => map[c] ?? '');
}

export const template: ModuleDefinition<TemplateArgs, CopySteps> = {
  name: 'ansible.builtin.template',
  aliases: ['template', 'ansible.legacy.template'],
  freeForm: false,
  // discovered_interpreter_python: in check mode the action reports a change before its module runs
  pythonFact: 'unless-check-change',
  output: 'json',
  schema: templateSchema,
  doc: {
    shortDescription: 'Template a file out to a target host',
    description: ['Templates are processed by the Jinja2 templating language.', 'Documentation on the template formatting can be found in the Template Designer Documentation.', 'Additional variables listed below can be used in templates.', '`ansible_managed\' (configurable via the `defaults\' section of `ansible.cfg\') contains a string which can be used to describe the template name, host, modification time of the template file and the owner uid.', '`template_host\' contains the node name of the template\'s machine.', '`template_uid\' is the numeric user id of the owner.', '`template_path\' is the path of the template.', '`template_fullpath\' is the absolute path of the template.', '`template_destpath\' is the path of the template on the remote system (added in 2.8).', '`template_run_date\' is the date that the template was rendered.'],
    options: {
      attributes: 'The attributes the resulting filesystem object should have. To get supported flags look at the man page for `chattr\' on the target system. This string should contain the attributes in the same order as the one displayed by `lsattr\'. The `=\' operator is assumed as default, otherwise `+\' or `-\' operators need to be included in the string.',
      backup: 'Create a backup file including the timestamp information so you can get the original file back if you somehow clobbered it incorrectly.',
      block_end_string: 'The string marking the end of a block.',
      block_start_string: 'The string marking the beginning of a block.',
      comment_end_string: 'The string marking the end of a comment statement.',
      comment_start_string: 'The string marking the beginning of a comment statement.',
      dest: 'Location to render the template to on the remote machine.',
      follow: 'Determine whether symbolic links should be followed. When set to `true\' symbolic links will be followed, if they exist. When set to `false\' symbolic links will not be followed. Previous to Ansible 2.4, this was hardcoded as `true\'.',
      force: 'Determine when the file is being transferred if the destination already exists. When set to `yes\', replace the remote file when contents are different than the source. When set to `no\', the file will only be transferred if the destination does not exist.',
      group: 'Name of the group that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current group of the current user unless you are root, in which case it can preserve the previous ownership.',
      lstrip_blocks: 'Determine when leading spaces and tabs should be stripped. When set to `yes\' leading spaces and tabs are stripped from the start of a line to a block.',
      mode: 'The permissions the resulting filesystem object should have. For those used to `/usr/bin/chmod\' remember that modes are actually octal numbers. You must either add a leading zero so that Ansible\'s YAML parser knows it is an octal number (like `0644\' or `01777\') or quote it (like `\'644\'\' or `\'1777\'\') so Ansible receives a string and can do its own conversion from string into number. Giving Ansible a number without following one of these rules will end up with a decimal number which will have unexpected results. As of Ansible 1.8, the mode may be specified as a symbolic mode (for example, `u+rwx\' or `u=rw,g=r,o=r\'). If `mode\' is not specified and the destination filesystem object `does not\' exist, the default `umask\' on the system will be used when setting the mode for the newly created filesystem object. If `mode\' is not specified and the destination filesystem object `does\' exist, the mode of the existing filesystem object will be used. Specifying `mode\' is the best way to ensure filesystem objects are created with the correct permissions. See CVE-2020-1736 for further details.',
      newline_sequence: 'Specify the newline sequence to use for templating files.',
      output_encoding: 'Overrides the encoding used to write the template file defined by `dest\'. It defaults to `utf-8\', but any encoding supported by python can be used. The source template file must always be encoded using `utf-8\', for homogeneity.',
      owner: 'Name of the user that should own the filesystem object, as would be fed to `chown\'. When left unspecified, it uses the current user unless you are root, in which case it can preserve the previous ownership. Specifying a numeric username will be assumed to be a user ID and not a username. Avoid numeric usernames to avoid this confusion.',
      selevel: 'The level part of the SELinux filesystem object context. This is the MLS/MCS attribute, sometimes known as the `range\'. When set to `_default\', it will use the `level\' portion of the policy if available.',
      serole: 'The role part of the SELinux filesystem object context. When set to `_default\', it will use the `role\' portion of the policy if available.',
      setype: 'The type part of the SELinux filesystem object context. When set to `_default\', it will use the `type\' portion of the policy if available.',
      seuser: 'The user part of the SELinux filesystem object context. By default it uses the `system\' policy, where applicable. When set to `_default\', it will use the `user\' portion of the policy if available.',
      src: 'Path of a Jinja2 formatted template on the Ansible controller. This can be a relative or an absolute path. The file must be encoded with `utf-8\' but `output_encoding\' can be used to control the encoding of the output template.',
      trim_blocks: 'Determine when newlines should be removed from blocks. When set to `yes\' the first newline after a block is removed (block, not variable tag!).',
      unsafe_writes: 'Influence when to use atomic operation to prevent data corruption or inconsistent reads from the target filesystem object. By default this module uses atomic operations to prevent data corruption or inconsistent reads from the target filesystem objects, but sometimes systems are configured or just broken in ways that prevent this. One example is docker mounted filesystem objects, which cannot be updated atomically from inside the container and can only be written in an unsafe manner. This option allows Ansible to fall back to unsafe methods of updating filesystem objects when atomic operations fail (however, it doesn\'t force Ansible to perform unsafe writes). IMPORTANT! Unsafe writes are subject to race conditions and can lead to data corruption.',
      validate: 'The validation command to run before copying the updated file into the final destination. A temporary file path is used to validate, passed in through \'%s\' which must be present as in the examples below. Also, the command is passed securely so shell features such as expansion and pipes will not work. For an example on how to handle more complex validation than what this option provides, see R(handling complex validation,complex_configuration_validation).',
      variable_end_string: 'The string marking the end of a print statement.',
      variable_start_string: 'The string marking the beginning of a print statement.',
    },
    optionAliases: { attributes: ['attr'] },
    examples: `- name: Template a file to /etc/file.conf
  ansible.builtin.template:
    src: /mytemplates/foo.j2
    dest: /etc/file.conf
    owner: bin
    group: wheel
    mode: '0644'
`,
  },
  plan: planTemplate,
  checkResult: copyCheckResult,
  apply: async (plan, _args, ctx) => {
    const result = await applyCopy(plan.steps, ctx);
    return ctx.diff && plan.diff && !result.failed ? { ...result, diff: plan.diff } : result;
  },
};
