import { describe, expect, it } from 'vitest';
import { tracedConnection, type TransportOp } from '../../../src/connection/traced.js';
import type { Connection } from '../../../src/connection/types.js';
import { transportLine } from '../../../src/output/transport-line.js';

function fake(): Connection & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    host: 'web1',
    transport: 'ssh',
    exec: async (command) => {
      calls.push(`exec ${command}`);
      return { rc: 0, stdout: 'out', stderr: '' };
    },
    put: async (_content, path) => {
      calls.push(`put ${path}`);
    },
    get: async (path) => {
      calls.push(`get ${path}`);
      return Buffer.from('data');
    },
    close: async () => undefined,
  };
}

describe('-vvv round-trip trace', () => {
  it('tells of each exec, put and fetch, and still makes it', async () => {
    const inner = fake();
    const ops: TransportOp[] = [];
    const conn = tracedConnection(inner, (op) => ops.push(op));
    expect(await conn.exec('echo a\necho b', { become: { method: 'sudo', user: 'root' } })).toEqual({ rc: 0, stdout: 'out', stderr: '' });
    await conn.put('héllo', '/etc/motd');
    expect((await conn.get('/etc/hosts')).toString()).toBe('data');
    expect(inner.calls).toEqual(['exec echo a\necho b', 'put /etc/motd', 'get /etc/hosts']);
    expect(ops.map(transportLine)).toEqual([
      '<web1> EXEC echo a\\necho b (become sudo root)',
      '<web1> PUT 6 bytes TO /etc/motd',
      '<web1> FETCH /etc/hosts',
    ]);
  });
});
