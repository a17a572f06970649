import { ActionFailure } from '../../../src/executor/module-contract.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copy, planCopy, sha1 } from '../../../modules/copy.js';
import { statBlock, WHO } from './copy-probe-replies.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

const HELLO = sha1(Buffer.from('hello\n'));
const CONTENT_TEMPFILE = /\/\.ansible\/tmp\/ansible-local-\d+\w{8}\/tmp\w{8}$/;

describe('copy plan', () => {
  it('a no-change run is ONE exec and no upload', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'file', mode: '600', size: 6, checksum: HELLO })}\n` }));
    const plan = await copy.plan({ content: 'hello\n', dest: '/etc/motd', mode: '0600' }, fakeContext(conn));
    expect(plan.changed).toBe(false);
    expect(plan.result).toMatchObject({ checksum: HELLO, dest: '/etc/motd', path: '/etc/motd', mode: '0600', owner: 'ann', group: 'staff', uid: 1000, gid: 1000, size: 6, state: 'file' });
    expect(conn.calls).toHaveLength(1);
    expect(conn.execs[0]).toContain('sha1sum');
  });

  it('a new file: probe, then one atomic put with the mode', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'absent' })}\n` }));
    const ctx = fakeContext(conn, { diff: true });
    const plan = await copy.plan({ content: 'hello\n', dest: '/etc/motd', mode: 'u=rw,g=r,o=' }, ctx);
    if (!plan.changed) throw new Error('expected a change');
    // like Ansible's copy action, content goes through a controller temp file, which the diff names
    expect(plan.diff).toEqual([{ before: '', after_header: expect.stringMatching(CONTENT_TEMPFILE), after: 'hello\n' }]);
    expect(readFileSync((plan.diff?.[0] as { after_header: string }).after_header, 'utf8')).toBe('hello\n');
    const result = await copy.apply(plan, { content: 'hello\n', dest: '/etc/motd' }, ctx);
    expect(conn.calls.map((c) => c.kind)).toEqual(['exec', 'put']);
    expect(conn.puts[0]).toMatchObject({ path: '/etc/motd', content: 'hello\n', options: { mode: '0640' } });
    expect(result).toMatchObject({ changed: true, checksum: HELLO, md5sum: 'b1946ac92492d2347c6235b4d2611184', mode: '0640', owner: 'ann', size: 6, state: 'file' });
  });

  it('default mode of a new file follows the umask; existing mode is kept', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'file', mode: '755', checksum: 'x', content: 'old\n', size: 4 })}\n` }));
    const plan = await planCopy({ content: 'hello\n', dest: '/bin/x' }, fakeContext(conn, { diff: true }));
    if (!plan.changed) throw new Error('expected a change');
    expect(plan.result).toMatchObject({ mode: '0755' });
    expect(plan.diff).toEqual([{ before_header: '/bin/x', before: 'old\n', after_header: expect.stringMatching(CONTENT_TEMPFILE), after: 'hello\n' }]);
    const fresh = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'absent' })}\n` }));
    const p2 = await planCopy({ content: 'hello\n', dest: '/tmp/x' }, fakeContext(fresh));
    expect(p2.result).toMatchObject({ mode: '0644' });
  });

  it('attributes only: one chmod/chown exec, and the file diff', async () => {
    const conn = new FakeConnection((cmd) => ({ stdout: cmd.includes('@who') ? `${WHO}\n@uid=0\n@parent=yes\n${statBlock({ type: 'file', mode: '644', checksum: HELLO, size: 6 })}\n` : '' }));
    const ctx = fakeContext(conn, { diff: true });
    const args = { content: 'hello\n', dest: '/etc/motd', mode: '0600', owner: 'root' };
    const plan = await copy.plan(args, ctx);
    if (!plan.changed) throw new Error('expected a change');
    expect(plan.diff).toEqual([{ before: { path: '/etc/motd', mode: '0644', owner: 1000 }, after: { path: '/etc/motd', mode: '0600', owner: 0 } }]);
    const result = await copy.apply(plan, args, ctx);
    expect(conn.execs[1]).toBe('chown 0 /etc/motd && chmod 0600 /etc/motd');
    expect(result).toMatchObject({ changed: true, mode: '0600', uid: 0, owner: 'root' });
    expect(conn.puts).toHaveLength(0);
  });

  it('backup and validate: upload beside dest, validate the temp copy, back up, then mv', async () => {
    const conn = new FakeConnection((cmd, n) => ({ stdout: n === 0 ? `${WHO}\n@parent=yes\n${statBlock({ type: 'file', checksum: 'old' })}\n` : '@backup=/etc/x.123.2026-01-01@00:00:00~\n' }));
    const args = { content: 'new', dest: '/etc/x', backup: true, validate: 'visudo -cf %s' };
    const ctx = fakeContext(conn);
    const plan = await copy.plan(args, ctx);
    if (!plan.changed) throw new Error('expected a change');
    const result = await copy.apply(plan, args, ctx);
    expect(conn.calls.map((c) => c.kind)).toEqual(['exec', 'put', 'exec']);
    const tmp = conn.puts[0]?.path ?? '';
    expect(tmp).toMatch(/^\/etc\/\.tsible-tmp\.[0-9a-f]+$/);
    const script = conn.execs[1] ?? '';
    expect(script).toContain('visudo -cf "$t"');
    expect(script.indexOf('visudo')).toBeLessThan(script.indexOf('cp -p'));
    expect(script.indexOf('cp -p')).toBeLessThan(script.indexOf('mv -f'));
    expect(result).toMatchObject({ changed: true, backup_file: '/etc/x.123.2026-01-01@00:00:00~' });
  });

  it('a failed validation reports Ansible\'s keys', async () => {
    const conn = new FakeConnection((cmd, n) => (n === 0 ? { stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'absent' })}\n` } : { rc: 3, stdout: `@vrc=1\n@vout=${Buffer.from('bad').toString('base64')}\n@verr=\n` }));
    const args = { content: 'new', dest: '/etc/x', validate: 'check %s' };
    const ctx = fakeContext(conn);
    const plan = await copy.plan(args, ctx);
    if (!plan.changed) throw new Error('expected a change');
    expect(await copy.apply(plan, args, ctx)).toEqual({ changed: false, failed: true, msg: 'failed to validate', exit_status: 1, stdout: 'bad', stderr: '' });
  });

  it('bad arguments fail before contacting the host, in Ansible\'s words', async () => {
    const conn = new FakeConnection(() => ({}));
    const ctx = fakeContext(conn);
    expect((await copy.plan({ dest: '/x' }, ctx)).result?.msg).toBe('src (or content) is required');
    expect((await copy.plan({ dest: '/x', src: 'a', content: 'b' }, ctx)).result?.msg).toBe('src and content are mutually exclusive');
    expect((await copy.plan({ dest: '/x/', content: 'b' }, ctx)).result?.msg).toBe('can not use content with a dir as dest');
    expect((await copy.plan({ dest: '/x', content: 'b', validate: 'true' }, ctx)).result?.msg).toBe('validate must contain %s: true');
    // the action fails before any module runs: its own result, with the traceback line Ansible shows
    const missing = await copy.plan({ dest: '/x', src: 'nope.conf' }, fakeContext(conn, { searchPath: ['/nowhere/role', '/nowhere/play'], roleDir: '/nowhere/role', taskDir: '/nowhere/role/tasks' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ActionFailure);
    const result = (missing as ActionFailure).result;
    expect(result.msg).toMatch(/^Could not find or access 'nope.conf'\nSearched in:\n\t\/nowhere\/role\/files\/nope.conf\n\t\/nowhere\/role\/nope.conf\n\t\/nowhere\/role\/tasks\/files\/nope.conf\n/);
    expect(String(result.exception).split('\n').pop()).toBe('If you are using a module and expect the file to exist on the remote, see the remote_src option');
    expect(conn.calls).toHaveLength(0);
  });

  it('force=no leaves an existing file alone, whatever its content', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'file', checksum: 'other' })}\n` }));
    const plan = await copy.plan({ content: 'x', dest: '/etc/x', force: false }, fakeContext(conn));
    expect(plan).toMatchObject({ changed: false, result: { changed: false, dest: '/etc/x' } });
  });

  it('src into an existing directory goes to dest/basename; relative src is found in files/', async () => {
    const play = mkdtempSync(join(tmpdir(), 'tsible-copy-'));
    mkdirSync(join(play, 'files'));
    writeFileSync(join(play, 'files', 'app.conf'), 'A=1\n');
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'directory', mode: '755' })}\n${statBlock({ type: 'absent' })}\n` }));
    const ctx = fakeContext(conn, { searchPath: [play] });
    const plan = await copy.plan({ src: 'app.conf', dest: '/etc/app' }, ctx);
    if (!plan.changed) throw new Error('expected a change');
    expect(conn.execs[0]).toContain("p=/etc/app/app.conf");
    await copy.apply(plan, { src: 'app.conf', dest: '/etc/app' }, ctx);
    expect(conn.puts[0]).toMatchObject({ path: '/etc/app/app.conf', content: 'A=1\n' });
  });

  it('a directory src is probed in one exec for every file', async () => {
    const play = mkdtempSync(join(tmpdir(), 'tsible-copy-'));
    mkdirSync(join(play, 'tree', 'sub'), { recursive: true });
    writeFileSync(join(play, 'tree', 'a'), 'a');
    writeFileSync(join(play, 'tree', 'sub', 'b'), 'b');
    const conn = new FakeConnection(() => ({
      stdout: [WHO, statBlock({ type: 'directory' }), statBlock({ type: 'directory' }), statBlock({ type: 'file', checksum: sha1(Buffer.from('a')) }), statBlock({ type: 'file', checksum: sha1(Buffer.from('b')) })].join('\n'),
    }));
    const plan = await copy.plan({ src: join(play, 'tree/'), dest: '/srv' }, fakeContext(conn));
    expect(plan).toMatchObject({ changed: false, result: { dest: '/srv/', src: join(play, 'tree/') } });
    expect(conn.calls).toHaveLength(1);
  });

  it('a missing parent directory fails the real run, but check mode reports the upload as a change (the action does not ask the module)', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n${statBlock({ type: 'absent' })}\n${statBlock({ type: 'absent' })}\n` }));
    expect((await copy.plan({ content: 'hello\n', dest: '/no/x' }, fakeContext(conn))).result).toMatchObject({ failed: true, msg: 'Destination directory /no does not exist' });
    const checked = await copy.plan({ content: 'hello\n', dest: '/no/x' }, fakeContext(conn, { check: true }));
    expect(checked.changed).toBe(true);
  });

  it('check mode reports the same verdict from the plan alone', async () => {
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'absent' })}\n` }));
    const plan = await copy.plan({ content: { a: [1, 'x'] }, dest: '/x.json' }, fakeContext(conn, { check: true }));
    expect(plan.changed).toBe(true);
    expect(plan.result).toMatchObject({ checksum: sha1(Buffer.from('{"a": [1, "x"]}')), size: 15 });
    expect(conn.calls).toHaveLength(1);
  });
});
