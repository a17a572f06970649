import type { ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { checkModuleArgs } from '../src/executor/module-args.js';
import { apt } from './apt.js';
import { dnfModule } from './dnf.js';
import { factPkgMgr, gatherPkgMgr } from './lib/pkg-mgr.js';
import { yum } from './yum.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDefinition<any, any>;

/** The package managers tsible has a module for, by pkg_mgr name. */
const BACKENDS: ReadonlyMap<string, AnyModule> = new Map<string, AnyModule>([
  ['apt', apt],
  ['dnf', dnfModule],
  ['yum', yum],
]);

export interface PackageSteps {
  backend: AnyModule;
  args: Record<string, unknown>;
  plan: Extract<Plan<unknown>, { changed: true }>;
}

/** The package action (plugins/action/package.py): `use`, else the pkg_mgr fact, else a pkg_mgr-only gather; then that module. */
export const packageModule: ModuleDefinition<Record<string, unknown>, PackageSteps> = {
  name: 'ansible.builtin.package',
  aliases: ['package', 'ansible.legacy.package'],
  freeForm: false,
  output: 'json',
  // everything but `use` goes to the backend module, which checks it
  schema: { type: 'object', properties: { use: { type: 'string', default: 'auto' } }, additionalProperties: true },
  async plan(args, ctx): Promise<Plan<PackageSteps>> {
    const failWith = (msg: string): Plan<PackageSteps> => ({ changed: false, reason: msg, result: { failed: true, msg } });
    const { use, ...rest } = args;
    let name = typeof use === 'string' ? use : 'auto';
    if (name === 'auto') name = factPkgMgr(ctx) ?? 'auto';
    if (name === 'auto') name = await gatherPkgMgr(ctx);
    if (name === 'auto') return failWith('Could not detect which package manager to use. Try gathering facts or setting the "use" option.');
    const backend = BACKENDS.get(name.replace(/^ansible\.(builtin|legacy)\./, ''));
    if (!backend) return failWith(`Could not find a module for ${name}.`);
    const checked = checkModuleArgs(backend, rest);
    if (!checked.ok) return failWith(checked.msg);
    const plan = (await backend.plan(checked.args, ctx)) as Plan<unknown>;
    if (!plan.changed) return plan;
    return { changed: true, steps: { backend, args: checked.args, plan }, ...(plan.diff ? { diff: plan.diff } : {}), ...(plan.result ? { result: plan.result } : {}) };
  },
  apply: (plan, _args, ctx): Promise<ModuleResult> => plan.steps.backend.apply(plan.steps.plan, plan.steps.args, ctx),
  checkResult: async (plan, _args, ctx): Promise<ModuleResult> => {
    const { backend, plan: inner, args } = plan.steps;
    return (await backend.checkResult?.(inner, args, ctx)) ?? { ...inner.result, changed: true, ...(inner.diff ? { diff: inner.diff } : {}) };
  },
};
