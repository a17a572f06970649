// Helpers for tests that use the SSH test lab (test/lab/lab, see test/lab/README.md).
// The lab must already be up (`test/lab/lab up N`); these helpers only read its state
// files and call the lab script. Everything here needs root, like the lab itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LabHost {
  name: string;
  ip: string;
}

export interface LabResult {
  /** exit status of the command; -1 if it was killed by a signal */
  rc: number;
  stdout: string;
  stderr: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Path of the lab script: $TSIBLE_LAB_SCRIPT, else test/lab/lab (also when run from a build under dist/). */
export function labScript(): string {
  const fromEnv = process.env['TSIBLE_LAB_SCRIPT'];
  if (fromEnv) return fromEnv;
  const candidates = [join(here, 'lab'), resolve(here, '..', '..', '..', 'test', 'lab', 'lab')];
  return candidates.find((p) => existsSync(p)) ?? join(here, 'lab');
}

/** The lab's state dir: $TSIBLE_LAB_DIR or /run/tsible-lab. */
export function labDir(): string {
  return process.env['TSIBLE_LAB_DIR'] || '/run/tsible-lab';
}

/** Path of the lab's Ansible-style inventory ([lab] group, ansible_user=root). */
export function labInventory(): string {
  return join(labDir(), 'inventory.ini');
}

/** HOME to run tools with (holds .ssh/id_ed25519 and .ssh/known_hosts). */
export function labHome(): string {
  return join(labDir(), 'home');
}

/** The lab's hosts, in order (labh1, labh2, ...), from hosts.txt. */
export function labHosts(): LabHost[] {
  const file = join(labDir(), 'hosts.txt');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`the SSH test lab is not up (no ${file}); run: ${labScript()} up N`);
  }
  const hosts: LabHost[] = [];
  for (const line of text.split('\n')) {
    const [name, ip] = line.trim().split(/\s+/);
    if (name && ip) hosts.push({ name, ip });
  }
  return hosts;
}

function runLab(args: string[], input?: string): LabResult {
  const r = spawnSync(labScript(), args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }),
  });
  if (r.error) throw new Error(`cannot run ${labScript()}: ${r.error.message}`);
  return { rc: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Run a shell command (`sh -c cmd`) as root inside a lab host (its network and UTS
 * namespaces, chrooted into its root). rc is the command's exit status; 125 means the
 * lab itself failed (e.g. the host is not up).
 */
export function labExec(host: string, cmd: string): LabResult {
  return runLab(['exec', host, 'sh', '-c', cmd]);
}

/** Stop or start one host's sshd (stop kills its sessions too: the host becomes unreachable). */
export function labSshd(host: string, action: 'stop' | 'start'): void {
  const r = runLab(['sshd', action, host]);
  if (r.rc !== 0) {
    throw new Error(`lab sshd ${action} ${host} failed (rc ${r.rc}): ${r.stderr.trim()}`);
  }
}
