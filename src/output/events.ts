import type { HostOutcome } from '../executor/outcome.js';
import type { TransportOp } from '../connection/traced.js';
import type { HostStats } from './stats.js';

/** How a module's result reads in ad-hoc output: `rc=0 >>` text or `=> {json}`. */
export type ResultStyle = 'command' | 'json';

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
    }
  | { type: 'item_result'; outcome: HostOutcome; module: string; label: string; delegatedTo?: string | undefined }
  | { type: 'retry'; host: string; task: string; retriesLeft: number }
  /** a playbook starts (v2_playbook_on_start); file as given on the command line */
  | { type: 'playbook_start'; file: string; plays: number }
  /** a meta task ran, or was skipped (header: what it did, or why not) */
  | { type: 'meta'; header: string }
  /** a host notified a handler it had not notified yet (v2_playbook_on_notify) */
  | { type: 'notified'; handler: string; host: string }
  | { type: 'included'; file: string; hosts: string[]; label?: string | undefined }
  | { type: 'play_start'; name: string; path?: string | undefined }
  | { type: 'task_start'; name: string; prefix: 'TASK' | 'RUNNING HANDLER'; hosts?: number; path?: string | undefined }
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
