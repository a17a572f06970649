import type { Become, Connection, ExecOptions, PutOptions, PutStream } from './types.js';

/** One transport operation, as -vvv shows it: every one is a round trip to the host. */
export interface TransportOp {
  host: string;
  op: 'EXEC' | 'PUT' | 'FETCH';
  detail: string;
}

/** The same connection, telling `onOp` about each round trip before it is made (for -vvv). */
export function tracedConnection(conn: Connection, onOp: (op: TransportOp) => void): Connection {
  const user = (become: Become | undefined): string => (become ? ` (become ${become.method} ${become.user})` : '');
  return {
    host: conn.host,
    transport: conn.transport,
    exec(command: string, options?: ExecOptions) {
      onOp({ host: conn.host, op: 'EXEC', detail: `${command}${user(options?.become)}` });
      return conn.exec(command, options);
    },
    put(content: string | Buffer | PutStream, path: string, options?: PutOptions) {
      onOp({ host: conn.host, op: 'PUT', detail: `${typeof content === 'string' || Buffer.isBuffer(content) ? Buffer.byteLength(content) : content.size} bytes TO ${path}${user(options?.become)}` });
      return conn.put(content, path, options);
    },
    get(path: string, options?: { become?: Become | undefined }) {
      onOp({ host: conn.host, op: 'FETCH', detail: `${path}${user(options?.become)}` });
      return conn.get(path, options);
    },
    // the probe rides with the first command (see SshConnection.python): no operation of its own to show
    ...(conn.python ? { python: conn.python.bind(conn) } : {}),
    close: () => conn.close(),
  };
}
