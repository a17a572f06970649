import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUrl } from '../../../modules/get-url.js';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

// a loopback server stands in for the URL; the target is a scripted connection
const server = createServer((req, res) => {
  if (req.headers['if-modified-since']) {
    res.writeHead(304);
    res.end();
  } else {
    // like python's http.server: a Content-Length, which urllib's "OK (N bytes)" reads
    res.writeHead(200, { 'Content-Length': '6' });
    res.end('hello\n');
  }
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

function scripted(replies: string[]) {
  const calls: string[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command): Promise<ExecResult> => (calls.push(command.startsWith('rm ') ? `exec ${command}` : 'exec'), { rc: 0, stdout: replies.shift() ?? '', stderr: '' }),
    put: async (content, path, options) => void calls.push(`put ${path} ${content.toString().trim()} ${String(options?.mode)}`),
    get: async () => (calls.push('get'), Buffer.alloc(0)),
    close: async () => {},
  };
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [] });
  return { calls, ctx };
}

describe('get_url (download on the controller, then put)', () => {
  it('first run: one probe exec + one put; existing file without force: one exec, 304 → ok', async () => {
    const { calls, ctx } = scripted(['/d/f\n0 0 root root\nmissing\n', '/d/f\n0 0 root root\nf572d396fae9206628714fb2ce00f72e94f2258f 1700000000 644 root root 0 0 6\n']);
    const args = { url: `${base}/f`, dest: '/d/f', mode: '0600' };
    const plan = await getUrl.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await getUrl.apply(plan, args, ctx())).toMatchObject({ changed: true, checksum_src: 'f572d396fae9206628714fb2ce00f72e94f2258f', checksum_dest: null, msg: 'OK (6 bytes)', status_code: 200, mode: '0600' });
    expect(calls).toEqual(['exec', 'put /d/f hello 0600']);
    const second = await getUrl.plan({ url: `${base}/f`, dest: '/d/f' }, ctx());
    expect(second).toMatchObject({ changed: false, result: { msg: 'HTTP Error 304: Not Modified', status_code: 304 } });
    expect(calls).toHaveLength(3);
  });
  it('a wrong checksum fails with Ansible\'s message, reports changed (Ansible moved the file in) and leaves no dest', async () => {
    const { calls, ctx } = scripted(['/d/f\n0 0 root root\nmissing\n']);
    const args = { url: `${base}/f`, dest: '/d/f', checksum: 'sha1:0000' };
    const plan = await getUrl.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await getUrl.apply(plan, args, ctx())).toMatchObject({ failed: true, changed: true, checksum_dest: null, msg: 'The checksum for /d/f did not match 0000; it was f572d396fae9206628714fb2ce00f72e94f2258f.' });
    expect(calls).toEqual(['exec', 'exec rm -f /d/f']);
  });
  it('a wrong checksum over a file with the downloaded content: not changed, the file still removed', async () => {
    const { calls, ctx } = scripted(['/d/f\n0 0 root root\nf572d396fae9206628714fb2ce00f72e94f2258f 1700000000 644 root root 0 0 6\n', 'f572d396fae9206628714fb2ce00f72e94f2258f\n']);
    const args = { url: `${base}/f`, dest: '/d/f', checksum: 'sha1:0000' };
    const plan = await getUrl.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await getUrl.apply(plan, args, ctx())).toMatchObject({ failed: true, changed: false });
    expect(calls.at(-1)).toBe('exec rm -f /d/f');
  });
  it('check mode counts any download as a change, as Ansible\'s HEAD request (an empty body) does: forced over the same content too', async () => {
    const same = '/d/f\n0 0 root root\nf572d396fae9206628714fb2ce00f72e94f2258f 1700000000 644 root root 0 0 6\n';
    const { calls, ctx } = scripted([same, '/d/f\n0 0 root root\nda39a3ee5e6b4b0d3255bfef95601890afd80709 1700000000 644 root root 0 0 0\n']);
    expect(await getUrl.plan({ url: `${base}/f`, dest: '/d/f', force: true }, ctx(true))).toMatchObject({ changed: true, result: { msg: 'OK (6 bytes)' } });
    expect(await getUrl.plan({ url: `${base}/f`, dest: '/d/f', force: true }, ctx(true))).toMatchObject({ changed: false });
    expect(calls).toEqual(['exec', 'exec']);
  });
  it('a directory dest downloads without If-Modified-Since (Ansible names the file after the download): a new mode is a change', async () => {
    const { ctx } = scripted(['/d/f\n0 0 root root\nf572d396fae9206628714fb2ce00f72e94f2258f 1700000000 644 root root 0 0 6\n']);
    expect(await getUrl.plan({ url: `${base}/f`, dest: '/d/', mode: '0600' }, ctx())).toMatchObject({ changed: true, result: { dest: '/d/f', status_code: 200, mode: '0600' } });
  });
});
