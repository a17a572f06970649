import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { finishLinuxService, type LinuxServiceSteps, linuxProbeScript, parseLinuxProbe, planLinuxService, type ServiceArgs } from './lib/service-linux.js';
import { findManagerAndProbe, type ProbeKind, probeKind } from './lib/service-mgr-probe.js';
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

/** The service action's choice from what is known without asking the host: `use`, else the service_mgr fact. */
export function knownServiceManager(args: ServiceArgs, ctx: ModuleContext): string | undefined {
  const use = (args.use ?? 'auto').toLowerCase();
  if (use !== 'auto') return use;
  try {
    const facts = ctx.vars['ansible_facts'] as Record<string, unknown> | undefined;
    if (typeof facts?.['service_mgr'] === 'string') return facts['service_mgr'];
  } catch {
    // no facts: the host is asked
  }
  return undefined;
}

/**
 * Decide from one probe, on the backend the service_mgr fact names. Without the fact, the round trip that finds it
 * carries the probe as well (service-mgr-probe.ts): one round trip either way, unless its guess of the backend was wrong.
 */
export async function planService(given: ServiceArgs, ctx: ModuleContext): Promise<Plan<ServiceSteps>> {
  const failWith = (msg: string): Plan<ServiceSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
  if (given.state === undefined && given.enabled === undefined) return failWith('one of the following is required: state, enabled');
  const args: ServiceArgs = { ...given };
  const nonce = newNonce();
  const probes: Record<ProbeKind, string> = { systemd: systemdProbeScript(args.name, nonce), sysvinit: sysvinitProbeScript(args, nonce), service: linuxProbeScript(args, nonce) };
  let mgr = knownServiceManager(args, ctx);
  let probed: string | undefined;
  if (mgr === undefined) {
    const found = await findManagerAndProbe(ctx, probes, `tsible-mgr-${nonce}`);
    // no service_mgr found: the action keeps 'auto', which runs the generic service module
    mgr = found.mgr || 'auto';
    if (found.kind === probeKind(mgr)) probed = found.stdout;
  }
  if (UNSUPPORTED.has(mgr)) return failWith(`tsible has no '${mgr}' service backend; set use: service to drive the init scripts`);
  const kind = probeKind(mgr);
  const stdout = probed ?? (await ctx.conn.exec(probes[kind], { become: ctx.become })).stdout;
  if (kind === 'systemd') {
    const warnings: string[] = [];
    for (const key of SYSTEMD_UNUSED) {
      // arguments defaults to '' in the schema; Ansible only warns for what the task set
      if (args[key] !== undefined && !(key === 'arguments' && args[key] === '') && !(key === 'runlevel' && args[key] === 'default')) warnings.push(`Ignoring "${key}" as it is not used in "systemd"`);
    }
    return planSystemd(args, stdout, warnings);
  }
  if (kind === 'sysvinit') return planSysvinit(args, stdout, nonce);
  return planLinuxService(args, parseLinuxProbe(stdout), nonce, ctx.check);
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
