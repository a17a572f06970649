import type { VarsDir } from './vars-dir.js';

/** A host as the inventory describes it: its own vars and the groups it is a direct member of. */
export interface Host {
  name: string;
  /** host-level vars only (inline INI vars, host_vars); group vars are merged by `hostVars()` */
  vars: Record<string, unknown>;
  /** direct groups, in the order the host was added to them */
  groups: string[];
  /** true for the implicit localhost, which never matches `all` */
  implicit?: boolean;
  /** the inventory source the host was first seen in (Ansible's `inventory_file`; its dir is `inventory_dir`) */
  source?: string;
}

export interface Group {
  name: string;
  vars: Record<string, unknown>;
  /** direct child group names */
  children: string[];
  /** direct member host names, in inventory order */
  hosts: string[];
  /** `ansible_group_priority` (kept out of vars, as Ansible does); orders groups of equal depth. @default 1 */
  priority?: number;
}

/** One inventory model, whatever the sources were. Maps keep insertion (= inventory) order. */
export interface Inventory {
  hosts: Map<string, Host>;
  groups: Map<string, Group>;
  /** the sources it was loaded from, for messages */
  sources: string[];
  /** group_vars/ and host_vars/ beside each source, in source order (levels 4, 6 and 9 of variable precedence) */
  varsDirs?: VarsDir[];
  /** the implicit localhost once a pattern has created it; reused under any of its names, as Ansible does */
  implicitLocalhost?: Host;
}

/** A warning to show the user (Ansible's `[WARNING]: ...`), collected rather than printed. */
export type Warn = (message: string) => void;
