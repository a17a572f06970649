import PQueue from 'p-queue';
import { openConnection } from '../connection/open.js';
import type { HostConnectionSettings } from '../connection/settings.js';
import { tracedConnection, type TransportOp } from '../connection/traced.js';
import type { Connection } from '../connection/types.js';

/**
 * One connection per host for the whole run: opened on first use, shared by every task, closed at the end. A task
 * that reaches the host otherwise (another remote_user, port, address or key) gets a connection of its own, kept
 * the same way; become is per command and shares the connection.
 */
export class ConnectionPool {
  private readonly open = new Map<string, Promise<Connection>>();
  /** SSH handshakes in flight; a connection leaves it when it is ready (or has failed) */
  private readonly handshakes = new PQueue({ concurrency: HANDSHAKES_IN_FLIGHT });

  /** @param trace told of every round trip (exec, put, fetch) on every connection: -vvv shows them */
  constructor(
    private readonly trace?: (op: TransportOp) => void,
    private readonly openOne: (settings: HostConnectionSettings) => Promise<Connection> = openConnection,
  ) {}

  get(settings: HostConnectionSettings): Promise<Connection> {
    const key = connectionKey(settings);
    let pending = this.open.get(key);
    if (!pending) {
      const trace = this.trace;
      const opened = settings.transport === 'local' ? this.openOne(settings) : this.handshakes.add(() => this.openOne(settings), { throwOnTimeout: true });
      pending = trace ? opened.then((conn) => tracedConnection(conn, trace)) : opened;
      // a failed attempt is not kept: the next task tries again, as Ansible does
      pending.catch(() => this.open.delete(key));
      this.open.set(key, pending);
    }
    return pending;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
  }
}

/**
 * How many SSH handshakes may be under way at once. A handshake costs the target a fork, a re-exec of sshd, PAM and a
 * login shell (80 ms of CPU on a loaded lab host), and its timeout (Ansible's `timeout`, 10 s) runs from the first
 * byte. Started all at once, 200 handshakes that share two cores with their targets take 16 s in all, and the last
 * ones miss their timeout ("Connection timed out during banner exchange"); 32 at a time take the same 16 s and none
 * waits more than about 2 s. Over a real network a handshake is a few round trips, so 32 in flight keep it quick.
 */
export const HANDSHAKES_IN_FLIGHT = 32;

/** What tells two ways of reaching a host apart: everything but become. */
function connectionKey(settings: HostConnectionSettings): string {
  const { become: _become, ...how } = settings;
  return JSON.stringify(how);
}
