import { HostPatternError, limitHosts, selectHosts } from '../inventory/pattern.js';
import type { Host, Inventory } from '../inventory/types.js';

const LOCALHOST = new Set(['localhost', '127.0.0.1', '::1']);

/** Ansible's "no hosts" error for ad-hoc with --limit (AnsibleError, exit 1). */
export class NoHostsError extends Error {
  override readonly name = 'NoHostsError';
  readonly userError = true;
}

/**
 * The hosts an ad-hoc run targets, with Ansible's warnings (cli/__init__.py get_host_list + adhoc.py):
 * an empty inventory only warns; a pattern that matches nothing warns, or fails when --limit was given.
 */
export function adhocHostList(inv: Inventory, pattern: string, limit: string | undefined, warn: (m: string) => void, localhostWarning: boolean): Host[] {
  const empty = [...inv.hosts.values()].every((host) => host.implicit === true);
  if (empty && localhostWarning && !LOCALHOST.has(pattern)) {
    warn("provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'");
  }
  let hosts: Host[];
  try {
    hosts = selectHosts(inv, pattern, warn);
    if (limit !== undefined) hosts = limitHosts(inv, hosts, limit, warn);
  } catch (error) {
    if (!(error instanceof HostPatternError) || limit !== undefined) throw error;
    hosts = [];
  }
  if (hosts.length === 0 && !empty) {
    if (limit !== undefined) throw new NoHostsError('Specified inventory, host pattern and/or --limit leaves us with no hosts to target.');
    warn('No hosts matched, nothing to do');
  }
  return hosts;
}
