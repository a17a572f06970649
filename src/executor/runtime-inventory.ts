import { addDynamicGroup, addDynamicHost } from '../inventory/runtime-changes.js';
import type { Inventory } from '../inventory/types.js';
import { forgetGroupsVar } from '../vars/magic-vars.js';
import { toOutcome, type HostOutcome } from './outcome.js';

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * add_host and group_by only describe a change (`add_host`, `add_group` in the result); the engine makes it,
 * and the result is `changed` when the inventory really changed, as Ansible's strategy does.
 */
export function applyInventoryChange(inv: Inventory, host: string, outcome: HostOutcome): HostOutcome {
  const result = outcome.result;
  if (outcome.status === 'failed' || outcome.status === 'unreachable' || outcome.status === 'skipped') return outcome;
  const newHost = result.add_host as { host_name?: unknown; groups?: unknown; host_vars?: unknown } | undefined;
  let changed: boolean;
  try {
    if (newHost && typeof newHost === 'object') {
      changed = addDynamicHost(inv, { hostName: String(newHost.host_name), groups: asStrings(newHost.groups), hostVars: (newHost.host_vars ?? {}) as Record<string, unknown> });
    } else if (typeof result.add_group === 'string') {
      changed = addDynamicGroup(inv, host, result.add_group, asStrings(result.parent_groups));
    } else return outcome;
  } catch (error) {
    return toOutcome(host, { ...result, failed: true, msg: (error as Error).message });
  }
  if (changed) forgetGroupsVar(inv);
  return toOutcome(host, { ...result, changed });
}
