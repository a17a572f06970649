// Every module Ansible also has, side by side on two lab hosts: each fixture under fixtures/side-by-side/NAME/ is a
// playbook (site.yml, `hosts: all`) run twice by ansible-playbook against one host and twice by tsible-playbook against
// the other. Both hosts start from the same state (setup.sh, if present, runs on each first). The per-task verdicts
// (ok / changed / failed / skipping, per item), the PLAY RECAP, the exit code of each run and the end state printed by
// state.sh on each host must be the same. A fixture whose requires.sh fails on either host (it prints why) is skipped:
// what it needs is not in this lab's image.
//
// TSIBLE_SBS_HOSTS=labhA,labhB picks the two hosts (default: the lab's last two); TSIBLE_SBS_ONLY=name,... picks fixtures.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labExec, labHosts } from '../lab/lab.js';
import { ansibleAvailable, ROOT, runCli, runCommand } from './cli.js';

const FIXTURES = join(ROOT, 'test', 'integration', 'fixtures', 'side-by-side');

/** The task-by-task story a user reads: banners and per-host verdict lines, result payloads left out. */
export function verdicts(stdout: string): string[] {
  const lines: string[] = [];
  for (const line of stdout.split('\n')) {
    const banner = /^(PLAY|TASK|RUNNING HANDLER) \[(.*)\] \*+$/.exec(line);
    if (banner) {
      lines.push(`${banner[1]} [${banner[2]}]`);
      continue;
    }
    const verdict = /^(ok|changed|failed|fatal|skipping|included|unreachable): \[([^\]]+)\](?: => \(item=(.*?)\))?(?: \(item=(.*?)\))?/.exec(line);
    if (verdict) lines.push(`${verdict[1]}: [${verdict[2]}]${verdict[3] ?? verdict[4] ? ` (item=${verdict[3] ?? verdict[4]})` : ''}`);
    if (/^\S+\s+: ok=\d+/.test(line)) lines.push(line.replace(/\s+/g, ' ').trim());
  }
  return lines;
}

function fixtureNames(): string[] {
  if (!existsSync(FIXTURES)) return [];
  const only = process.env['TSIBLE_SBS_ONLY']?.split(',').filter(Boolean);
  return readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'site.yml')))
    .filter((name) => !only || only.includes(name))
    .sort();
}

function pickHosts(): [{ name: string; ip: string }, { name: string; ip: string }] {
  const all = labHosts();
  const wanted = process.env['TSIBLE_SBS_HOSTS']?.split(',');
  const pick = wanted ? wanted.map((n) => all.find((h) => h.name === n)) : all.slice(-2);
  if (pick.length !== 2 || !pick[0] || !pick[1]) throw new Error(`TSIBLE_SBS_HOSTS must name two lab hosts (have ${all.map((h) => h.name).join(', ')})`);
  return [pick[0], pick[1]];
}

function sh(host: string, script: string, what: string): string {
  const r = labExec(host, script);
  if (r.rc !== 0) throw new Error(`${what} failed on ${host} (rc ${r.rc}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const names = fixtureNames();

describe.runIf(ansibleAvailable() && names.length > 0)('modules side by side with ansible-playbook on two lab hosts', () => {
  for (const name of names) {
    it(name, async (ctx) => {
      const dir = join(FIXTURES, name);
      const [theirsHost, oursHost] = pickHosts();
      const requires = join(dir, 'requires.sh');
      for (const host of [theirsHost, oursHost]) {
        const r = existsSync(requires) ? labExec(host.name, readFileSync(requires, 'utf8')) : null;
        ctx.skip(r !== null && r.rc !== 0, `${name}: ${(r?.stdout ?? '').trim() || `requires.sh failed on ${host.name}`}`);
      }
      const setup = join(dir, 'setup.sh');
      const state = join(dir, 'state.sh');
      for (const host of [theirsHost, oursHost]) if (existsSync(setup)) sh(host.name, readFileSync(setup, 'utf8'), `${name}/setup.sh`);

      // the same inventory_hostname on both sides, so the two outputs read alike
      const work = mkdtempSync(join(tmpdir(), `tsible-sbs-${name}-`));
      const inventory = (ip: string): string => {
        const file = join(work, `inventory-${ip}.ini`);
        writeFileSync(file, `target ansible_host=${ip} ansible_user=root ansible_python_interpreter=/usr/bin/python3\n`);
        return file;
      };
      const theirsInv = inventory(theirsHost.ip);
      const oursInv = inventory(oursHost.ip);
      const env = { ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_LOCAL_TEMP: join(work, 'ansible-tmp') };
      for (const round of [1, 2]) {
        const [theirs, ours] = await Promise.all([
          runCommand('ansible-playbook', ['-i', theirsInv, 'site.yml'], { cwd: dir, env }),
          runCli('tsible-playbook', ['-i', oursInv, 'site.yml'], { cwd: dir, env }),
        ]);
        const context = `${name}, run ${round}\n--- ansible-playbook:\n${theirs.stdout}${theirs.stderr}\n--- tsible-playbook:\n${ours.stdout}${ours.stderr}`;
        expect(verdicts(theirs.stdout).filter((l) => l.startsWith('TASK')).length, `${context}\nansible-playbook ran no task`).toBeGreaterThan(0);
        expect(verdicts(ours.stdout), context).toEqual(verdicts(theirs.stdout));
        expect(ours.code, context).toBe(theirs.code);
      }
      if (existsSync(state)) {
        const script = readFileSync(state, 'utf8');
        expect(sh(oursHost.name, script, `${name}/state.sh`), `${name}: end state (state.sh) on the tsible host vs the ansible host`).toBe(
          sh(theirsHost.name, script, `${name}/state.sh`),
        );
      }
    }, 240_000);
  }
});
