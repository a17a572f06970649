// The benchmark cases: a playbook under bench/cases, what makes each run start from the same host state,
// and which tools take part.
import { join } from 'node:path';
import type { CaseName, ToolName } from './options.js';

export interface BenchCase {
  name: CaseName;
  /** playbook path relative to bench/cases */
  playbook: string;
  /** before every timed run (untimed): put the hosts back to their image state, or run a shell command on each */
  beforeEach?: { reset: true } | { shell: string };
  /** once before the rounds (untimed): converge the hosts with the playbook, so the runs change nothing */
  converge?: boolean;
  /** extra variables (-e key=value); BENCH_SRC is replaced by the 50 MB source file */
  extraVars?: Record<string, string>;
  /** the tools that take part (scp only copies a file; ssh-cm is the shell-loop reference of the no-change run) */
  tools(tool: ToolName): boolean;
}

const playbookTools = (t: ToolName): boolean => t !== 'scp' && t !== 'ssh-cm';

export const BIG_FILE_PLACEHOLDER = 'BENCH_SRC';
export const BIG_FILE_BYTES = 50 * 1024 * 1024;

export const BENCH_CASES: Record<CaseName, BenchCase> = {
  'paas-converge': { name: 'paas-converge', playbook: 'paas/site.yml', beforeEach: { reset: true }, tools: playbookTools },
  'paas-nochange': {
    name: 'paas-nochange',
    playbook: 'paas/site.yml',
    converge: true,
    tools: (t) => t !== 'scp',
  },
  facts: { name: 'facts', playbook: 'facts.yml', tools: playbookTools },
  loop100: { name: 'loop100', playbook: 'loop100.yml', tools: playbookTools },
  templates100: {
    name: 'templates100',
    playbook: 'templates100.yml',
    beforeEach: { shell: 'rm -rf /opt/bench' },
    tools: playbookTools,
  },
  copy50m: {
    name: 'copy50m',
    playbook: 'copy50m.yml',
    beforeEach: { shell: 'rm -rf /opt/bench && mkdir -p /opt/bench' },
    extraVars: { bench_src: BIG_FILE_PLACEHOLDER },
    tools: (t) => t !== 'ssh-cm',
  },
};

export function playbookPath(casesDir: string, c: BenchCase): string {
  return join(casesDir, c.playbook);
}
