import { describe, expect, it } from 'vitest';
import { find, findResult } from '../../../modules/find.js';
import { fnmatch, pfilter } from '../../../modules/lib/find-walk.js';
import { tempfile } from '../../../modules/tempfile.js';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

function scripted(replies: string[]) {
  const calls: string[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command): Promise<ExecResult> => (calls.push(`exec ${command}`), { rc: 0, stdout: replies.shift() ?? '', stderr: '' }),
    put: async () => void calls.push('put'),
    get: async () => (calls.push('get'), Buffer.alloc(0)),
    close: async () => {},
  };
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [] });
  return { calls, ctx };
}

const S = '\x1e';
const row = (type: string, rel: string, depth: number, size = 1, followed = type) => `${type} ${followed} 644 0 0 ${size} 1 2 1 100.5 100.5 100.5 ${depth} root\troot\t${rel}\0`;
// find -printf preorder: a dir's entries interleaved with its subdirs' — os.walk lists a dir's files before its dirs
const LISTING = `${S}now${S}1000.0${S}dir 0${S}${row('d', 'sub', 1)}${row('f', 'sub/in.txt', 2)}${row('f', '.hidden.txt', 1)}${row('l', 'lnk', 1, 3, 'd')}${row('f', 'top.txt', 1, 50)}`;

describe('find: Ansible walk order and filters over one listing', () => {
  it('files before dirs per directory, hidden skipped, examined counts every entry walked', () => {
    const r = findResult(LISTING, { paths: ['/d/'], recurse: true, patterns: ['*.txt'] });
    expect((r.files as { path: string }[]).map((f) => f.path)).toEqual(['/d/top.txt', '/d/sub/in.txt']);
    expect(r).toMatchObject({ examined: 5, matched: 2, msg: 'All paths examined', skipped_paths: {}, changed: false });
  });
  it('size, file_type, and a path that is not a directory', () => {
    expect(findResult(LISTING, { paths: ['/d'], size: '10' }).matched).toBe(1);
    expect((findResult(LISTING, { paths: ['/d'], file_type: 'link' }).files as { path: string; islnk: boolean }[])[0]).toMatchObject({ path: '/d/lnk', islnk: true });
    const r = findResult(`${S}now${S}1${S}notdir 0${S}`, { paths: ['/etc/hostname'] });
    expect(r).toMatchObject({ msg: 'Not all paths examined, check warnings for details', skipped_paths: { '/etc/hostname': "'/etc/hostname' is not a directory" } });
    expect(findResult(LISTING, { paths: ['/d'], age: '3x' })).toMatchObject({ failed: true, msg: 'failed to process age' });
  });
  it('fnmatch and pfilter are Python\'s', () => {
    expect(fnmatch('a.txt', '*.txt')).toBe(true);
    expect(fnmatch('a.txt', '[!a]*')).toBe(false);
    expect(fnmatch('a+b', 'a+b')).toBe(true);
    expect(pfilter('x.log', ['*'], ['*.log'], false)).toBe(false);
    expect(pfilter('deep.log', ['^d'], undefined, true)).toBe(true);
  });
  it('one round trip, also in check mode', async () => {
    const { calls, ctx } = scripted([LISTING]);
    const plan = await find.plan({ paths: ['/d'] }, ctx(true));
    expect(plan).toMatchObject({ changed: false, result: { matched: 1 } });
    expect(calls).toHaveLength(1);
  });
});

describe('tempfile', () => {
  it('apply is the one round trip; check mode skips like Ansible', async () => {
    const { calls, ctx } = scripted(['0 0 600 0 root root\n/tmp/ansible.abcdefgh.x\n']);
    const plan = await tempfile.plan({ suffix: '.x' }, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await tempfile.apply(plan, { suffix: '.x' }, ctx())).toEqual({ changed: true, gid: 0, group: 'root', mode: '0600', owner: 'root', path: '/tmp/ansible.abcdefgh.x', size: 0, state: 'file', uid: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain("--suffix=.x");
    expect(await tempfile.plan({}, ctx(true))).toMatchObject({ changed: false, result: { skipped: true, msg: 'remote module (tempfile) does not support check mode' } });
  });
});
