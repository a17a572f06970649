/** Ansible's exit codes (cli/__init__.py, task_queue_manager.py): the only numbers tsible exits with. */
export const EXIT = {
  ok: 0,
  error: 1,
  hostFailed: 2,
  unreachable: 4,
  parserError: 4,
  badOptions: 5,
  interrupted: 99,
  bug: 250,
} as const;

/** A run's result code: unreachable wins over failed, as in Ansible. */
export function runExitCode(stats: { failed: number; unreachable: number }): number {
  if (stats.unreachable > 0) return EXIT.unreachable;
  if (stats.failed > 0) return EXIT.hostFailed;
  return EXIT.ok;
}
