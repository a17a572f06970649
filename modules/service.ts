import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { gatherFacts } from '../src/facts/gather.js';
import { finishLinuxService, type LinuxServiceSteps, linuxProbeScript, parseLinuxProbe, planLinuxService, type ServiceArgs } from './lib/service-linux.js';
import { commandsScript, newNonce, parseRuns } from './lib/service-shell.js';
import { finishSystemd, planSystemd, type SystemdSteps, systemdProbeScript } from './lib/service-systemd.js';
import { finishSysvinit, planSysvinit, type SysvinitSteps, sysvinitProbeScript } from './lib/service-sysvinit.js';

export type ServiceSteps = LinuxServiceSteps | SystemdSteps | SysvinitSteps;

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    state: { enum: ['started', 'stopped', 'reloaded', 'restarted'] },
    sleep: { type: 'integer' },
    pattern: { type: 'string' },
    enabled: { type: 'boolean' },
    runlevel: { type: 'string', default: 'default' },
    arguments: { type: 'string', default: '' },
    args: { type: 'string' },
    use: { type: 'string', default: 'auto' },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

/** service_mgr values for which Ansible runs a module tsible does not have. */
const UNSUPPORTED = new Set(['openwrt_init', 'runit', 'svc', 'launchd', 'svcadm', 'src']);
const SYSTEMD_UNUSED = ['pattern', 'runlevel', 'sleep', 'arguments', 'args'] as const;

/** The service action's choice: `use`, else the service_mgr fact, else a setup run filtered to it (one cheap round trip). */
export async function serviceManager(args: ServiceArgs, ctx: ModuleContext): Promise<string> {
  let mgr = (args.use ?? 'auto').toLowerCase();
  if (mgr === 'auto') {
    try {
      const facts = ctx.vars['ansible_facts'] as Record<string, unknown> | undefined;
      if (typeof facts?.['service_mgr'] === 'string') mgr = facts['service_mgr'];
    } catch {
      // no facts: gather the one we need below
    }
  }
  if (mgr === 'auto') {
    const facts = await gatherFacts(ctx.conn, { subset: ['!all', '!min', 'service_mgr'], filter: ['ansible_service_mgr'], become: ctx.become });
    const found = (facts['ansible_facts'] as Record<string, unknown> | undefined)?.['ansible_service_mgr'] ?? facts['ansible_service_mgr'];
    if (typeof found === 'string' && found !== '') mgr = found;
  }
  return mgr;
}

/** Decide from one probe, on the backend the service_mgr fact names. */
export async function planService(given: ServiceArgs, ctx: ModuleContext): Promise<Plan<ServiceSteps>> {
  const failWith = (msg: string): Plan<ServiceSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
  if (given.state === undefined && given.enabled === undefined) return failWith('one of the following is required: state, enabled');
  const args: ServiceArgs = { ...given };
  const mgr = await serviceManager(args, ctx);
  if (UNSUPPORTED.has(mgr)) return failWith(`tsible has no '${mgr}' service backend; set use: service to drive the init scripts`);
  const nonce = newNonce();
  if (mgr === 'systemd') {
    const warnings: string[] = [];
    for (const key of SYSTEMD_UNUSED) {
      // arguments defaults to '' in the schema; Ansible only warns for what the task set
      if (args[key] !== undefined && !(key === 'arguments' && args[key] === '') && !(key === 'runlevel' && args[key] === 'default')) warnings.push(`Ignoring "${key}" as it is not used in "systemd"`);
    }
    const out = await ctx.conn.exec(systemdProbeScript(args.name, nonce), { become: ctx.become });
    return planSystemd(args, out.stdout, warnings);
  }
  if (mgr === 'sysvinit') {
    const out = await ctx.conn.exec(sysvinitProbeScript(args, nonce), { become: ctx.become });
    return planSysvinit(args, out.stdout, nonce);
  }
  const out = await ctx.conn.exec(linuxProbeScript(args, nonce), { become: ctx.become });
  return planLinuxService(args, parseLinuxProbe(out.stdout), nonce, ctx.check);
}

/** Run the planned commands in one script, then read their outcomes as the backend's module would. */
export async function applyService(steps: ServiceSteps, args: ServiceArgs, ctx: ModuleContext): Promise<ModuleResult> {
  let runs: ReturnType<typeof parseRuns> = [];
  if (steps.commands.length > 0) {
    const out = await ctx.conn.exec(commandsScript(steps.commands), { become: ctx.become });
    runs = parseRuns(out.stdout);
  }
  if (steps.backend === 'systemd') return finishSystemd(steps, runs);
  if (steps.backend === 'sysvinit') return finishSysvinit(steps, runs);
  return finishLinuxService(steps, runs, args.name);
}

export const service: ModuleDefinition<ServiceArgs, ServiceSteps> = {
  name: 'ansible.builtin.service',
  aliases: ['service', 'ansible.legacy.service'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planService,
  apply: (plan, args, ctx) => applyService(plan.steps, args, ctx),
  checkResult: (plan) => (plan.steps.backend === 'service' ? plan.steps.checkResult : plan.steps.result),
};
