import type { HostOutcome } from '../executor/outcome.js';
import type { TransportOp } from '../connection/traced.js';
import type { HostStats } from './stats.js';

/** How a module's result reads in ad-hoc output: `rc=0 >>` text or `=> {json}`. */
export type ResultStyle = 'command' | 'json';

/**
 * strategy free: a task's banner is shown with the first result that comes for it, and again whenever a result
 * follows one of another task (the default callback's _last_task_banner); `key` tells the tasks apart.
 */
export interface TaskBanner {
  key: number;
  prefix: 'TASK' | 'RUNNING HANDLER';
  name: string;
  path?: string | undefined;
}

/** Everything a reporter may hear. Reporters get these values, never the engine's internals. */
export type RunEvent =
  | { type: 'warning'; message: string }
  /** a line shown while a task runs (pause's countdown and prompt) */
  | { type: 'display'; text: string }
  | {
      type: 'host_result';
      outcome: HostOutcome;
      module: string;
      style: ResultStyle;
      ignoreErrors?: boolean;
      /** a loop task's final result: its items were reported one by one */
      loop?: boolean;
      /** the host the module ran on, when delegated */
      delegatedTo?: string | undefined;
      /** strategy free: the banner to show first, unless the last one shown was this task's */
      banner?: TaskBanner | undefined;
    }
  | { type: 'item_result'; outcome: HostOutcome; module: string; label: string; delegatedTo?: string | undefined; banner?: TaskBanner | undefined }
  | { type: 'retry'; host: string; task: string; retriesLeft: number }
  /** a playbook starts (v2_playbook_on_start); file as given on the command line */
  | { type: 'playbook_start'; file: string; plays: number }
  /** a meta task ran, or was skipped (header: what it did, or why not) */
  | { type: 'meta'; header: string }
  /** a host notified a handler it had not notified yet (v2_playbook_on_notify) */
  | { type: 'notified'; handler: string; host: string }
  | { type: 'included'; file: string; hosts: string[]; label?: string | undefined }
  /** an include_tasks / include_role went ahead on a host: under strategy free, its banner shows (v2_runner_on_ok of a TaskInclude) */
  | { type: 'include_ok'; banner?: TaskBanner | undefined }
  | { type: 'play_start'; name: string; path?: string | undefined }
  /** deferred (strategy free): nothing to show yet, the banner comes with the task's first result */
  | { type: 'task_start'; name: string; prefix: 'TASK' | 'RUNNING HANDLER'; hosts?: number; path?: string | undefined; deferred?: boolean }
  | { type: 'no_hosts_matched' }
  /** --step: the question just answered, shown again as a banner */
  | { type: 'step'; question: string }
  /** a line said while prompting (vars_prompt confirm mismatch) */
  | { type: 'prompt_notice'; text: string }
  | { type: 'no_hosts_remaining' }
  | { type: 'recap'; stats: Map<string, HostStats> }
  /** -vvv: one round trip to a host */
  | ({ type: 'transport' } & TransportOp);

export interface Reporter {
  on(event: RunEvent): void;
}
