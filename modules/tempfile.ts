// ansible.builtin.tempfile: mktemp on the target in one round trip; like Ansible it always changes and skips in check mode.
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { formatMode } from './lib/file-mode.js';

export interface TempfileArgs {
  state?: 'file' | 'directory';
  path?: string;
  prefix?: string;
  suffix?: string;
}

const schema = {
  type: 'object',
  properties: {
    state: { enum: ['file', 'directory'], default: 'file' },
    path: { type: 'string' },
    prefix: { type: 'string', default: 'ansible.' },
    suffix: { type: 'string', default: '' },
  },
  additionalProperties: false,
} as const;

/** mkstemp/mkdtemp's name: prefix + 8 random characters + suffix, created 0600 / 0700 whatever the umask. */
export function tempfileScript(args: TempfileArgs): string {
  const dir = args.path === undefined ? '"${TMPDIR:-/tmp}"' : shellQuote(args.path);
  const template = shellQuote(`${args.prefix ?? 'ansible.'}XXXXXXXX`);
  const d = args.state === 'directory' ? '-d ' : '';
  return [
    `p=$(umask 077; mktemp ${d}--suffix=${shellQuote(args.suffix ?? '')} -p ${dir} ${template} 2>&1) || { printf '@@failed %s\\n' "$p"; exit 0; }`,
    `stat -c '%u %g %a %s %U %G' "$p"; printf '%s\\n' "$p"`,
  ].join('\n');
}

async function apply(_plan: unknown, args: TempfileArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const out = await ctx.conn.exec(tempfileScript(args), { become: ctx.become });
  const failed = /^@@failed (.*)$/s.exec(out.stdout);
  if (failed) {
    const why = (failed[1] ?? '').trim().replace(/^mktemp: /, '');
    // Python's OSError text, as Ansible reports it (the random part is not known: mktemp made no file)
    const name = `${args.path ?? '/tmp'}/${args.prefix ?? 'ansible.'}XXXXXXXX${args.suffix ?? ''}`;
    if (/No such file or directory/.test(why)) return { changed: false, failed: true, msg: `[Errno 2] No such file or directory: '${name}'` };
    if (/Permission denied/.test(why)) return { changed: false, failed: true, msg: `[Errno 13] Permission denied: '${name}'` };
    return { changed: false, failed: true, msg: why };
  }
  const [statLine = '', path = ''] = out.stdout.split('\n');
  const [uid, gid, mode, size, owner, group] = statLine.split(' ');
  return {
    changed: true,
    gid: Number(gid),
    group,
    mode: formatMode(parseInt(mode ?? '0', 8)),
    owner,
    path,
    size: Number(size),
    state: args.state ?? 'file',
    uid: Number(uid),
  };
}

export const tempfile: ModuleDefinition<TempfileArgs, null> = {
  name: 'ansible.builtin.tempfile',
  aliases: ['tempfile', 'ansible.legacy.tempfile'],
  freeForm: false,
  output: 'json',
  schema,
  // nothing to read: a new name is always a change (apply is the one round trip)
  plan: async (_args, ctx): Promise<Plan<null>> =>
    ctx.check
      ? { changed: false, reason: 'tempfile does not support check mode', result: { changed: false, skipped: true, msg: 'remote module (tempfile) does not support check mode' } }
      : { changed: true, steps: null },
  apply,
};
