import { LocalConnection } from './local.js';
import type { HostConnectionSettings } from './settings.js';
import type { Connection } from './types.js';

/**
 * Open the transport the settings name; an unreachable host rejects with UnreachableError.
 * The SSH client is loaded on first use: a run that only touches localhost never pays for it.
 */
export async function openConnection(settings: HostConnectionSettings): Promise<Connection> {
  if (settings.transport === 'local') return new LocalConnection(settings.host);
  const { SshConnection } = await import('./ssh.js');
  return SshConnection.open(settings);
}
