// ansible-core 2.14's own integration playbooks (../shared/compat), run by ansible-playbook and by tsible-playbook
// on this machine (local connection): the PLAY RECAP lines and the exit code must be the same.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansibleAvailable, ROOT, runCli, runCommand, recapLines } from './cli.js';

// beside the checkout (../shared), or beside the worktrees' parent when run from a git worktree (../../shared)
const COMPAT = [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].map((d) => join(d, 'compat', 'ansible-core-2.14')).find((d) => existsSync(d)) ?? '';
const TARGETS = ['blocks', 'handlers', 'include_import', 'tags'];

/** Playbooks that cannot match yet, and why: each one names the issue that brings what it needs. */
const PENDING: Record<string, string> = {
};

describe.runIf(ansibleAvailable() && COMPAT !== '')('ansible-core 2.14 compat playbooks, side by side on localhost', () => {
  // a HOME of its own: ansible writes ~/.ansible, which must not land in the lab's state dir
  const home = mkdtempSync(join(tmpdir(), 'tsible-compat-home-'));
  for (const target of TARGETS) {
    const dir = join(COMPAT, target);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()) {
      const key = `${target}/${file}`;
      const run = PENDING[key] ? it.skip : it;
      run(`${key}${PENDING[key] ? ` (pending: ${PENDING[key]})` : ''}`, async () => {
        const args = ['-i', 'localhost,', '-c', 'local', file];
        const env = { ANSIBLE_NOCOLOR: '1' };
        const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { cwd: dir, env, home }), runCli('tsible-playbook', args, { cwd: dir, env, home })]);
        expect(recapLines(ours.stdout)).toEqual(recapLines(theirs.stdout));
        expect(ours.code).toBe(theirs.code);
      });
    }
  }
});

/** The inventory names the targets use (as compat-lab.test.ts gives them), every one this machine. */
function namedHosts(dir: string): string {
  const host = (name: string, extra = ''): string => `${name} ansible_connection=local ansible_python_interpreter=/usr/bin/python3${extra}`;
  const file = join(dir, 'named-hosts.ini');
  const lines = [host('testhost', ' host_var_role_name=role3'), host('testhost2', ' host_var_role_name=role2'), host('host1'), host('host2'), '[testgroup]'];
  writeFileSync(file, [...lines, ...['A', 'B', 'C', 'D', 'E'].map((name) => host(name)), '[local]', 'testhost', 'testhost2', ''].join('\n'));
  return file;
}

const FIXTURES = join(ROOT, 'test', 'integration', 'fixtures', 'compat-local');

/** Runs of the targets that need their own host names (testhost, A..E, host1...), and playbooks of ours on them. */
const NAMED: Array<{ dir: string; playbook: string; args?: string[] }> = [
  { dir: 'blocks', playbook: '72725.yml' },
  { dir: 'blocks', playbook: 'main.yml' },
  { dir: FIXTURES, playbook: 'errors-fatal-always.yml' },
  { dir: 'handlers', playbook: 'from_handlers.yml' },
  { dir: 'handlers', playbook: 'test_flush_handlers_rescue_always.yml' },
  { dir: 'handlers', playbook: 'test_handlers_infinite_loop.yml' },
  { dir: 'handlers', playbook: 'test_skip_flush.yml' },
  { dir: 'roles', playbook: 'allowed_dupes.yml' },
  { dir: 'roles', playbook: 'data_integrity.yml' },
  { dir: 'roles', playbook: 'no_outside.yml' },
  { dir: 'roles', playbook: 'allowed_dupes.yml', args: ['--tags', 'importrole'] },
  { dir: 'roles', playbook: 'no_dupes.yml' },
  { dir: 'roles', playbook: 'no_dupes.yml', args: ['--tags', 'intasks'] },
];

describe.runIf(ansibleAvailable() && COMPAT !== '')('ansible-core 2.14 compat playbooks on their own host names, side by side on localhost', () => {
  const home = mkdtempSync(join(tmpdir(), 'tsible-compat-home-'));
  const inventory = namedHosts(home);
  for (const { dir: where, playbook, args: extra = [] } of NAMED) {
    it(`${basename(where)}/${playbook} ${extra.join(' ')}`, async () => {
      const dir = resolve(COMPAT, where);
      const args = ['-i', inventory, '-e', `compat_tmp=${join(home, 'remote')}`, ...extra, playbook];
      const env = { ANSIBLE_NOCOLOR: '1', ANSIBLE_ROLES_PATH: `${join(ROOT, 'test', 'integration', 'fixtures', 'compat-lab', 'roles')}:${COMPAT}`, OUTPUT_DIR: join(home, 'remote') };
      const [theirs, ours] = await Promise.all([runCommand('ansible-playbook', args, { cwd: dir, env, home }), runCli('tsible-playbook', args, { cwd: dir, env, home })]);
      expect(recapLines(ours.stdout), `ansible:\n${theirs.stdout.slice(-2000)}\ntsible:\n${ours.stdout.slice(-2000)}${ours.stderr}`).toEqual(recapLines(theirs.stdout));
      expect(ours.code).toBe(theirs.code);
    });
  }
});
