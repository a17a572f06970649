// Runs one command the way every tool is timed: inside the controller netns, under /usr/bin/time (max RSS,
// user+sys of waited children) and in its own cgroup (CPU of every process it started), output to a log.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { makeCpuCgroup } from './cpu-cgroup.js';

export const TIME_BIN = '/usr/bin/time';

export interface Measured {
  wallS: number;
  cpuS: number;
  /** where cpuS comes from */
  cpuSource: 'cgroup' | 'rusage';
  /** CPU time of the whole machine while the command ran (controller, every lab host's sshd and shells, and
   *  anything else running), seconds; NaN without /proc/stat */
  machineCpuS: number;
  maxRssKb: number;
  rc: number;
  timedOut: boolean;
  stdout: string;
}

export interface MeasureOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdout and stderr of the run */
  logFile: string;
  timeoutS: number;
  /** network namespace to run in (ip netns exec) */
  netns: string;
}

/** "%e %U %S %M" as /usr/bin/time writes it (after a "Command exited with non-zero status" line, if any). */
export function parseTimeOutput(text: string): { userS: number; sysS: number; maxRssKb: number } | undefined {
  const line = text.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(line.trim());
  if (!m) return undefined;
  return { userS: Number(m[2]), sysS: Number(m[3]), maxRssKb: Number(m[4]) };
}

/** Busy CPU time of all CPUs since boot, seconds: the `cpu` line of /proc/stat without idle and iowait. */
export function parseProcStatBusyS(text: string, ticksPerS = 100): number {
  const fields = /^cpu\s+(.*)$/m.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 5 || fields.some(Number.isNaN)) return NaN;
  // user nice system idle iowait irq softirq steal [guest guest_nice, already inside user and nice]
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / ticksPerS;
}

function machineBusyS(): number {
  try {
    return parseProcStatBusyS(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return NaN;
  }
}

const running = new Set<() => void>();

/** Kill every run in progress (Ctrl-C of the harness: the runs are in their own process groups). */
export function abortRunning(): void {
  for (const kill of running) kill();
}

export async function measure(cmd: readonly string[], o: MeasureOptions): Promise<Measured> {
  if (!existsSync(TIME_BIN)) throw new Error(`${TIME_BIN} is missing (apt-get install time)`);
  const timeFile = `${o.logFile}.time`;
  const cg = makeCpuCgroup();
  // sh joins the cgroup, then execs time, which runs the command in the netns
  const script = 'f=$1; shift; if [ -n "$f" ]; then echo $$ > "$f" || exit 97; fi; exec "$@"';
  const args = [
    '-c', script, 'sh', cg?.procsFile ?? '',
    TIME_BIN, '-f', '%e %U %S %M', '-o', timeFile,
    'ip', 'netns', 'exec', o.netns, ...cmd,
  ];
  const log = createWriteStream(o.logFile);
  log.write(`$ ${cmd.join(' ')}\n`);
  const busy0 = machineBusyS();
  const t0 = process.hrtime.bigint();
  const child = spawn('sh', args, { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => {
    chunks.push(b);
    log.write(b);
  });
  child.stderr.on('data', (b: Buffer) => log.write(b));
  let timedOut = false;
  const kill = (): void => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    for (const pid of cg?.pids() ?? []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  };
  running.add(kill);
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, o.timeoutS * 1000);
  const rc = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : -1)));
  }).finally(() => {
    clearTimeout(timer);
    running.delete(kill);
  });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const machineCpuS = machineBusyS() - busy0;
  await new Promise<void>((r) => log.end(r));
  const cgCpu = cg?.cpuS();
  await cg?.remove();
  const t = existsSync(timeFile) ? parseTimeOutput(readFileSync(timeFile, 'utf8')) : undefined;
  rmSync(timeFile, { force: true });
  const measured: Measured = {
    wallS,
    cpuS: cgCpu ?? (t ? t.userS + t.sysS : NaN),
    cpuSource: cgCpu !== undefined ? 'cgroup' : 'rusage',
    machineCpuS,
    maxRssKb: t?.maxRssKb ?? NaN,
    rc,
    timedOut,
    stdout: Buffer.concat(chunks).toString('utf8'),
  };
  return measured;
}
