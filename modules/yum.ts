import type { ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { applyDnf, dnfSchema, planDnf, type DnfArgs, type DnfSteps } from './dnf.js';
import { factPkgMgr, gatherPkgMgr } from './lib/pkg-mgr.js';

export interface YumArgs extends DnfArgs {
  use_backend?: 'auto' | 'yum' | 'yum4' | 'dnf';
  use?: string;
}

/** The plan of the backend the yum action chose, and the facts it learnt on the way. */
export interface YumSteps {
  dnf: DnfSteps;
  facts?: ModuleResult | undefined;
}

const VALID_BACKENDS = new Set(['yum', 'yum4', 'dnf']);

const { allowerasing: _allowerasing, nobest: _nobest, ...yumProperties } = dnfSchema.properties;
const schema = {
  type: 'object',
  properties: { ...yumProperties, use_backend: { enum: ['auto', 'yum', 'yum4', 'dnf'], default: 'auto' }, use: { type: 'string' } },
  additionalProperties: false,
} as const;

/**
 * The yum action (plugins/action/yum.py): the backend is use/use_backend, else the pkg_mgr fact, else a pkg_mgr-only
 * gather. tsible drives the dnf command line for every backend (yum 3 hosts have no dnf; `yum` there takes the same options).
 */
const yumModule: ModuleDefinition<YumArgs, YumSteps> = {
  name: 'ansible.builtin.yum',
  aliases: ['yum', 'ansible.legacy.yum'],
  freeForm: false,
  output: 'json',
  schema,
  async plan(args, ctx): Promise<Plan<YumSteps>> {
    const raw = args as YumArgs & Record<string, unknown>;
    if (raw.use !== undefined && raw.use_backend !== undefined) {
      return { changed: false, reason: 'bad arguments', result: { failed: true, msg: "parameters are mutually exclusive: ('use', 'use_backend')" } };
    }
    let backend: string = raw.use ?? raw.use_backend ?? 'auto';
    if (backend === 'auto') backend = factPkgMgr(ctx) ?? backend;
    let facts: ModuleResult | undefined;
    if (!VALID_BACKENDS.has(backend)) {
      backend = await gatherPkgMgr(ctx);
      if (backend !== 'auto') facts = { ansible_facts: { pkg_mgr: backend } };
    }
    if (!VALID_BACKENDS.has(backend)) {
      const msg = [
        'Could not detect which major revision of yum is in use, which is required to determine module backend.',
        'You should manually specify use_backend to tell the module whether to use the yum (yum3) or dnf (yum4) backend})',
      ];
      return { changed: false, reason: 'no yum backend', result: { ...facts, failed: true, msg } };
    }
    const { use: _use, use_backend: _backend, ...dnfArgs } = raw;
    const plan = await planDnf(dnfArgs, ctx);
    if (!plan.changed) return { ...plan, result: { ...facts, ...plan.result } };
    return { changed: true, steps: { dnf: plan.steps, facts }, result: { ...facts, ...plan.result } };
  },
  async apply(plan, args, ctx) {
    return { ...plan.steps.facts, ...(await applyDnf(plan.steps.dnf, args, ctx)) };
  },
  checkResult: (plan) => ({
    ...plan.steps.facts,
    msg: 'Check mode: No changes made, but would have if not in check mode',
    changed: true,
    results: plan.steps.dnf.results,
    rc: 0,
  }),
};

export { yumModule as yum };
