// The verbatim samples of the compat spec (spec/artifacts/playbooks, recorded from ansible-playbook 2.14 in /play):
// each is run again with tsible, the same way, and must print what Ansible printed. Only paths (/play -> the temp
// copy) and timings (start, end, delta) are normalised.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ansibleAvailable, runCli, runCommand } from './cli.js';

const ARTIFACTS = process.env.TSIBLE_SPEC_ARTIFACTS ?? '/work/shared/spec/artifacts/playbooks';

const timings = (text: string): string =>
  text.replace(/"(start|end)": "[\d-]+ [\d:.]+"/g, '"$1": "<time>"').replace(/"delta": "[\d:.]+"/g, '"delta": "<delta>"');

/** A fresh /play: the artifacts with every `/play/` in the playbooks pointing at a temp dir; outputs removed. */
function freshPlay(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-spec-play-'));
  cpSync(ARTIFACTS, dir, { recursive: true });
  for (const file of [...readdirSync(dir).filter((f) => f.endsWith('.yml')), 'roles/web/tasks/main.yml']) {
    writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf8').replaceAll('/play/', `${dir}/`), { mode: 0o644 });
  }
  // what the recorded runs created; diff.txt (line1, line2) is the state diff.yml started from
  for (const output of ['out.txt', 't.out', 'adhoc.txt']) rmSync(join(dir, output), { force: true });
  return dir;
}

const recorded = (name: string): string => readFileSync(join(ARTIFACTS, name), 'utf8');

describe.runIf(existsSync(ARTIFACTS))('the spec samples, reproduced by tsible', () => {
  let dir = '';
  const home = mkdtempSync(join(tmpdir(), 'tsible-spec-home-'));
  beforeEach(() => {
    dir = freshPlay();
  });
  const run = (args: string[]) => runCli('tsible-playbook', args, { cwd: dir, home });
  const asRecorded = (text: string): string => timings(text.replaceAll(dir, '/play'));

  it('run1.txt: site.yml (a role, a template, loops, block/rescue, until, a handler) -> out.txt, t.out', async () => {
    // ansible-playbook -i localhost, -c local site.yml -e template_host=vm
    const ours = await run(['-i', 'localhost,', '-c', 'local', 'site.yml', '-e', 'template_host=vm']);
    expect(asRecorded(ours.stdout)).toBe(timings(recorded('run1.txt')));
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(recorded('out.txt'));
    expect(readFileSync(join(dir, 't.out'), 'utf8')).toBe(recorded('t.out'));
  });

  // Ansible's copy action writes `content` to a controller temp file, ~/.ansible/tmp/ansible-local-<pid><random>/tmp<random>,
  // and names it in the diff's after header: only its random part is normalised.
  it('run2.txt: diff.yml with --check --diff, from diff.txt (left as it was)', async () => {
    const ours = await run(['-i', 'localhost,', '-c', 'local', 'diff.yml', '--check', '--diff']);
    const controllerTemp = (text: string): string => text.replace(/^(\+\+\+ after: ~\/\.ansible\/tmp\/ansible-local-)\d+\w{8}\/tmp\w{8}$/m, '$1<pid, random>/tmp<random>');
    expect(controllerTemp(asRecorded(ours.stdout).replaceAll(home, '~'))).toBe(controllerTemp(timings(recorded('run2.txt'))));
    expect(ours.code).toBe(0);
    expect(readFileSync(join(dir, 'diff.txt'), 'utf8')).toBe(recorded('diff.txt'));
  });

  // Within a task, hosts report in the order they finish, a race in Ansible too (run it twice: bad and h2 swap):
  // each task's lines are compared as a set. h1's first module result carries the discovered_interpreter_python fact.
  it('run3.txt: fail.yml on inv3 — the same lines in each task, the same recap and exit code', async () => {
    const ours = await run(['-i', 'inv3', 'fail.yml']);
    const byTask = (text: string): string[] =>
      text.split('\n\n').map((block) => {
        const [banner, ...lines] = block.split('\n');
        return [banner, ...(banner?.startsWith('TASK') ? lines.sort() : lines)].join('\n');
      });
    expect(byTask(asRecorded(ours.stdout))).toEqual(byTask(timings(recorded('run3.txt'))));
    expect(ours.code).toBe(2);
  });

  it('run4.txt: unr.yml on inv3 limited to bad (127.0.0.1 port 1: connection refused)', async () => {
    const ours = await run(['-i', 'inv3', 'unr.yml', '-l', 'bad']);
    expect(asRecorded(ours.stdout)).toBe(timings(recorded('run4.txt')));
    expect(ours.code).toBe(4);
  });

  it('adhoc.txt: an ad-hoc copy of content=x', async () => {
    // ansible localhost -i localhost, -c local -m copy -a 'content=x dest=/play/adhoc.txt'
    const ours = await runCli('tsible', ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'copy', '-a', `content=x dest=${dir}/adhoc.txt`], { cwd: dir, home });
    expect(ours.code).toBe(0);
    expect(ours.stdout).toMatch(/^localhost \| CHANGED => \{\n/);
    expect(readFileSync(join(dir, 'adhoc.txt'), 'utf8')).toBe(recorded('adhoc.txt'));
  });

  // The playbooks the spec quotes without a .txt of their own: run again by ansible-playbook, side by side, on inv3,
  // each in its own fresh copy. With -f 1 where hosts race (the order results arrive in; tags.yml's two local hosts
  // writing the same t.out): one host at a time, Ansible's order is fixed.
  // bad2.yml: libyaml's words for an unclosed [, with the lines around the end of the file.
  // until.yml: debug var= templates `{{ r.attempts }}`, so Ansible shows the registered number as the string "3".
  const SIDE_BY_SIDE = [['gf.yml'], ['serial.yml'], ['types.yml'], ['v.yml', '-v'], ['bad.yml'], ['bad2.yml'], ['both.yml'], ['handlers2.yml'], ['until.yml'],
    ['handlers.yml', '-f', '1'], ['misc.yml', '-f', '1'], ['twoplay.yml', '-f', '1'], ['tags.yml', '-f', '1'], ['fatal.yml']];
  for (const [file, ...extra] of SIDE_BY_SIDE) {
    it.runIf(ansibleAvailable())(`${file} ${extra.join(' ')}: as ansible-playbook prints it`, async () => {
      const args = ['-i', 'inv3', file as string, ...extra];
      const theirsDir = freshPlay();
      const theirs = await runCommand('ansible-playbook', args, { cwd: theirsDir, home });
      const ours = await run(args);
      const asOurs = (text: string): string => timings(text.replaceAll(theirsDir, dir));
      expect(timings(ours.stdout)).toBe(asOurs(theirs.stdout));
      expect(ours.stderr).toBe(asOurs(theirs.stderr));
      expect(ours.code).toBe(theirs.code);
      rmSync(theirsDir, { recursive: true, force: true });
    });
  }
});
