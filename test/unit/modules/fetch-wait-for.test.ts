import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetch, fetchDest } from '../../../modules/fetch.js';
import { waitFor, waitScript } from '../../../modules/wait-for.js';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

function scripted(replies: string[], file = Buffer.from('hello\n')) {
  const calls: string[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command): Promise<ExecResult> => (calls.push(`exec ${command}`), { rc: 0, stdout: replies.shift() ?? '', stderr: '' }),
    put: async () => void calls.push('put'),
    get: async (path) => (calls.push(`get ${path}`), file),
    close: async () => {},
  };
  const ctx = (check = false, searchPath: string[] = []): ModuleContext => ({ host: 'web1', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath });
  return { calls, ctx };
}
const HELLO_SHA1 = 'f572d396fae9206628714fb2ce00f72e94f2258f';

describe('fetch', () => {
  it('dest layout: dest/inventory_hostname/src, flat, flat with a trailing slash, relative to the playbook dir', () => {
    expect(fetchDest({ src: '/etc/motd', dest: '/backup' }, 'web1', '/pb')).toBe('/backup/web1/etc/motd');
    expect(fetchDest({ src: 'rel/x', dest: 'out' }, 'web1', '/pb')).toBe('/pb/out/web1/rel/x');
    expect(fetchDest({ src: '/etc/motd', dest: '/b/', flat: true }, 'web1', '/pb')).toBe('/b/motd');
    expect(fetchDest({ src: '/etc/motd', dest: '/b/m.txt', flat: true }, 'web1', '/pb')).toBe('/b/m.txt');
  });
  it('first run: one exec + one get; second run: one exec only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    const { calls, ctx } = scripted([`file ${HELLO_SHA1}\n`, `file ${HELLO_SHA1}\n`]);
    const args = { src: '/etc/greeting', dest: dir };
    const plan = await fetch.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await fetch.apply(plan, args, ctx())).toEqual({ changed: true, checksum: HELLO_SHA1, dest: `${dir}/web1/etc/greeting`, md5sum: 'b1946ac92492d2347c6235b4d2611184', remote_checksum: HELLO_SHA1, remote_md5sum: null });
    expect(readFileSync(`${dir}/web1/etc/greeting`, 'utf8')).toBe('hello\n');
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['exec', 'get']);
    expect(await fetch.plan(args, ctx())).toMatchObject({ changed: false, result: { file: '/etc/greeting', checksum: HELLO_SHA1 } });
    expect(calls).toHaveLength(3);
  });
  it('missing, directory, checksum mismatch, check mode', async () => {
    const { ctx } = scripted(['missing\n', 'missing\n', 'dir\n', 'file 0000000000000000000000000000000000000000\n'], Buffer.from('other'));
    expect(await fetch.plan({ src: '/x', dest: '/tmp' }, ctx())).toMatchObject({ result: { failed: true, msg: 'the remote file does not exist, not transferring, ignored' } });
    expect(await fetch.plan({ src: '/x', dest: '/tmp', fail_on_missing: false }, ctx())).toMatchObject({ result: { changed: false, file: '/x' } });
    expect(await fetch.plan({ src: '/etc', dest: '/tmp' }, ctx())).toMatchObject({ result: { failed: true, msg: 'remote file is a directory, fetch cannot work on directories' } });
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    const plan = await fetch.plan({ src: '/y', dest: dir }, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await fetch.apply(plan, { src: '/y', dest: dir }, ctx())).toMatchObject({ failed: true, msg: 'checksum mismatch' });
    expect(await fetch.plan({ src: '/y', dest: dir }, ctx(true))).toMatchObject({ result: { skipped: true } });
  });
});

describe('wait_for', () => {
  it('polls on the target in one exec and reports match groups', async () => {
    const { calls, ctx } = scripted([`@@ok 2\n0 0 644 3 root root\n${Buffer.from('ready: yes\n').toString('base64')}\n`]);
    const r = await waitFor.plan({ path: '/run/x', search_regex: 'ready: (?P<v>\\w+)', timeout: 5 }, ctx());
    expect(r).toMatchObject({ changed: false, result: { elapsed: 2, match_groups: ['yes'], match_groupdict: { v: 'yes' }, state: 'file', mode: '0644' } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('while :; do');
  });
  it('timeout messages are Ansible\'s; msg overrides', async () => {
    const { ctx } = scripted(['@@timeout 1\n', '@@timeout 1\n', '@@timeout 3\n']);
    expect(await waitFor.plan({ port: 8080, host: '10.0.0.5', timeout: 1 }, ctx())).toMatchObject({ result: { failed: true, elapsed: 1, msg: 'Timeout when waiting for 10.0.0.5:8080' } });
    expect(await waitFor.plan({ path: '/p', state: 'absent', timeout: 1 }, ctx())).toMatchObject({ result: { msg: 'Timeout when waiting for /p to be absent.' } });
    expect(await waitFor.plan({ port: 1, state: 'drained', msg: 'custom' }, ctx())).toMatchObject({ result: { msg: 'custom', elapsed: 3 } });
  });
  it('drained reads /proc/net/tcp for the port in hex', () => {
    expect(waitScript({ port: 8080, state: 'drained' })).toContain(':1F90$/');
  });
});
