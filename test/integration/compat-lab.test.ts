// ansible-core 2.14's own integration targets (../shared/compat), run against the SSH lab: ansible-playbook
// against labh3, tsible-playbook against labh4, at the same time. Both get the same inventory names (testhost,
// testhost2, A..E, ...) pointing at their own host, so the PLAY RECAP lines and the exit code must be the same.
//
// The upstream runme.sh scripts were not copied with the targets; the extra invocations below (--check,
// --tags ...) rebuild the obvious ones from upstream's runme.sh, and the role targets (no runme.sh) run through
// the wrapper playbooks in fixtures/compat-lab/, which say how they stand in for ansible-test's generated play.
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labHome, labHosts } from '../lab/lab.js';
import { ansibleAvailable, type CliRun, ROOT, runCli, runCommand, recapLines } from './cli.js';

// beside the checkout (../shared), or beside the worktrees' parent when run from a git worktree (../../shared)
const COMPAT = [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].map((d) => join(d, 'compat', 'ansible-core-2.14')).find((d) => existsSync(d)) ?? '';
const FIXTURES = join(ROOT, 'test', 'integration', 'fixtures', 'compat-lab');
/**
 * ansible-playbook runs against the first, tsible-playbook against the second (TSIBLE_COMPAT_LAB_HOSTS=labh5,labh6
 * picks others; one name, or the same one twice, runs both against that host, each in its own remote dirs; what a
 * target writes elsewhere is shared then: copy's check_mode.yml copies to checkmode_subdir in the home dir, and
 * wrapper/copy-check_mode.yml differs only because the two runs race there).
 */
const [ANSIBLE_HOST, TSIBLE_HOST = ANSIBLE_HOST] = (process.env.TSIBLE_COMPAT_LAB_HOSTS ?? 'labh3,labh4').split(',');
/** TSIBLE_COMPAT_LAB_ONLY=REGEX runs only the runs whose key matches, pending ones included (to work on one). */
const ONLY = process.env.TSIBLE_COMPAT_LAB_ONLY ? new RegExp(process.env.TSIBLE_COMPAT_LAB_ONLY) : undefined;

/** Runs that cannot match yet, and why: each names what tsible lacks. */
const PENDING: Record<string, string> = {};

interface Run {
  key: string;
  dir: string;
  playbook: string;
  args: string[];
  /** files upstream's runme.sh writes into the target before this run: it runs in a scratch copy that has them */
  generate?: (dir: string) => void;
}

/** include_import/runme.sh gen_task_files: tasks/hello/tasks-file-001.yml ... -039.yml, one debug task each. */
function genTaskFiles(dir: string): void {
  for (let i = 1; i <= 39; i++) {
    const n = String(i).padStart(3, '0');
    writeFileSync(join(dir, 'tasks', 'hello', `tasks-file-${n}.yml`), `- name: Hello Message\n  debug:\n    msg: Task file ${n}\n`);
  }
}

/** What a run's runme.sh generates, by run key. */
const GENERATED: Record<string, (dir: string) => void> = {
  'include_import/test_copious_include_tasks.yml': genTaskFiles,
  'include_import/test_copious_include_tasks_fqcn.yml': genTaskFiles,
};

/** Every top-level playbook of a target, as upstream's runme.sh runs most of them: with no extra arguments. */
function playbooks(target: string): Run[] {
  const dir = join(COMPAT, target);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ key: `${target}/${f}`, dir, playbook: f, args: [], generate: GENERATED[`${target}/${f}`] }));
}

function withArgs(target: string, playbook: string, args: string[]): Run {
  return { key: `${target}/${playbook} ${args.join(' ')}`, dir: join(COMPAT, target), playbook, args };
}

const ALL_RUNS: Run[] = [
  ...['blocks', 'handlers', 'include_import', 'roles', 'tags', 'template'].flatMap(playbooks),
  // check_mode/runme.sh
  withArgs('check_mode', 'check_mode.yml', ['-v', '--check']),
  withArgs('check_mode', 'check_mode-on-cli.yml', ['-v', '--check']),
  withArgs('check_mode', 'check_mode-not-on-cli.yml', ['-v']),
  // roles/runme.sh
  ...['inroles', 'acrossroles', 'intasks'].map((tag) => withArgs('roles', 'no_dupes.yml', ['--tags', tag])),
  ...['importrole', 'includerole'].map((tag) => withArgs('roles', 'allowed_dupes.yml', ['--tags', tag])),
  // tags/runme.sh (it lists tasks; here they run)
  ...[['--tags', 'tag'], ['--skip-tags', 'tag'], ['--skip-tags', 'くらとみ'], ['--tags', 'くらとみ'], ['--tags', 'café'], ['--tags', 'donever']].map((args) => withArgs('tags', 'test_tags.yml', args)),
  // role targets, through fixtures/compat-lab/ wrappers
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => ({ key: `wrapper/${f}`, dir: FIXTURES, playbook: f, args: [] })),
];

const RUNS = ONLY ? ALL_RUNS.filter((run) => ONLY.test(run.key)) : ALL_RUNS;
const pendingOf = (run: Run): string | undefined => (ONLY ? undefined : PENDING[run.key]);

/** The inventory names the targets use (testhost, the handlers' testgroup, include_import's local group...), all one lab host. */
function inventory(address: string): string {
  const host = (name: string, extra = ''): string => `${name} ansible_host=${address} ansible_user=root ansible_python_interpreter=/usr/bin/python3${extra}`;
  return [
    host('testhost', ' host_var_role_name=role3'),
    host('testhost2', ' host_var_role_name=role2'),
    host('host1'),
    host('host2'),
    '[testgroup]',
    ...['A', 'B', 'C', 'D', 'E'].map((name) => host(name)),
    '[local]',
    'testhost',
    'testhost2',
    '',
  ].join('\n');
}

/** At most `limit` jobs at once, started in the order they were asked for. */
function limiter(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (active >= limit) await new Promise<void>((wake) => waiting.push(wake));
    else active++;
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

describe.runIf(ansibleAvailable() && COMPAT !== '' && existsSync(labHome()))('ansible-core 2.14 compat targets, side by side on the lab', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tsible-compat-lab-'));
  // a HOME of its own with the lab's key and known_hosts: ansible writes ~/.ansible, which must not land in the lab's state dir
  const home = join(scratch, 'home');
  cpSync(join(labHome(), '.ssh'), join(home, '.ssh'), { recursive: true });
  const addresses = new Map(labHosts().map((h) => [h.name, h.ip]));
  const inventories = [ANSIBLE_HOST, TSIBLE_HOST].map((name) => {
    const address = addresses.get(name);
    if (!address) throw new Error(`lab host ${name} is not up`);
    const file = join(scratch, `${name}.ini`);
    writeFileSync(file, inventory(address));
    return file;
  });

  // every pair starts at once, a few at a time (the lab hosts and this machine are shared; each run has its own
  // remote dir), in the order the tests below read them
  const slot = limiter(6);
  const pairs = new Map<string, Promise<[CliRun, CliRun]>>();
  // a run whose runme.sh generates files gets a copy of its target (never written into the shared one)
  const targetDir = (run: Run, index: number): string => {
    if (!run.generate) return run.dir;
    const copy = join(scratch, 'targets', String(index), basename(run.dir));
    cpSync(run.dir, copy, { recursive: true });
    run.generate(copy);
    return copy;
  };
  const pair = (run: Run, index: number): Promise<[CliRun, CliRun]> => {
    // a directory of its own on the target for the role targets' remote_tmp_dir and the template target's output_dir
    // (named after this run's scratch dir: what an earlier run left on the host must not change a verdict), one per
    // tool when both run against the same host
    const remote = (tool: string): string => `/tmp/${basename(scratch)}-${index}${ANSIBLE_HOST === TSIBLE_HOST ? `-${tool}` : ''}`;
    const env = (tool: string): Record<string, string> => ({
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_ROLES_PATH: join(FIXTURES, 'roles') + ':' + COMPAT,
      ANSIBLE_LOCAL_TEMP: join(home, '.ansible', 'tmp'),
      OUTPUT_DIR: remote(tool),
    });
    const args = (inv: string, tool: string): string[] => ['-i', inv, '-e', `compat_tmp=${remote(tool)}`, ...run.args, run.playbook];
    return slot(() => {
      const cwd = targetDir(run, index);
      return Promise.all([
        runCommand('ansible-playbook', args(inventories[0]!, 'ansible'), { cwd, env: env('ansible'), home }),
        runCli('tsible-playbook', args(inventories[1]!, 'tsible'), { cwd, env: env('tsible'), home }),
      ]);
    });
  };
  const runPair = (run: Run, index: number): Promise<[CliRun, CliRun]> => {
    let started = pairs.get(run.key);
    if (!started) {
      started = pair(run, index);
      pairs.set(run.key, started);
    }
    return started;
  };
  beforeAll(() => {
    RUNS.forEach((run, index) => {
      if (!pendingOf(run)) void runPair(run, index).catch(() => undefined);
    });
  });

  RUNS.forEach((run, index) => {
    const pending = pendingOf(run);
    (pending ? it.skip : it)(`${run.key}${pending ? ` (pending: ${pending})` : ''}`, async () => {
      const [theirs, ours] = await runPair(run, index);
      expect(recapLines(ours.stdout), `ansible:\n${theirs.stdout.slice(-3000)}\ntsible:\n${ours.stdout.slice(-3000)}${ours.stderr.slice(-1000)}`).toEqual(recapLines(theirs.stdout));
      expect(ours.code).toBe(theirs.code);
      // the wait includes the pair's turn among the six at a time; ansible-playbook alone takes ~40 s on the
      // longest targets (copy check_mode) of a loaded 2-core machine
    }, 300_000);
  });
});
