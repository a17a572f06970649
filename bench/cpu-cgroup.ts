// A throwaway cgroup per run: its CPU counter covers every process the run started, including the ones
// that daemonize (OpenSSH ControlPersist masters of ansible), which getrusage of children misses.
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CpuCgroup {
  /** file a process writes its pid to, to join */
  procsFile: string;
  /** CPU time (user + sys) of everything that ran in it so far, seconds */
  cpuS(): number;
  pids(): number[];
  /** kill what is left (TERM, then KILL), then remove the cgroup */
  remove(): Promise<void>;
}

let serial = 0;

function tryMake(parent: string, read: (dir: string) => number): CpuCgroup | undefined {
  const dir = join(parent, `tsible-bench-${process.pid}-${++serial}`);
  try {
    mkdirSync(dir);
    read(dir);
  } catch {
    return undefined;
  }
  const pids = (): number[] => {
    try {
      return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  return {
    procsFile: join(dir, 'cgroup.procs'),
    cpuS: () => read(dir),
    pids,
    async remove() {
      for (const [signal, tries] of [['SIGTERM', 30], ['SIGKILL', 30]] as const) {
        for (const pid of pids()) {
          try {
            process.kill(pid, signal);
          } catch {
            // already gone
          }
        }
        for (let i = 0; i < tries && pids().length; i++) await new Promise((r) => setTimeout(r, 100));
        if (!pids().length) break;
      }
      try {
        rmdirSync(dir);
      } catch {
        // still busy: left for the operator; named tsible-bench-*
      }
    },
  };
}

/** A new cgroup to measure CPU (cgroup v1 cpuacct or v2 cpu.stat), or undefined when none can be made. */
export function makeCpuCgroup(): CpuCgroup | undefined {
  const v1 = '/sys/fs/cgroup/cpuacct';
  if (existsSync(join(v1, 'cpuacct.usage'))) {
    const cg = tryMake(v1, (d) => Number(readFileSync(join(d, 'cpuacct.usage'), 'utf8').trim()) / 1e9);
    if (cg) return cg;
  }
  const v2 = '/sys/fs/cgroup';
  if (existsSync(join(v2, 'cgroup.controllers'))) {
    return tryMake(v2, (d) => {
      const m = /^usage_usec (\d+)$/m.exec(readFileSync(join(d, 'cpu.stat'), 'utf8'));
      if (!m) throw new Error('no usage_usec in cpu.stat');
      return Number(m[1]) / 1e6;
    });
  }
  return undefined;
}
