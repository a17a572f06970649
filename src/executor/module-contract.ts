import type { Become, Connection } from '../connection/types.js';
import type { ModuleDoc } from './module-doc.js';

/** A module's result, in Ansible's shape: playbooks register it and read its keys. */
export type ModuleResult = Record<string, unknown>;

/** What a module may use while it plans and applies on one host. */
export interface ModuleContext {
  host: string;
  /** the host's connection; using it from a controller-only module is a bug */
  conn: Connection;
  become?: Become | undefined;
  check: boolean;
  diff: boolean;
  env?: Record<string, string> | undefined;
  /** -v count, for modules whose output depends on it (debug's verbosity) */
  verbosity: number;
  /** evaluate a bare Jinja expression with the task's vars (debug var=, assert that=) */
  evaluate(expression: string): unknown;
  /** Templar.template with the task's vars (set_fact's keys) */
  template?: ((value: unknown) => unknown) | undefined;
  /** the arguments as templated with Ansible's unsafe marks: a value whose template read an unsafe one is an Unsafe (set_fact stores them so) */
  markedArgs?: Record<string, unknown> | undefined;
  /** the task's vars (read keys, do not enumerate): template needs them */
  vars: Record<string, unknown>;
  /** controller dirs a relative `src` is looked up in, in order (the role's dir, the task file's dir, the play's dir); each also with files/ or templates/ */
  searchPath: string[];
  /** ansible.cfg hash_behaviour (include_vars compares its own to it) @default 'replace' */
  hashBehaviour?: 'replace' | 'merge' | undefined;
  /** the task's role dir, when it comes from a role (include_vars dir=) */
  roleDir?: string | undefined;
  /** the dir of the file the task is written in */
  taskDir?: string | undefined;
  /** the task's name as the banner shows it (pause's prompt) */
  taskName?: string | undefined;
  /** show a line now, or a warning, through the reporter (pause) */
  display?: ((text: string, kind?: 'display' | 'warning') => void) | undefined;
}

/** A plan is the whole decision: nothing to do (and why), or the steps that close the gap. */
export type Plan<Steps> =
  | { changed: false; reason: string; result?: ModuleResult }
  | { changed: true; steps: Steps; diff?: ModuleResult[]; result?: ModuleResult };

export type ChangePlan<Steps> = Extract<Plan<Steps>, { changed: true }>;

export interface ModuleDefinition<Args = Record<string, unknown>, Steps = unknown> {
  /** fully qualified, e.g. `ansible.builtin.command` */
  name: string;
  /** the other names it answers to (`command`, `ansible.legacy.command`) */
  aliases: string[];
  /** takes a free-form string (`_raw_params`), like command, shell and raw */
  freeForm: boolean;
  /** runs on the controller only (debug, set_fact, assert): no connection is opened for it */
  controllerOnly?: boolean;
  /**
   * Whether its result carries Ansible's discovered_interpreter_python when the host's interpreter is discovered:
   * 'always' (the default for a module that reaches the host: Ansible runs a Python module), 'unless-check-change'
   * (copy, template: in check mode the action reports a change before any module runs), 'never' (raw and script run
   * no Python; fetch's action keeps its stat's result to itself).
   */
  pythonFact?: 'always' | 'unless-check-change' | 'never';
  /** `command` results print as `host | CHANGED | rc=0 >>` in ad-hoc output; `json` as `=> {...}` */
  output: 'command' | 'json';
  /** JSON Schema of the arguments, checked before any host is contacted; a property's `description` is its doc */
  schema: Record<string, unknown>;
  /** what `tsible-doc` shows beyond the schema */
  doc?: ModuleDoc;
  /** side-effect free: read the host, decide */
  plan(args: Args, ctx: ModuleContext): Promise<Plan<Steps>>;
  /** carry out a plan that changes something */
  apply(plan: ChangePlan<Steps>, args: Args, ctx: ModuleContext): Promise<ModuleResult>;
  /** what check mode reports for a change plan, when it is not simply "changed" (it may ask the host, read-only: apt's --simulate) */
  checkResult?(plan: ChangePlan<Steps>, args: Args, ctx: ModuleContext): ModuleResult | Promise<ModuleResult>;
}

/**
 * An action plugin's failure before its module runs (template's render error, copy's missing src): the task's result
 * is this one, with no discovered interpreter (no Python ran). `exception` holds the traceback's text, whose last
 * line the output shows.
 */
export class ActionFailure extends Error {
  override name = 'ActionFailure';
  constructor(readonly result: ModuleResult) {
    super(String(result.msg ?? 'action failed'));
  }
}

/** An action's own error (Ansible's AnsibleError inside an action plugin): the task fails with only this `msg`. */
export class ActionError extends Error {
  override name = 'ActionError';
}
