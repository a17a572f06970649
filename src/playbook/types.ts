/** Where something was written, for every message about it. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

export interface Task {
  name?: string | undefined;
  /** the action as written (`shell`, `ansible.builtin.copy`) */
  action: string;
  args: Record<string, unknown>;
  register?: string | undefined;
  ignoreErrors: boolean;
  become?: boolean | undefined;
  becomeUser?: string | undefined;
  environment?: Record<string, string> | undefined;
  origin: Origin;
}

export interface Play {
  name?: string | undefined;
  hosts: string[];
  gatherFacts: boolean;
  connection?: string | undefined;
  remoteUser?: string | undefined;
  become?: boolean | undefined;
  becomeUser?: string | undefined;
  vars: Record<string, unknown>;
  tasks: Task[];
  origin: Origin;
}
