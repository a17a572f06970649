import type { ModuleContext } from '../../src/executor/module-contract.js';
import { GatherError, gatherFacts } from '../../src/facts/gather.js';

/** `{{ ansible_facts.pkg_mgr }}` of the host, if facts were gathered. */
export function factPkgMgr(ctx: ModuleContext): string | undefined {
  const facts = ctx.vars['ansible_facts'];
  const value = facts && typeof facts === 'object' ? (facts as Record<string, unknown>)['pkg_mgr'] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What the yum and package actions run when the fact is missing: setup filter=ansible_pkg_mgr gather_subset=!all (one round trip). */
export async function gatherPkgMgr(ctx: ModuleContext): Promise<string> {
  let facts: Record<string, unknown>;
  try {
    facts = await gatherFacts(ctx.conn, { subset: ['!all'], filter: ['ansible_pkg_mgr'], become: ctx.become });
  } catch (error) {
    // the actions read a failed setup as "no pkg_mgr" and fail with their own message
    if (error instanceof GatherError) return 'auto';
    throw error;
  }
  const value = facts['ansible_pkg_mgr'];
  return typeof value === 'string' && value !== '' ? value : 'auto';
}
