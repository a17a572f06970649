import { LOCALHOST_NAMES } from './inventory-data.js';
import type { Host, Inventory } from './types.js';

/** Ansible's own Python (sys.executable): ansible_playbook_python, and the implicit localhost's interpreter. */
export const CONTROLLER_PYTHON = '/usr/bin/python3';

/**
 * What Ansible answers for `localhost`/`127.0.0.1`/`::1` when no host has that exact name: the first
 * localhost-like inventory host, else one implicit host (connection local, in no group, never in `all`),
 * created once and then reused under whichever of the three names asks. Its interpreter is Ansible's own, so no
 * module run there discovers one (inventory/data.py).
 */
export function implicitLocalhost(inv: Inventory, name: string): Host | undefined {
  if (!LOCALHOST_NAMES.includes(name)) return undefined;
  for (const host of inv.hosts.values()) {
    if (LOCALHOST_NAMES.includes(host.name)) return host;
  }
  inv.implicitLocalhost ??= { name, vars: { ansible_connection: 'local', ansible_python_interpreter: CONTROLLER_PYTHON }, groups: [], implicit: true };
  return inv.implicitLocalhost;
}
