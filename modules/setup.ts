import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { GatherError, gatherFacts } from '../src/facts/gather.js';
import { GatherSubsetError } from '../src/facts/subset.js';

export interface SetupArgs {
  gather_subset?: string[];
  gather_timeout?: number;
  filter?: string[];
  fact_path?: string;
}

/** setup: the host's facts from one remote shell script, in Ansible's `ansible_facts` shape; never changes anything. */
export const setup: ModuleDefinition<SetupArgs, never> = {
  name: 'ansible.builtin.setup',
  aliases: ['setup', 'ansible.legacy.setup'],
  freeForm: false,
  output: 'json',
  schema: {
    type: 'object',
    properties: {
      gather_subset: { type: 'array', items: { type: 'string' }, default: ['all'] },
      gather_timeout: { type: 'integer', default: 10 },
      filter: { type: 'array', items: { type: 'string' }, default: [] },
      fact_path: { type: 'string', default: '/etc/ansible/facts.d' },
    },
    additionalProperties: false,
  },
  async plan(args, ctx) {
    try {
      const facts = await gatherFacts(ctx.conn, {
        subset: args.gather_subset,
        filter: args.filter,
        gatherTimeout: args.gather_timeout,
        factPath: args.fact_path,
        become: ctx.become,
      });
      // Ansible's interpreter discovery reports the Python it found on an ssh target; the local connection uses the controller's
      const python = facts.ansible_python as { executable?: unknown } | undefined;
      if (ctx.conn.transport === 'ssh' && typeof python?.executable === 'string') facts.discovered_interpreter_python = python.executable;
      return { changed: false, reason: 'facts are read, never changed', result: { ansible_facts: facts } };
    } catch (error) {
      if (error instanceof GatherSubsetError || error instanceof GatherError) {
        return { changed: false, reason: 'gathering failed', result: { failed: true, msg: error.message } };
      }
      throw error;
    }
  },
  async apply() {
    throw new Error('setup never changes anything');
  },
};
