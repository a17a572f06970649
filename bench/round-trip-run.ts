// Run one round-trip case twice with `tsible-playbook -vvv` and count the `<host> EXEC|PUT|FETCH` lines: -vvv prints
// exactly one per round trip to the host (src/output/transport-line.ts).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labHome, type LabHost } from '../test/lab/lab.js';
import { shellOnHosts } from './lab-control.js';
import { parseRecap } from './recap.js';
import { BASE_SETUP, type RoundTripCase } from './round-trip-cases.js';

export interface RunCount {
  trips: number;
  /** changed, ok, failed or ignored (failed, ignore_errors), from the PLAY RECAP */
  verdict: string;
}

export interface CaseCount {
  first: RunCount;
  second: RunCount;
}

/** Round trips to `host` in a -vvv run's stdout. */
export function countRoundTrips(stdout: string, host: string): number {
  const prefix = `<${host}> `;
  return stdout.split('\n').filter((line) => line.startsWith(prefix) && /^(EXEC|PUT|FETCH) /.test(line.slice(prefix.length))).length;
}

function tsiblePlaybook(root: string, cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'tsible-playbook.js'), ...args], {
      cwd,
      env: { ...process.env, HOME: labHome(), ANSIBLE_NOCOLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

function runCount(stdout: string, host: string, what: string): RunCount {
  const counts = parseRecap(stdout)?.get(host);
  if (!counts) throw new Error(`${what}: no PLAY RECAP line for ${host}:\n${stdout}`);
  const verdict = counts.failed > 0 || counts.unreachable > 0 ? 'failed' : counts.ignored > 0 ? 'ignored' : counts.changed > 0 ? 'changed' : 'ok';
  return { trips: countRoundTrips(stdout, host), verdict };
}

/** Set the host up for the case, then run its task twice (first run, no-change run). */
export async function measureCase(c: RoundTripCase, o: { root: string; host: LabHost; work: string; served: string }): Promise<CaseCount> {
  const dir = join(o.work, c.module.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text, { mode: 0o755 });
  mkdirSync(join(dir, 'bundle', 'app'), { recursive: true });
  writeFileSync(join(dir, 'bundle', 'app', 'conf.ini'), 'x=1\n');
  execFileSync('tar', ['-C', join(dir, 'bundle'), '-czf', join(dir, 'bundle.tgz'), 'app']);
  writeFileSync(join(dir, 'inventory.ini'), `${o.host.name} ansible_host=${o.host.ip} ansible_user=root\n`);
  writeFileSync(join(dir, 'play.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n${c.task.replace(/^/gm, '    ')}\n`);
  await shellOnHosts([o.host], `${BASE_SETUP}\n${c.setup}`);
  const args = ['-vvv', '-i', 'inventory.ini', 'play.yml', '-e', `served=${o.served}`];
  const first = runCount(await tsiblePlaybook(o.root, dir, args), o.host.name, `${c.module}, first run`);
  const second = runCount(await tsiblePlaybook(o.root, dir, args), o.host.name, `${c.module}, second run`);
  return { first, second };
}
