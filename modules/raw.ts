import type { ModuleDefinition } from '../src/executor/module-contract.js';

export interface RawArgs {
  _raw_params?: string;
  executable?: string;
}

/** raw: the string goes to the remote shell as it is; no checks, always changed, like Ansible's. */
export const raw: ModuleDefinition<RawArgs, { line: string }> = {
  name: 'ansible.builtin.raw',
  aliases: ['raw', 'ansible.legacy.raw'],
  freeForm: true,
  output: 'command',
  schema: {
    type: 'object',
    properties: { _raw_params: { type: 'string', minLength: 1 }, executable: { type: 'string' } },
    required: ['_raw_params'],
    additionalProperties: false,
  },
  async plan(args) {
    const line = args.executable ? `${args.executable} -c '${(args._raw_params ?? '').replace(/'/g, `'"'"'`)}'` : (args._raw_params ?? '');
    return { changed: true, steps: { line } };
  },
  async apply(plan, _args, ctx) {
    const out = await ctx.conn.exec(plan.steps.line, { become: ctx.become, env: ctx.env });
    const result: Record<string, unknown> = { changed: true, rc: out.rc, stdout: out.stdout, stderr: out.stderr };
    if (out.rc !== 0) {
      result.failed = true;
      result.msg = 'non-zero return code';
    }
    return result;
  },
  checkResult: () => ({ changed: false, skipped: true, msg: 'check mode is not supported for this task.' }),
};
