import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unarchive } from '../../../modules/unarchive.js';
import type { Connection, ExecOptions, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

function scripted(replies: string[]) {
  const calls: { command: string; options?: ExecOptions }[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command, options): Promise<ExecResult> => (calls.push({ command, options }), { rc: 0, stdout: replies.shift() ?? '', stderr: '' }),
    put: async () => void calls.push({ command: 'put' }),
    get: async () => (calls.push({ command: 'get' }), Buffer.alloc(0)),
    close: async () => {},
  };
  const dir = mkdtempSync(join(tmpdir(), 'unarchive-'));
  writeFileSync(join(dir, 'a.tgz'), 'ARCHIVE');
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [dir] });
  return { calls, ctx };
}
const b = (s: string) => Buffer.from(s).toString('base64');
const probe = (diff: string) => `@@handler tarz\n${b('d/\nd/f.txt\n')}\n${b(diff)}\n0 0 755 4096 root root\n/tmp/tmp.X\n`;

describe('unarchive', () => {
  it('first run: a probe and an extraction, the archive on stdin both times, no put', async () => {
    const { calls, ctx } = scripted([probe('tar: d: Warning: Cannot stat: No such file or directory\n'), `@@rc 0\n\n\n0 0 755 4096 root root\n`]);
    const args = { src: 'a.tgz', dest: '/srv/x', list_files: true };
    const plan = await unarchive.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    const result = await unarchive.apply(plan, args, ctx());
    expect(result).toMatchObject({ changed: true, handler: 'TgzArchive', files: ['d/', 'd/f.txt'], extract_results: { rc: 0, cmd: ['tar', '--extract', '-C', '/srv/x', '-z', '-f', '/tmp/tmp.X'] }, state: 'directory', mode: '0755' });
    expect(calls.map((c) => c.options?.stdin?.toString())).toEqual(['ARCHIVE', 'ARCHIVE']);
  });
  it('no change when tar --diff reports only content/size differences (as Ansible decides); one round trip', async () => {
    const { calls, ctx } = scripted([probe('d/f.txt: Contents differ\nd/f.txt: Size differs\n')]);
    expect(await unarchive.plan({ src: 'a.tgz', dest: '/srv/x' }, ctx())).toMatchObject({ changed: false, result: { changed: false, handler: 'TgzArchive' } });
    expect(calls).toHaveLength(1);
  });
  it('a newer mtime is a change; creates skips; missing dest and unknown format fail like Ansible', async () => {
    const { ctx } = scripted([probe('d/f.txt: Mod time differs\n'), '@@skip\n', '@@nodest\n', '@@handler none\n\n\n0 0 755 1 root root\n/tmp/t\n']);
    expect((await unarchive.plan({ src: 'a.tgz', dest: '/d' }, ctx())).changed).toBe(true);
    expect(await unarchive.plan({ src: 'a.tgz', dest: '/d', creates: '/etc' }, ctx())).toMatchObject({ result: { skipped: true, msg: 'skipped, since /etc exists' } });
    expect(await unarchive.plan({ src: 'a.tgz', dest: '/d' }, ctx())).toMatchObject({ result: { failed: true, msg: "dest '/d' must be an existing dir" } });
    expect(await unarchive.plan({ src: 'a.tgz', dest: '/d' }, ctx())).toMatchObject({ result: { failed: true, msg: expect.stringContaining('Failed to find handler for "/tmp/t".') } });
  });
});
