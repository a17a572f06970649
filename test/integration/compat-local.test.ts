// ansible-core 2.14's own integration playbooks (../shared/compat), run by ansible-playbook and by tsible-playbook
// on this machine (local connection): the PLAY RECAP lines and the exit code must be the same.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansibleAvailable, ROOT, runCli, runCommand, recapLines } from './cli.js';

const COMPAT = resolve(ROOT, '..', 'shared', 'compat', 'ansible-core-2.14');
const TARGETS = ['blocks', 'handlers', 'include_import', 'tags'];

/** Playbooks that cannot match yet, and why: each one names the issue that brings what it needs. */
const PENDING: Record<string, string> = {
};

describe.runIf(ansibleAvailable() && existsSync(COMPAT))('ansible-core 2.14 compat playbooks, side by side on localhost', () => {
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
