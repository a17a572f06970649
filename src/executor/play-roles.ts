import type { Play } from '../playbook/types.js';
import type { Vars } from '../vars/types.js';

/**
 * The defaults and vars of every role a play loaded (its `roles:`, their dependencies, import_role), merged in the
 * order they appear: VariableManager.get_vars gives every task of the play these, below the task's own role's
 * (private_role_vars off, Ansible's default). So a play task after `roles: [web]` reads web's defaults and vars.
 * A role include_role brings at run time is not among them (its `public` is off by default).
 */
export interface PlayRoleVars {
  defaults: Vars;
  vars: Vars;
}

const byPlay = new WeakMap<Play, PlayRoleVars>();

export function playRoleVars(play: Play): PlayRoleVars {
  let known = byPlay.get(play);
  if (!known) {
    const roles = play.roles ?? [];
    known = { defaults: Object.assign({}, ...roles.map((r) => r.defaults)) as Vars, vars: Object.assign({}, ...roles.map((r) => r.vars)) as Vars };
    byPlay.set(play, known);
  }
  return known;
}

/** One layer: the play's roles' values with the task's own role's on top (a fresh object only when both exist). */
export function withOwnRole(all: Vars, own: Vars | undefined): Vars | undefined {
  const anyAll = Object.keys(all).length > 0;
  if (!own) return anyAll ? all : undefined;
  return anyAll ? { ...all, ...own } : own;
}
