import { LOCALHOST_NAMES } from './inventory-data.js';
import type { Host, Inventory } from './types.js';

/**
 * What Ansible answers for `localhost`/`127.0.0.1`/`::1` when no host has that exact name: the first
 * localhost-like inventory host, else one implicit host (connection local, in no group, never in `all`),
 * created once and then reused under whichever of the three names asks.
 */
export function implicitLocalhost(inv: Inventory, name: string): Host | undefined {
  if (!LOCALHOST_NAMES.includes(name)) return undefined;
  for (const host of inv.hosts.values()) {
    if (LOCALHOST_NAMES.includes(host.name)) return host;
  }
  inv.implicitLocalhost ??= { name, vars: { ansible_connection: 'local' }, groups: [], implicit: true };
  return inv.implicitLocalhost;
}
