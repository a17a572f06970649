import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { commandLine, commandsScript, newNonce, parseRuns, scriptPrelude } from './lib/service-shell.js';
import { parseUsersDb, usersDbScript } from './lib/users-db.js';

export interface GroupArgs {
  name: string;
  gid?: number;
  state?: 'present' | 'absent';
  system?: boolean;
  local?: boolean;
  non_unique?: boolean;
}

/** The one groupadd/groupmod/groupdel to run, and the result Ansible reports. */
export interface GroupSteps {
  cmd: string;
  result: ModuleResult;
}

const schema = {
  type: 'object',
  properties: {
    state: { enum: ['absent', 'present'], default: 'present' },
    name: { type: 'string' },
    gid: { type: 'integer' },
    system: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    non_unique: { type: 'boolean', default: false },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

const fail = (msg: string, extra: ModuleResult = {}): Plan<GroupSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });

/** group.py main(): /etc/group read once; add, modify the gid, or delete. */
export async function planGroup(args: GroupArgs, ctx: ModuleContext): Promise<Plan<GroupSteps>> {
  if (args.local) return fail('tsible does not drive lgroupadd/lgroupmod (local: true)');
  if (args.non_unique && args.gid === undefined) return fail('non_unique is True but all of the following are missing: gid');
  const state = args.state ?? 'present';
  const out = await ctx.conn.exec(`${scriptPrelude(newNonce())}\n${usersDbScript(undefined)}`, { become: ctx.become });
  const db = parseUsersDb(out.stdout);
  const current = db.groups.find((g) => g.name === args.name);
  const base: ModuleResult = { name: args.name, state };
  if (state === 'absent') {
    if (!current) return { changed: false, reason: `group ${args.name} is absent`, result: { ...base, changed: false } };
    return { changed: true, steps: { cmd: commandLine(['groupdel', args.name]), result: { ...base, changed: true } }, result: { changed: true } };
  }
  if (!current) {
    const words = ['groupadd'];
    if (args.gid !== undefined) words.push('-g', String(args.gid), ...(args.non_unique ? ['-o'] : []));
    if (args.system) words.push('-r');
    words.push(args.name);
    return { changed: true, steps: { cmd: commandLine(words), result: { ...base, changed: true, system: args.system ?? false } }, result: { changed: true } };
  }
  const info = { ...base, system: args.system ?? false, gid: current.gid };
  if (args.gid === undefined || current.gid === args.gid) return { changed: false, reason: `group ${args.name} is already as asked`, result: { ...info, changed: false } };
  const words = ['groupmod', '-g', String(args.gid), ...(args.non_unique ? ['-o'] : []), args.name];
  return { changed: true, steps: { cmd: commandLine(words), result: { ...info, changed: true } }, result: { ...info, changed: true } };
}

/** Run the one command and read the group back for the gid it ended with (same round trip). */
export async function applyGroup(steps: GroupSteps, args: GroupArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const out = await ctx.conn.exec(`${commandsScript([{ cmd: steps.cmd, stopOnFail: true }])}\n${usersDbScript(undefined)}`, { become: ctx.become });
  const run = parseRuns(out.stdout)[0] ?? { rc: 1, stdout: '', stderr: out.stderr };
  if (run.rc !== 0) return { changed: false, failed: true, name: args.name, msg: run.stderr };
  const result: ModuleResult = { ...steps.result };
  if (run.stdout) result.stdout = run.stdout;
  if (run.stderr) result.stderr = run.stderr;
  const after = parseUsersDb(out.stdout).groups.find((g) => g.name === args.name);
  if (after) Object.assign(result, { system: args.system ?? false, gid: after.gid });
  return result;
}

export const group: ModuleDefinition<GroupArgs, GroupSteps> = {
  name: 'ansible.builtin.group',
  aliases: ['group', 'ansible.legacy.group'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planGroup,
  apply: (plan, args, ctx) => applyGroup(plan.steps, args, ctx),
  checkResult: (plan) => (plan.result as ModuleResult),
};
