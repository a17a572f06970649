import { readFileSync, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename } from 'node:path';
import type { ModuleContext, ModuleDefinition, Plan } from '../src/executor/module-contract.js';
import { renderTemplate } from '../src/template/index.js';
import { applyCopy, copyCheckResult, copySchema, planCopy, type CopyArgs, type CopySteps } from './copy.js';
import { findSource, taskSearchPath, taskVars } from './lib/find-source.js';
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
  if (full === undefined) return failed(`Could not find or access '${args.src}'\nSearched in:\n${searchPath.flatMap((d) => [`\t${d}/templates/${args.src}`, `\t${d}/${args.src}`]).join('\n')} on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`);
  const bytes = readFileSync(full);
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
    rendered = renderTemplate(argsHeader(args, text), vars, { file: full, basedir: searchPath[searchPath.length - 1] ?? process.cwd(), searchPath });
  } catch (error) {
    return failed((error as Error).message);
  }
  const nl = args.newline_sequence ?? '\n';
  if (nl !== '\n') rendered = rendered.replace(/\n/g, nl);
  const { newline_sequence: _n, trim_blocks: _t, lstrip_blocks: _l, variable_start_string: _a, variable_end_string: _b, block_start_string: _c, block_end_string: _d, comment_start_string: _e, comment_end_string: _f, output_encoding: _o, state: _s, ...copyArgs } = args;
  return planCopy({ ...copyArgs, src: undefined }, ctx, { data: Buffer.from(rendered, 'utf8'), label: full, basename: basename(args.src), mode: st.mode & 0o7777 });
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
  output: 'json',
  schema: templateSchema,
  plan: planTemplate,
  checkResult: copyCheckResult,
  apply: async (plan, _args, ctx) => {
    const result = await applyCopy(plan.steps, ctx);
    return ctx.diff && plan.diff && !result.failed ? { ...result, diff: plan.diff } : result;
  },
};
