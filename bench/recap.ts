// PLAY RECAP parsing: the per-host counts every tool prints the same way (Ansible's default callback).
import type { HostStats } from '../src/output/stats.js';

/** the counts of one PLAY RECAP line: the engine's own per-host stats */
export type HostCounts = HostStats;

/** host -> counts; hosts in the order printed */
export type Recap = Map<string, HostCounts>;

const LINE =
  /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)\s*$/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The last PLAY RECAP block of a run's stdout, or undefined when there is none (the run died before it). */
export function parseRecap(stdout: string): Recap | undefined {
  const lines = stdout.replace(ANSI, '').split(/\r?\n/);
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^PLAY RECAP\b/.test(lines[i] ?? '')) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const recap: Recap = new Map();
  for (const line of lines.slice(start + 1)) {
    const m = LINE.exec(line);
    if (!m) {
      if (line.trim() === '') continue;
      break;
    }
    const n = (i: number): number => Number(m[i]);
    recap.set(m[1] as string, {
      ok: n(2),
      changed: n(3),
      unreachable: n(4),
      failed: n(5),
      skipped: n(6),
      rescued: n(7),
      ignored: n(8),
    });
  }
  return recap;
}

/** "changed=3 on 4 hosts" or "changed 3/3/2/3" when hosts differ: a short summary for the table. */
export function changedSummary(recap: Recap): string {
  const values = [...recap.values()].map((c) => c.changed);
  if (values.length === 0) return 'no hosts';
  const first = values[0];
  if (values.every((v) => v === first)) return `changed=${first} x${values.length}`;
  return `changed ${values.join('/')}`;
}
