// Runs tsible's real CLI entry points as a user would, and captures what they print.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labHome } from '../lab/lab.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Spawn `bin/<program>.js args`, HOME set to the lab's (its key and known_hosts) unless told otherwise. */
export function runCli(
  program: 'tsible' | 'tsible-playbook' | 'tsible-inventory' | 'tsible-vault' | 'tsible-doc',
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; home?: string; onStart?: (pid: number) => void } = {},
): Promise<CliRun> {
  return runCommand(process.execPath, [join(ROOT, 'bin', `${program}.js`), ...args], options);
}

/** Spawn any command with the same capture (for running real `ansible` side by side). */
export function runCommand(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; home?: string; onStart?: (pid: number) => void } = {},
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, HOME: options.home ?? labHome(), ANSIBLE_NOCOLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    if (child.pid !== undefined) options.onStart?.(child.pid);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Split minimal-callback output into per-host blocks: `host | STATE ...` up to the next host line. */
export function hostBlocks(stdout: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let current: string | undefined;
  for (const line of stdout.replace(/\n$/, '').split('\n')) {
    const match = /^(\S+) \| /.exec(line);
    if (match) current = match[1];
    if (current !== undefined) blocks.set(current, `${blocks.get(current) ?? ''}${line}\n`);
  }
  return blocks;
}

/** Is Debian's ansible-core here to compare with? (CI installs it; a developer machine may not have it.) */
export function ansibleAvailable(): boolean {
  try {
    execFileSync('ansible', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The PLAY RECAP lines of a run's stdout, spaces collapsed: what side-by-side tests compare. */
export function recapLines(stdout: string): string[] {
  const at = stdout.lastIndexOf('PLAY RECAP');
  if (at < 0) return [];
  return stdout
    .slice(at)
    .split('\n')
    .filter((line) => line.includes(' : ok='))
    .map((line) => line.replace(/\s+/g, ' ').trim());
}
