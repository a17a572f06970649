import { LocalConnection } from './local.js';
import type { HostConnectionSettings } from './settings.js';
import { SshConnection } from './ssh.js';
import type { Connection } from './types.js';

/** Open the transport the settings name; an unreachable host rejects with UnreachableError. */
export async function openConnection(settings: HostConnectionSettings): Promise<Connection> {
  if (settings.transport === 'local') return new LocalConnection(settings.host);
  return SshConnection.open(settings);
}
