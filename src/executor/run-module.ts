import { BecomeError, UnreachableError } from '../connection/errors.js';
import type { Become, Connection } from '../connection/types.js';
import { withPythonFact } from './interpreter-discovery.js';
import { ActionError, ActionFailure, type ModuleContext, type ModuleDefinition, type ModuleResult } from './module-contract.js';
import { errorOutcome, toOutcome, unreachableOutcome, type HostOutcome } from './outcome.js';

export interface RunModuleRequest {
  host: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: ModuleDefinition<any, any>;
  args: Record<string, unknown>;
  connect: () => Promise<Connection>;
  become?: Become | undefined;
  check: boolean;
  diff: boolean;
  env?: Record<string, string> | undefined;
  verbosity: number;
  evaluate(expression: string): unknown;
  template?: ModuleContext['template'];
  markedArgs?: ModuleContext['markedArgs'];
  vars: Record<string, unknown>;
  searchPath: string[];
  roleDir?: string | undefined;
  taskDir?: string | undefined;
  taskName?: string | undefined;
  display?: ModuleContext['display'];
  hashBehaviour?: ModuleContext['hashBehaviour'];
  /** Ansible would discover the host's Python for this run (interpreter-discovery.ts): the result carries what was found */
  discoverPython?: boolean | undefined;
}

/** What a controller-only module gets instead of a connection: touching it is a bug in that module. */
const NO_CONNECTION = new Proxy({} as Connection, {
  get(_target, key) {
    throw new Error(`a controller-only module used its connection (${String(key)}): tsible bug, please report it`);
  },
});

/** Plan, then apply (or, in check mode, report the plan): one module on one host, always an outcome, never a throw. */
export async function runModule(request: RunModuleRequest): Promise<HostOutcome> {
  const { host, module, args } = request;
  let conn: Connection = NO_CONNECTION;
  if (!module.controllerOnly) {
    try {
      conn = await request.connect();
    } catch (error) {
      if (error instanceof UnreachableError) return unreachableOutcome(host, error.message);
      throw error;
    }
  }
  const ctx: ModuleContext = {
    host,
    conn,
    become: request.become,
    check: request.check,
    diff: request.diff,
    env: request.env,
    verbosity: request.verbosity,
    evaluate: request.evaluate,
    template: request.template,
    markedArgs: request.markedArgs,
    vars: request.vars,
    searchPath: request.searchPath,
    roleDir: request.roleDir,
    taskDir: request.taskDir,
    taskName: request.taskName,
    display: request.display,
    hashBehaviour: request.hashBehaviour,
  };
  let result: ModuleResult;
  let checkChange = false;
  try {
    const plan = await module.plan(args, ctx);
    checkChange = plan.changed && request.check;
    if (!plan.changed) result = { changed: false, ...plan.result };
    else if (request.check) result = (await module.checkResult?.(plan, args, ctx)) ?? { ...plan.result, changed: true, ...(plan.diff ? { diff: plan.diff } : {}) };
    else result = await module.apply(plan, args, ctx);
  } catch (error) {
    if (error instanceof UnreachableError) return unreachableOutcome(host, error.message);
    if (error instanceof ActionError) return errorOutcome(host, error.message);
    if (error instanceof ActionFailure) return toOutcome(host, error.result);
    if (error instanceof BecomeError) result = { failed: true, msg: error.message };
    // the traceback's last line is what the output shows of it
    else result = { failed: true, msg: `Unexpected failure in ${module.name}: ${(error as Error).message ?? String(error)}`, exception: `${(error as Error).stack ?? ''}\n${String(error)}` };
  }
  const fact = module.pythonFact ?? 'always';
  if (request.discoverPython && !module.controllerOnly && fact !== 'never' && !(fact === 'unless-check-change' && checkChange)) {
    const python = await conn.python?.();
    if (python !== undefined) result = withPythonFact(result, python);
  }
  return toOutcome(host, result);
}
