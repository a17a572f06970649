import { describe, expect, it } from 'vitest';
import { file } from '../../../modules/file.js';
import { statBlock, WHO } from './copy-probe-replies.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

const absent = statBlock({ type: 'absent' });

describe('file plan', () => {
  it('an existing directory with the right mode: one exec, no change, its attributes reported', async () => {
    const dir = statBlock({ type: 'directory', mode: '750', size: 4096 });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${dir}\n${dir}\n` }));
    const plan = await file.plan({ path: '/srv', state: 'directory', mode: '0750' }, fakeContext(conn));
    expect(plan).toMatchObject({ changed: false, result: { path: '/srv', state: 'directory', mode: '0750', owner: 'ann', size: 4096 } });
    expect(conn.calls).toHaveLength(1);
  });

  it('a missing directory: mkdir -p and chmod, then stat, in one apply exec', async () => {
    const conn = new FakeConnection((_c, n) => ({ stdout: n === 0 ? `${WHO}\n${absent}\n${absent}\n` : `${statBlock({ type: 'directory', mode: '700', size: 4096 })}\n` }));
    const ctx = fakeContext(conn, { diff: true });
    const args = { path: '/srv/a', state: 'directory' as const, mode: '0700' };
    const plan = await file.plan(args, ctx);
    if (!plan.changed) throw new Error('expected a change');
    expect(plan.diff).toEqual([{ before: { path: '/srv/a', state: 'absent', mode: '0755' }, after: { path: '/srv/a', state: 'directory', mode: '0700' } }]);
    const result = await file.apply(plan, args, ctx);
    expect(conn.execs[1]).toContain('for x in "$@"; do mkdir -- "$x" && chmod 0700 "$x"; done');
    expect(conn.execs).toHaveLength(2);
    expect(result).toMatchObject({ changed: true, path: '/srv/a', state: 'directory', mode: '0700', diff: plan.diff?.[0] });
  });

  it('state defaults to the current type, and to file (which fails) when missing', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${absent}\n${absent}\n` }));
    const plan = await file.plan({ path: '/nope' }, fakeContext(conn));
    expect(plan.result).toEqual({ failed: true, path: '/nope', state: 'absent', msg: 'file (/nope) is absent, cannot continue' });
  });

  it('aliases dest and name name the path', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${absent}\n${absent}\n` }));
    expect((await file.plan({ dest: '/a', state: 'absent' }, fakeContext(conn))).result).toEqual({ path: '/a', state: 'absent' });
    expect((await file.plan({ name: '/b', state: 'absent' }, fakeContext(conn))).result).toEqual({ path: '/b', state: 'absent' });
  });

  it('a symlink already pointing at src is no change; another target is relinked', async () => {
    const link = statBlock({ type: 'link', mode: '777', target: '/etc/a' });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${link}\n${statBlock({ type: 'file' })}\n${statBlock({ type: 'file' })}\n` }));
    expect((await file.plan({ path: '/l', src: '/etc/a', state: 'link' }, fakeContext(conn))).changed).toBe(false);
    const plan = await file.plan({ path: '/l', src: '/etc/b', state: 'link' }, fakeContext(conn));
    expect(plan.changed && plan.steps.commands).toEqual(['ln -sfn -- /etc/b /l']);
  });

  it('refuses to turn a file into a link without force', async () => {
    const f = statBlock({ type: 'file' });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${f}\n${f}\n${f}\n` }));
    expect((await file.plan({ path: '/f', src: '/etc/a', state: 'link' }, fakeContext(conn))).result?.msg).toBe('refusing to convert from file to symlink for /f');
    const forced = await file.plan({ path: '/f', src: '/etc/a', state: 'link', force: true }, fakeContext(conn));
    expect(forced.changed).toBe(true);
  });

  it('recurse: changed only when some entry below differs', async () => {
    const dir = statBlock({ type: 'directory', mode: '750' });
    const tree = (lines: string): FakeConnection => new FakeConnection(() => ({ stdout: `${WHO}\n${dir}\n${dir}\n@tree\n${lines}@endtree\n` }));
    const same = tree('640 ann staff f\n750 ann staff d\n');
    expect((await file.plan({ path: '/d', state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' }, fakeContext(same))).changed).toBe(false);
    const differs = tree('644 ann staff f\n');
    const plan = await file.plan({ path: '/d', state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' }, fakeContext(differs));
    expect(plan.changed && plan.steps.commands).toEqual(['chmod -R u=rwX,g=rX,o= /d']);
  });

  it('touch always changes; absent removes', async () => {
    const f = statBlock({ type: 'file' });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${f}\n${f}\n` }));
    expect((await file.plan({ path: '/f', state: 'touch' }, fakeContext(conn))).changed).toBe(true);
    const gone = await file.plan({ path: '/f', state: 'absent' }, fakeContext(conn));
    expect(gone.changed && gone.steps.commands).toEqual(['rm -rf -- /f']);
  });
});
