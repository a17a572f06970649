// Ansible's set_fs_attributes_if_different for edit modules: owner, group, mode, and the `(file attributes)` diff.
import { normaliseMode } from '../../src/connection/compose.js';

/** Ansible's file-common arguments that edit modules accept. */
export interface FileAttrArgs {
  mode?: string | number;
  owner?: string;
  group?: string;
}

export const fileAttrSchema = {
  mode: { type: ['string', 'integer'] },
  owner: { type: 'string' },
  group: { type: 'string' },
} as const;

/** Current numeric attributes and the uid/gid the requested names resolve to (from the one read). */
export interface AttrFacts {
  mode: number;
  uid: number;
  gid: number;
  isDir: boolean;
  wantUid?: number | undefined;
  wantGid?: number | undefined;
}

const PERM_BITS: Record<string, Record<string, number>> = {
  u: { r: 0o400, w: 0o200, x: 0o100, s: 0o4000, t: 0 },
  g: { r: 0o040, w: 0o020, x: 0o010, s: 0o2000, t: 0 },
  o: { r: 0o004, w: 0o002, x: 0o001, s: 0, t: 0o1000 },
};

/** chmod-style symbolic mode (`u=rw,g+r,o-rwx`, `a+X`) applied to a current mode, as Ansible computes it. */
export function applySymbolicMode(current: number, spec: string, isDir: boolean): number {
  let mode = current & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)(([-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) throw new Error(`bad symbolic permission for mode: ${spec}`);
    const who = m[1] === '' || m[1]?.includes('a') ? 'ugo' : (m[1] ?? '');
    for (const op of (m[2] ?? '').match(/[-+=][rwxXstugo]*/g) ?? []) {
      const perms = op.slice(1);
      for (const u of who) {
        const bits = PERM_BITS[u] as Record<string, number>;
        let add = 0;
        for (const p of perms) {
          if (p === 'X') {
            if (isDir || (mode & 0o111) !== 0) add |= bits.x ?? 0;
          } else add |= bits[p] ?? 0;
        }
        const all = (bits.r ?? 0) | (bits.w ?? 0) | (bits.x ?? 0) | (bits.s ?? 0) | (bits.t ?? 0);
        if (op[0] === '+') mode |= add;
        else if (op[0] === '-') mode &= ~add;
        else mode = (mode & ~all) | add;
      }
    }
  }
  return mode;
}

/** The mode the task asks for, given the current one; undefined when no mode is asked. */
export function wantedMode(args: FileAttrArgs, current: number, isDir: boolean): number | undefined {
  const mode = normaliseMode(args.mode);
  if (mode === undefined) return undefined;
  return /^[0-7]+$/.test(mode) ? parseInt(mode, 8) : applySymbolicMode(current, mode, isDir);
}

const octal = (n: number): string => `0${n.toString(8).padStart(3, '0')}`;

/** The attribute diff (before/after dicts) when owner, group or mode differ; null when they all match. */
export function attrChanges(facts: AttrFacts, args: FileAttrArgs): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (args.owner !== undefined) {
    const uid = /^\d+$/.test(args.owner) ? Number(args.owner) : facts.wantUid;
    if (uid !== undefined && uid !== facts.uid) Object.assign(before, { owner: facts.uid }) && Object.assign(after, { owner: uid });
  }
  if (args.group !== undefined) {
    const gid = /^\d+$/.test(args.group) ? Number(args.group) : facts.wantGid;
    if (gid !== undefined && gid !== facts.gid) Object.assign(before, { group: facts.gid }) && Object.assign(after, { group: gid });
  }
  const mode = wantedMode(args, facts.mode, facts.isDir);
  if (mode !== undefined && mode !== (facts.mode & 0o7777)) {
    before.mode = octal(facts.mode & 0o7777);
    after.mode = octal(mode);
  }
  return Object.keys(after).length > 0 ? { before, after } : null;
}
