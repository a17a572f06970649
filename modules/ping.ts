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
  doc: {
    shortDescription: 'Try to connect to host, verify a usable python and return `pong\' on success',
    description: ['A trivial test module, this module always returns `pong\' on successful contact. It does not make sense in playbooks, but it is useful from `/usr/bin/ansible\' to verify the ability to login and that a usable Python is configured.', 'This is NOT ICMP ping, this is just a trivial test module that requires Python on the remote-node.', 'For Windows targets, use the [ansible.windows.win_ping] module instead.', 'For Network targets, use the [ansible.netcommon.net_ping] module instead.'],
    options: {
      data: 'Data to return for the `ping\' return value. If this parameter is set to `crash\', the module will cause an exception.',
    },
    returns: {
      ping: { description: 'Value provided with the data parameter.', returned: 'success', type: 'str', sample: "pong" },
    },
  },
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
