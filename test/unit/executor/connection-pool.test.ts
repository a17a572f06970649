import { describe, expect, it } from 'vitest';
import type { HostConnectionSettings } from '../../../src/connection/settings.js';
import type { Connection } from '../../../src/connection/types.js';
import { ConnectionPool, HANDSHAKES_IN_FLIGHT } from '../../../src/executor/connection-pool.js';

const ssh = (host: string): HostConnectionSettings => ({
  transport: 'ssh', host, address: host, port: 22, user: 'root', privateKeyFiles: [], hostKeyChecking: true, knownHostsFiles: [], timeoutMs: 10_000,
});

/** An opener whose handshakes finish when the test says so; it records how many were under way at once. */
function slowOpener() {
  let inFlight = 0;
  let most = 0;
  const waiting: (() => void)[] = [];
  const open = (settings: HostConnectionSettings): Promise<Connection> => {
    inFlight++;
    most = Math.max(most, inFlight);
    return new Promise((resolve, reject) => {
      waiting.push(() => {
        inFlight--;
        if (settings.host === 'down') reject(new Error('unreachable'));
        else resolve({ host: settings.host, close: async () => {} } as unknown as Connection);
      });
    });
  };
  const finishAll = async (): Promise<void> => {
    while (waiting.length) {
      waiting.splice(0).forEach((done) => done());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { open, finishAll, most: () => most, inFlight: () => inFlight };
}

describe('ConnectionPool', () => {
  it(`starts at most ${HANDSHAKES_IN_FLIGHT} SSH handshakes at once, and every host gets its connection`, async () => {
    const opener = slowOpener();
    const pool = new ConnectionPool(undefined, opener.open);
    const hosts = Array.from({ length: 200 }, (_, i) => `h${i}`);
    const all = Promise.all(hosts.map((h) => pool.get(ssh(h))));
    await new Promise((r) => setImmediate(r));
    expect(opener.inFlight()).toBe(HANDSHAKES_IN_FLIGHT);
    await opener.finishAll();
    expect((await all).map((c) => c.host)).toEqual(hosts);
    expect(opener.most()).toBe(HANDSHAKES_IN_FLIGHT);
  });

  it('a failed handshake frees its place and is tried again by the next task; local connections do not wait', async () => {
    const opener = slowOpener();
    const pool = new ConnectionPool(undefined, opener.open);
    const busy = Array.from({ length: HANDSHAKES_IN_FLIGHT }, (_, i) => pool.get(ssh(`busy${i}`)));
    const down = pool.get(ssh('down'));
    const local = pool.get({ transport: 'local', host: 'localhost' });
    await new Promise((r) => setImmediate(r));
    expect(opener.inFlight()).toBe(HANDSHAKES_IN_FLIGHT + 1); // the local one is not held back
    await opener.finishAll();
    await expect(down).rejects.toThrow('unreachable');
    await Promise.all([...busy, local]);
    const again = pool.get(ssh('down'));
    await opener.finishAll();
    await expect(again).rejects.toThrow('unreachable');
    expect(opener.most()).toBe(HANDSHAKES_IN_FLIGHT + 1);
  });
});
