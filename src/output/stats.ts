import type { HostStatus } from '../executor/outcome.js';

/** Per-host counters for PLAY RECAP, as Ansible's AggregateStats keeps them. */
export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

/** Count one task result: changed also counts as ok; an ignored failure counts as ok and ignored (and changed, if it changed). */
export function countOutcome(stats: HostStats, status: HostStatus, ignored: boolean, changed = false): void {
  switch (status) {
    case 'ok':
      stats.ok += 1;
      return;
    case 'changed':
      stats.ok += 1;
      stats.changed += 1;
      return;
    case 'skipped':
      stats.skipped += 1;
      return;
    case 'failed':
      if (ignored) {
        stats.ok += 1;
        stats.ignored += 1;
        if (changed) stats.changed += 1;
      } else stats.failed += 1;
      return;
    case 'unreachable':
      if (ignored) stats.ignored += 1;
      else stats.unreachable += 1;
      return;
  }
}
