// copy, template and file through the local connection on temp dirs, judged against real Ansible 2.14 where installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, lstatSync, readlinkSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../src/connection/local.js';
import { ActionFailure, type ModuleContext, type ModuleDefinition, type ModuleResult } from '../../src/executor/module-contract.js';
import { copy } from '../../modules/copy.js';
import { file } from '../../modules/file.js';
import { template } from '../../modules/template.js';



const root = mkdtempSync(join(tmpdir(), 'tsible-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
function dir(): string {
  const d = join(root, `t${seq++}`);
  mkdirSync(d);
  return d;
}

const conn = new LocalConnection('localhost');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function run(module: ModuleDefinition<any, any>, args: Record<string, unknown>, opts: { check?: boolean; diff?: boolean; searchPath?: string[]; vars?: Record<string, unknown> } = {}): Promise<ModuleResult> {
  const ctx = { host: 'localhost', conn, check: opts.check ?? false, diff: opts.diff ?? false, verbosity: 0, evaluate: () => undefined, searchPath: opts.searchPath, vars: opts.vars } as ModuleContext;
  // an action's failure before its module runs is the task's result (run-module.ts)
  const plan = await module.plan(args, ctx).catch((error: unknown) => {
    if (error instanceof ActionFailure) return error;
    throw error;
  });
  if (plan instanceof ActionFailure) return plan.result;
  if (!plan.changed) return { changed: false, ...plan.result };
  if (ctx.check) return module.checkResult?.(plan, args) ?? { ...plan.result, changed: true, ...(plan.diff ? { diff: plan.diff } : {}) };
  return module.apply(plan, args, ctx);
}

const hasAnsible = spawnSync('ansible', ['--version']).status === 0;
/** Real Ansible's result for the same args (ad-hoc, local connection). */
function ansible(module: string, args: Record<string, unknown>, opts: { check?: boolean } = {}): ModuleResult {
  const out = execFileSync('ansible', ['localhost', '-c', 'local', '-m', module, '-a', JSON.stringify(args), '-o', ...(opts.check ? ['--check'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: 'False', ANSIBLE_NOCOLOR: '1' },
  });
  const json = out.slice(out.indexOf('{'));
  return JSON.parse(json) as ModuleResult;
}
const itAnsible = hasAnsible ? it : it.skip;

const mode = (p: string): string => (statSync(p).mode & 0o7777).toString(8).padStart(4, '0');

describe('copy through the local connection', () => {
  it('content: changed, then unchanged; check mode leaves the host alone', async () => {
    const d = dir();
    const dest = join(d, 'f');
    const checked = await run(copy, { content: 'hello\n', dest, mode: '0600' }, { check: true, diff: true });
    expect(checked.changed).toBe(true);
    expect(existsSync(dest)).toBe(false);
    expect(checked.diff).toEqual([{ before: '', after_header: expect.stringMatching(/\/\.ansible\/tmp\/ansible-local-\d+\w{8}\/tmp\w{8}$/), after: 'hello\n' }]);
    const first = await run(copy, { content: 'hello\n', dest, mode: '0600' });
    expect(first).toMatchObject({ changed: true, dest, checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f', mode: '0600', size: 6, state: 'file' });
    expect(readFileSync(dest, 'utf8')).toBe('hello\n');
    expect(mode(dest)).toBe('0600');
    const second = await run(copy, { content: 'hello\n', dest, mode: '0600' });
    expect(second.changed).toBe(false);
    const again = await run(copy, { content: 'hello\n', dest, mode: '0600' }, { check: true });
    expect(again.changed).toBe(false);
  });

  it('mode-only change reports the file diff; backup and validate', async () => {
    const d = dir();
    const dest = join(d, 'f');
    writeFileSync(dest, 'old\n');
    const modeOnly = await run(copy, { content: 'old\n', dest, mode: 'u=rw,g=,o=' }, { diff: true });
    expect(modeOnly).toMatchObject({ changed: true, mode: '0600', diff: [{ before: { path: dest, mode: '0644' }, after: { path: dest, mode: '0600' } }] });
    const bad = await run(copy, { content: 'new\n', dest, validate: 'grep nomatch %s' });
    expect(bad).toMatchObject({ failed: true, msg: 'failed to validate', exit_status: 1 });
    expect(readFileSync(dest, 'utf8')).toBe('old\n');
    expect(readdirSync(d)).toEqual(['f']);
    const good = await run(copy, { content: 'new\n', dest, validate: 'grep new %s', backup: true });
    expect(good.changed).toBe(true);
    expect(String(good.backup_file)).toMatch(new RegExp(`^${dest}\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~$`));
    expect(readFileSync(String(good.backup_file), 'utf8')).toBe('old\n');
    expect(mode(dest)).toBe('0600');
    expect((await run(copy, { content: 'x', dest, validate: 'true' })).msg).toBe('validate must contain %s: true');
  });

  it('src file into a directory, force=no, missing src, dict content', async () => {
    const d = dir();
    const files = join(d, 'files');
    mkdirSync(files);
    writeFileSync(join(files, 'a.txt'), 'A\n');
    mkdirSync(join(d, 'out'));
    const r = await run(copy, { src: 'a.txt', dest: join(d, 'out') }, { searchPath: [d] });
    expect(r).toMatchObject({ changed: true, dest: join(d, 'out', 'a.txt') });
    expect(readFileSync(join(d, 'out', 'a.txt'), 'utf8')).toBe('A\n');
    const kept = await run(copy, { content: 'other', dest: join(d, 'out', 'a.txt'), force: false });
    expect(kept.changed).toBe(false);
    expect(readFileSync(join(d, 'out', 'a.txt'), 'utf8')).toBe('A\n');
    const missing = await run(copy, { src: 'nope.txt', dest: d }, { searchPath: [d] });
    expect(missing.failed).toBe(true);
    expect(String(missing.msg)).toMatch(/^Could not find or access 'nope.txt'/);
    await run(copy, { content: { a: 1, b: [true, null] }, dest: join(d, 'j') });
    expect(readFileSync(join(d, 'j'), 'utf8')).toBe('{"a": 1, "b": [true, null]}');
    const noParent = await run(copy, { content: 'x', dest: join(d, 'no', 'f') });
    expect(noParent).toMatchObject({ failed: true, msg: `Destination directory ${join(d, 'no')} does not exist` });
  });

  it('directory src with and without trailing slash, then idempotent', async () => {
    const d = dir();
    const tree = join(d, 'tree');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    writeFileSync(join(tree, 'top'), 'T');
    writeFileSync(join(tree, 'sub', 'leaf'), 'L');
    const a = await run(copy, { src: `${tree}/`, dest: join(d, 'a') });
    expect(a.changed).toBe(true);
    expect(readFileSync(join(d, 'a', 'sub', 'leaf'), 'utf8')).toBe('L');
    const b = await run(copy, { src: tree, dest: join(d, 'b'), directory_mode: '0750' });
    expect(readFileSync(join(d, 'b', 'tree', 'top'), 'utf8')).toBe('T');
    expect(mode(join(d, 'b', 'tree', 'sub'))).toBe('0750');
    expect(b.changed).toBe(true);
    expect((await run(copy, { src: `${tree}/`, dest: join(d, 'a') })).changed).toBe(false);
    expect((await run(copy, { src: tree, dest: join(d, 'b') })).changed).toBe(false);
  });

  it('remote_src copies a file on the target', async () => {
    const d = dir();
    writeFileSync(join(d, 's'), 'S\n');
    const r = await run(copy, { src: join(d, 's'), dest: join(d, 'copy'), remote_src: true, mode: '0640' });
    expect(r.changed).toBe(true);
    expect(readFileSync(join(d, 'copy'), 'utf8')).toBe('S\n');
    expect(mode(join(d, 'copy'))).toBe('0640');
    expect((await run(copy, { src: join(d, 's'), dest: join(d, 'copy'), remote_src: true, mode: '0640' })).changed).toBe(false);
  });

  itAnsible('agrees with real Ansible: verdicts and end state', async () => {
    for (const args of [
      { content: 'same\n', mode: '0640' },
      { content: 'same\n', mode: 'u=rw,g=r,o=' },
      { content: { k: 'v' }, mode: '0600' },
    ]) {
      const ours = join(dir(), 'f');
      const theirs = join(dir(), 'f');
      const verdicts: unknown[][] = [[], []];
      for (let i = 0; i < 2; i++) {
        const o = await run(copy, { ...args, dest: ours });
        const t = ansible('copy', { ...args, dest: theirs });
        verdicts[0]?.push(o.changed);
        verdicts[1]?.push(t.changed);
        expect(o).toMatchObject({ checksum: t.checksum, mode: t.mode, owner: t.owner, group: t.group, size: t.size, state: t.state });
      }
      expect(verdicts[0]).toEqual(verdicts[1]);
      expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
      expect(mode(ours)).toBe(mode(theirs));
      expect(statSync(ours).uid).toBe(statSync(theirs).uid);
    }
  }, 60_000);
});

describe('template through the local connection', () => {
  it('renders with task vars, then behaves like copy', async () => {
    const d = dir();
    mkdirSync(join(d, 'templates'));
    writeFileSync(join(d, 'templates', 'motd.j2'), '# {{ ansible_managed }}\n{% for u in users %}\n  - {{ u }}\n{% endfor %}\nsrc={{ template_path }}\n');
    const dest = join(d, 'motd');
    const opts = { searchPath: [d], vars: { users: ['ann', 'bob'] } };
    const checked = await run(template, { src: 'motd.j2', dest, mode: '0640' }, { ...opts, check: true, diff: true });
    expect(checked.changed).toBe(true);
    expect(existsSync(dest)).toBe(false);
    const first = await run(template, { src: 'motd.j2', dest, mode: '0640' }, { ...opts, diff: true });
    expect(first).toMatchObject({ changed: true, mode: '0640', diff: [{ before: '', after_header: join(d, 'templates', 'motd.j2') }] });
    expect(readFileSync(dest, 'utf8')).toBe('# Ansible managed\n  - ann\n  - bob\nsrc=motd.j2\n');
    expect((await run(template, { src: 'motd.j2', dest, mode: '0640' }, opts)).changed).toBe(false);
    await run(template, { src: 'motd.j2', dest: join(d, 'crlf'), newline_sequence: '\r\n', trim_blocks: false }, opts);
    expect(readFileSync(join(d, 'crlf'), 'utf8')).toBe('# Ansible managed\r\n\r\n  - ann\r\n\r\n  - bob\r\n\r\nsrc=motd.j2\r\n');
    const bad = await run(template, { src: 'motd.j2', dest, state: 'file' }, opts);
    expect(bad).toMatchObject({ failed: true, msg: "'state' cannot be specified on a template" });
  });

  itAnsible('agrees with real Ansible on rendering, verdicts and mode', async () => {
    const d = dir();
    writeFileSync(join(d, 't.j2'), '{% if true %}\n  x={{ 1 + 2 }}\n{% endif %}\n# {{ ansible_managed }}\n');
    const ours = join(dir(), 'out');
    const theirs = join(dir(), 'out');
    for (let i = 0; i < 2; i++) {
      const o = await run(template, { src: join(d, 't.j2'), dest: ours, mode: '0600', lstrip_blocks: true });
      const t = ansible('template', { src: join(d, 't.j2'), dest: theirs, mode: '0600', lstrip_blocks: true });
      expect(o.changed).toBe(t.changed);
      expect(o).toMatchObject({ checksum: t.checksum, mode: t.mode, owner: t.owner });
    }
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
  }, 60_000);
});

describe('file through the local connection', () => {
  it('directory: changed, then not; check mode leaves the host alone; diff like Ansible', async () => {
    const d = dir();
    const p = join(d, 'a', 'b');
    const checked = await run(file, { path: p, state: 'directory', mode: '0700' }, { check: true, diff: true });
    expect(checked.changed).toBe(true);
    expect(existsSync(p)).toBe(false);
    expect(checked.diff).toEqual({ before: { path: p, state: 'absent' }, after: { path: p, state: 'directory' } });
    const first = await run(file, { path: p, state: 'directory', mode: '0700' });
    expect(first).toMatchObject({ changed: true, path: p, state: 'directory', mode: '0700' });
    expect(mode(p)).toBe('0700');
    expect((await run(file, { path: p, state: 'directory', mode: '0700' })).changed).toBe(false);
    expect((await run(file, { path: p, state: 'directory', mode: '0700' }, { check: true })).changed).toBe(false);
  });

  it('recurse fixes modes below; touch, link, hard, absent', async () => {
    const d = dir();
    mkdirSync(join(d, 'r', 's'), { recursive: true });
    writeFileSync(join(d, 'r', 's', 'f'), 'x');
    const rec = await run(file, { path: join(d, 'r'), state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' });
    expect(rec.changed).toBe(true);
    expect(mode(join(d, 'r', 's', 'f'))).toBe('0640');
    expect(mode(join(d, 'r', 's'))).toBe('0750');
    expect((await run(file, { path: join(d, 'r'), state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' })).changed).toBe(false);
    const t = join(d, 't');
    expect(await run(file, { path: t, state: 'touch', mode: '0600' })).toMatchObject({ changed: true, dest: t, state: 'file', mode: '0600', size: 0 });
    expect((await run(file, { path: t, state: 'touch' })).changed).toBe(true);
    const l = join(d, 'l');
    expect(await run(file, { src: t, dest: l, state: 'link' })).toMatchObject({ changed: true, dest: l, src: t, state: 'link' });
    expect(readlinkSync(l)).toBe(t);
    expect((await run(file, { src: t, dest: l, state: 'link' })).changed).toBe(false);
    const h = join(d, 'h');
    expect((await run(file, { src: t, path: h, state: 'hard' })).changed).toBe(true);
    expect(statSync(h).ino).toBe(statSync(t).ino);
    expect((await run(file, { src: t, path: h, state: 'hard' })).changed).toBe(false);
    expect(await run(file, { path: l, state: 'absent' }, { diff: true })).toMatchObject({ changed: true, path: l, state: 'absent', diff: { before: { path: l, state: 'link' }, after: { path: l, state: 'absent' } } });
    expect(() => lstatSync(l)).toThrow();
    expect((await run(file, { path: l, state: 'absent' })).changed).toBe(false);
    expect(await run(file, { path: join(d, 'missing') })).toMatchObject({ failed: true, msg: `file (${join(d, 'missing')}) is absent, cannot continue` });
    expect(await run(file, { path: t, state: 'directory' })).toMatchObject({ failed: true });
    expect((await run(file, { path: t, modification_time: '202001021304.05' })).changed).toBe(true);
    expect(statSync(t).mtime.getFullYear()).toBe(2020);
    expect((await run(file, { path: t, modification_time: '202001021304.05' })).changed).toBe(false);
  });

  itAnsible('agrees with real Ansible: verdicts and end state', async () => {
    const cases: [Record<string, unknown>, (p: string) => unknown][] = [
      [{ state: 'directory', mode: '0750' }, (p) => mode(p)],
      [{ state: 'touch', mode: 'u=rw' }, (p) => mode(p)],
      [{ state: 'absent' }, (p) => existsSync(p)],
    ];
    for (const [args, end] of cases) {
      const ours = join(dir(), 'p');
      const theirs = join(dir(), 'p');
      for (let i = 0; i < 2; i++) {
        const o = await run(file, { ...args, path: ours });
        const t = ansible('file', { ...args, path: theirs });
        expect([args, i, o.changed]).toEqual([args, i, t.changed]);
        expect(o).toMatchObject({ state: t.state, ...(t.mode !== undefined ? { mode: t.mode, owner: t.owner } : {}) });
      }
      expect(end(ours)).toEqual(end(theirs));
    }
  }, 60_000);
});

/** Real Ansible's full result (json callback), so check mode and diff can be compared too. */
function ansibleFull(module: string, args: Record<string, unknown>, opts: { check?: boolean; diff?: boolean }): ModuleResult {
  const out = execFileSync('ansible', ['localhost', '-c', 'local', '-m', module, '-a', JSON.stringify(args), ...(opts.check ? ['--check'] : []), ...(opts.diff ? ['--diff'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: 'False', ANSIBLE_LOAD_CALLBACK_PLUGINS: '1', ANSIBLE_STDOUT_CALLBACK: 'json' },
  });
  const parsed = JSON.parse(out) as { plays: { tasks: { hosts: { localhost: ModuleResult } }[] }[] };
  return parsed.plays[0]?.tasks[0]?.hosts.localhost ?? {};
}

/** A diff with paths made relative to the case dir; Ansible's controller temp-file headers dropped on both sides. */
function normalDiff(diff: unknown, base: string): unknown {
  const one = Array.isArray(diff) ? diff[0] : diff;
  if (one === undefined) return undefined;
  const text = JSON.stringify(one).split(base).join('<dir>');
  const value = JSON.parse(text) as Record<string, unknown>;
  delete value.after_header;
  return value;
}

function snapshot(d: string): string {
  const walk = (p: string): string[] =>
    readdirSync(p).sort().flatMap((n) => {
      const f = join(p, n);
      const st = lstatSync(f);
      const line = `${f.slice(d.length)} ${(st.mode & 0o7777).toString(8)} ${st.isFile() ? readFileSync(f, 'utf8') : st.isSymbolicLink() ? readlinkSync(f) : ''}`;
      return st.isDirectory() ? [line, ...walk(f)] : [line];
    });
  return walk(d).join('\n');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const SIDE_BY_SIDE: [string, ModuleDefinition<any, any>, (d: string) => Record<string, unknown>, (d: string) => void][] = [
  ['copy', copy, (d) => ({ content: 'new\n', dest: join(d, 'f'), mode: '0600' }), () => undefined],
  ['copy', copy, (d) => ({ content: 'new\n', dest: join(d, 'f') }), (d) => writeFileSync(join(d, 'f'), 'old\n')],
  ['copy', copy, (d) => ({ content: 'same\n', dest: join(d, 'f'), mode: '0640' }), (d) => writeFileSync(join(d, 'f'), 'same\n')],
  ['copy', copy, (d) => ({ src: join(d, 's.txt'), dest: join(d, 'out') + '/' }), (d) => writeFileSync(join(d, 's.txt'), 'S\n')],
  ['template', template, (d) => ({ src: join(d, 't.j2'), dest: join(d, 'f'), mode: '0600' }), (d) => writeFileSync(join(d, 't.j2'), '{% for i in [1,2] %}\nline {{ i }}\n{% endfor %}\n')],
  ['file', file, (d) => ({ path: join(d, 'x', 'y'), state: 'directory', mode: '0700' }), () => undefined],
  ['file', file, (d) => ({ path: join(d, 'f'), state: 'absent' }), (d) => writeFileSync(join(d, 'f'), 'x')],
  ['file', file, (d) => ({ path: join(d, 'l'), src: join(d, 'f'), state: 'link' }), (d) => writeFileSync(join(d, 'f'), 'x')],
  ['file', file, (d) => ({ path: join(d, 'f'), mode: 'g+w' }), (d) => writeFileSync(join(d, 'f'), 'x')],
  ['file', file, (d) => ({ path: join(d, 'h'), src: join(d, 'f'), state: 'hard' }), (d) => writeFileSync(join(d, 'f'), 'x')],
  ['file', file, (d) => ({ path: join(d, 'r'), state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' }), (d) => {
    mkdirSync(join(d, 'r', 's'), { recursive: true });
    writeFileSync(join(d, 'r', 's', 'f'), 'x');
  }],
  ['copy', copy, (d) => ({ src: join(d, 'tree'), dest: join(d, 'out'), directory_mode: '0750', mode: '0600' }), (d) => {
    mkdirSync(join(d, 'tree', 'sub'), { recursive: true });
    writeFileSync(join(d, 'tree', 'a'), 'A');
    writeFileSync(join(d, 'tree', 'sub', 'b'), 'B');
  }],
  ['copy', copy, (d) => ({ src: join(d, 'tree') + '/', dest: join(d, 'out') }), (d) => {
    mkdirSync(join(d, 'tree', 'sub'), { recursive: true });
    writeFileSync(join(d, 'tree', 'a'), 'A');
  }],
  ['copy', copy, (d) => ({ content: 'x', dest: join(d, 'f'), force: false }), (d) => writeFileSync(join(d, 'f'), 'old')],
  ['template', template, (d) => ({ src: join(d, 't.j2'), dest: join(d, 'f'), newline_sequence: '\r\n', lstrip_blocks: true }), (d) => writeFileSync(join(d, 't.j2'), '  {% if 1 %}\na\n  {% endif %}\nb\n')],
];

describe('side by side with real Ansible: check mode, diff, first and second run', () => {
  for (const [name, module, argsOf, setup] of SIDE_BY_SIDE) {
    itAnsible(`${name} ${JSON.stringify(argsOf('')).replace(/"/g, '')}`, async () => {
      const ours = dir();
      const theirs = dir();
      setup(ours);
      setup(theirs);
      for (const phase of [{ check: true, diff: true }, { check: false, diff: true }, { check: false, diff: true }]) {
        const before = snapshot(ours);
        const o = await run(module, argsOf(ours), phase);
        const t = ansibleFull(name, argsOf(theirs), phase);
        expect({ phase, changed: o.changed, failed: o.failed ?? false }).toEqual({ phase, changed: t.changed, failed: t.failed ?? false });
        // known gap: a directory copy's diff follows Ansible's per-file module calls, which tsible does not replay
        const treeCopy = name === 'copy' && String(argsOf('').src ?? '').includes('tree');
        if (t.changed && !treeCopy) expect(normalDiff(o.diff, ours)).toEqual(normalDiff(t.diff, theirs));
        if (phase.check) expect(snapshot(ours)).toBe(before);
        expect(snapshot(ours).split(ours).join('')).toBe(snapshot(theirs).split(theirs).join(''));
        for (const key of ['mode', 'owner', 'group', 'state', 'checksum', 'size'] as const) if (!phase.check && !treeCopy && t[key] !== undefined) expect([key, o[key]]).toEqual([key, t[key]]);
      }
    }, 60_000);
  }
});
