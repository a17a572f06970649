// The round-trip cases (bench/cases/round-trips.yml): one task per module, with what the host and the controller need
// first. The task is written out without the runner's rtt_* keys.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export interface RoundTripCase {
  module: string;
  /** the play's one task, YAML, as a list item */
  task: string;
  /** the task's module line, for the table */
  label: string;
  /** sh for the host, after BASE_SETUP */
  setup: string;
  files: Record<string, string>;
}

export const BASE_SETUP = `rm -rf /srv/rtt && mkdir -p /srv/rtt && echo 'stamp 1' > /srv/rtt/data`;

type RawCase = Record<string, unknown> & {
  name: string;
  rtt_setup?: string;
  rtt_setup_file?: string;
  rtt_install?: { file: string; to: string };
  rtt_files?: Record<string, string>;
};

export function loadRoundTripCases(root: string): RoundTripCase[] {
  const raw = parse(readFileSync(join(root, 'bench', 'cases', 'round-trips.yml'), 'utf8')) as RawCase[];
  return raw.map(({ rtt_setup, rtt_setup_file, rtt_install, rtt_files, ...task }) => {
    const setup: string[] = [];
    if (rtt_install) {
      const b64 = readFileSync(join(root, rtt_install.file)).toString('base64');
      setup.push(`echo ${b64} | base64 -d > ${rtt_install.to} && chmod 755 ${rtt_install.to}`);
    }
    if (rtt_setup_file) setup.push(readFileSync(join(root, rtt_setup_file), 'utf8'));
    if (rtt_setup) setup.push(rtt_setup);
    const moduleKey = Object.keys(task).find((k) => k !== 'name' && k !== 'ignore_errors') ?? '';
    const args = task[moduleKey];
    const label = `${moduleKey}: ${typeof args === 'string' ? args : args == null ? '' : JSON.stringify(args)}`.trim();
    return { module: task.name, task: stringify([task]).trimEnd(), label, setup: setup.join('\n'), files: rtt_files ?? {} };
  });
}
