/** Where something was written, for every message about it. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

export type Vars = Record<string, unknown>;

/**
 * The keywords a play, block or task may set, already inherited down the tree (play -> block -> task):
 * `when` conditions are ANDed, `tags` united, `vars` merged, `environment` layered; the rest: nearest wins.
 */
export interface Keywords {
  when: string[];
  tags: string[];
  vars: Vars;
  environment: unknown[];
  become?: boolean | undefined;
  becomeUser?: string | undefined;
  becomeMethod?: string | undefined;
  becomeFlags?: string | undefined;
  connection?: string | undefined;
  remoteUser?: string | undefined;
  port?: number | undefined;
  ignoreErrors?: boolean | undefined;
  ignoreUnreachable?: boolean | undefined;
  noLog?: boolean | undefined;
  checkMode?: boolean | undefined;
  diff?: boolean | undefined;
  delegateTo?: string | undefined;
  /** with delegate_to: returned facts go to the delegated host */
  delegateFacts?: boolean | undefined;
  runOnce?: boolean | undefined;
  anyErrorsFatal?: boolean | undefined;
  /** handlers a block notifies: its tasks inherit them when they name none */
  notify: string[];
}

/** The role a task came from, for `role : task` names and role vars. */
export interface RoleContext {
  name: string;
  path: string;
  defaults: Vars;
  vars: Vars;
  params: Vars;
}

export interface LoopSpec {
  /** `loop` or the lookup behind `with_<name>` */
  kind: string;
  value: unknown;
  loopVar: string;
  indexVar?: string | undefined;
  label?: unknown;
  extended: boolean;
  pause: number;
}

export interface Task {
  kind: 'task';
  name?: string | undefined;
  /** the action as written (`shell`, `ansible.builtin.copy`, `include_tasks`, `meta`) */
  action: string;
  args: Vars;
  register?: string | undefined;
  loop?: LoopSpec | undefined;
  changedWhen?: string[] | undefined;
  failedWhen?: string[] | undefined;
  until?: string[] | undefined;
  retries: number;
  delay: number;
  notify: string[];
  /** handlers only: the topics it also answers to */
  listen: string[];
  keywords: Keywords;
  role?: RoleContext | undefined;
  /** include_role / import_role: the task's own `vars:`, which are the role's vars too (IncludeRole: `ri.vars |= self.vars`) */
  roleVars?: Vars | undefined;
  origin: Origin;
}

export interface Block {
  kind: 'block';
  name?: string | undefined;
  block: Item[];
  rescue: Item[];
  always: Item[];
  keywords: Keywords;
  role?: RoleContext | undefined;
  origin: Origin;
}

export type Item = Task | Block;

/** One `vars_prompt` entry: keys as Ansible spells them (values are templated at run time). */
export interface VarsPrompt {
  name: unknown;
  prompt?: unknown;
  default?: unknown;
  private?: unknown;
  confirm?: unknown;
  encrypt?: unknown;
  salt_size?: unknown;
  salt?: unknown;
  unsafe?: unknown;
}

export interface Play {
  name?: string | undefined;
  hosts: string[];
  gatherFacts: boolean;
  gatherSubset?: string[] | undefined;
  serial: Array<number | string>;
  maxFailPercentage?: number | undefined;
  forceHandlers: boolean;
  strategy: string;
  order: string;
  keywords: Keywords;
  /** the play's own vars (precedence 12; block and task vars are in the tasks' keywords) */
  vars: Vars;
  /** `vars_prompt` entries as written (templated with the play's vars when the play starts) */
  varsPrompt: VarsPrompt[];
  varsFiles: unknown[];
  /** pre_tasks, then roles + tasks, then post_tasks: handlers flush after each */
  sections: Item[][];
  handlers: Task[];
  /** the play's directory: relative paths, roles/, group_vars/ resolve here */
  basedir: string;
  origin: Origin;
  /** the roles the play loaded (name + params): a dependency an include_role brings runs once per play */
  seenRoles: ReadonlySet<string>;
  /** the roles it loaded, dependencies first (`roles:`, import_role): their defaults and vars are every task's */
  roles: readonly RoleContext[];
}
