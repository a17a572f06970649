import type { ModuleDefinition } from '../src/executor/module-contract.js';

export interface PingArgs {
  data?: string;
}

/** ping: proves the host runs our commands (one round trip), answers `pong` or the given data. */
export const ping: ModuleDefinition<PingArgs, never> = {
  name: 'ansible.builtin.ping',
  aliases: ['ping', 'ansible.legacy.ping'],
  freeForm: false,
  output: 'json',
  schema: { type: 'object', properties: { data: { type: 'string', default: 'pong' } }, additionalProperties: false },
  async plan(args, ctx) {
    const data = args.data ?? 'pong';
    const out = await ctx.conn.exec('echo pong', { become: ctx.become });
    if (out.rc !== 0) return { changed: false, reason: 'shell failed', result: { failed: true, msg: `ping failed: ${out.stderr.trim()}`, rc: out.rc } };
    if (data === 'crash') return { changed: false, reason: 'asked to crash', result: { failed: true, msg: 'boom', exception: 'Exception: boom' } };
    return { changed: false, reason: 'pong', result: { ping: data } };
  },
  async apply() {
    throw new Error('ping never changes anything');
  },
};
