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

  /** @param trace told of every round trip (exec, put, fetch) on every connection: -vvv shows them */
  constructor(private readonly trace?: (op: TransportOp) => void) {}

  get(settings: HostConnectionSettings): Promise<Connection> {
    const key = connectionKey(settings);
    let pending = this.open.get(key);
    if (!pending) {
      const trace = this.trace;
      pending = trace ? openConnection(settings).then((conn) => tracedConnection(conn, trace)) : openConnection(settings);
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

/** What tells two ways of reaching a host apart: everything but become. */
function connectionKey(settings: HostConnectionSettings): string {
  const { become: _become, ...how } = settings;
  return JSON.stringify(how);
}
