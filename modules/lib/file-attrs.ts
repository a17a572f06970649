// mode/owner/group: what a path should end up with, and the commands that get it there (copy, template, file).
import { shellQuote } from '../../src/connection/shell-quote.js';
import { formatMode, resolveMode } from './file-mode.js';
import type { RemoteStat, Whoami } from './remote-stat.js';

export interface AttrArgs {
  mode?: string | number | undefined;
  owner?: string | undefined;
  group?: string | undefined;
}

/** Where the attributes end up, and which of them differ from now. */
export interface AttrPlan {
  mode: number;
  uid: number;
  gid: number;
  owner: string;
  group: string;
  chmod: boolean;
  chown: boolean;
  /** the file module's diff fields that change (`mode`, `owner`, `group`) */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A new path's mode when no `mode` is given: what the umask lets through. */
export function defaultMode(isDir: boolean, who: Whoami): number {
  return (isDir ? 0o777 : 0o666) & ~who.umask;
}

/**
 * Decide the attributes for `current` (or a new path of kind `isDir` when absent).
 * `ids` are the looked-up numeric ids of `owner`/`group`; a name that did not resolve is an error, in Ansible's words.
 */
export function planAttrs(
  args: AttrArgs,
  current: RemoteStat | undefined,
  isDir: boolean,
  who: Whoami,
  ids: { uid?: number | undefined; gid?: number | undefined },
): AttrPlan | Error {
  const exists = current !== undefined && current.type !== 'absent';
  const baseMode = exists ? current.mode : defaultMode(isDir, who);
  let mode = baseMode;
  if (args.mode !== undefined && args.mode !== 'preserve') {
    const resolved = resolveMode(args.mode, baseMode, isDir);
    if (resolved instanceof Error) return resolved;
    mode = resolved;
  }
  let uid = exists ? current.uid : who.uid;
  let owner = exists ? current.owner : who.user;
  if (args.owner !== undefined) {
    if (ids.uid === undefined) return new Error(`chown failed: failed to look up user ${args.owner}`);
    if (ids.uid !== uid) owner = args.owner;
    uid = ids.uid;
  }
  let gid = exists ? current.gid : who.gid;
  let group = exists ? current.group : who.group;
  if (args.group !== undefined) {
    if (ids.gid === undefined) return new Error(`chgrp failed: failed to look up group ${args.group}`);
    if (ids.gid !== gid) group = args.group;
    gid = ids.gid;
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const chmod = exists && mode !== current.mode;
  if (chmod) [before.mode, after.mode] = [formatMode(current.mode), formatMode(mode)];
  const ownerChanged = exists && uid !== current.uid;
  const groupChanged = exists && gid !== current.gid;
  if (ownerChanged) [before.owner, after.owner] = [current.uid, uid];
  if (groupChanged) [before.group, after.group] = [current.gid, gid];
  return { mode, uid, gid, owner, group, chmod, chown: ownerChanged || groupChanged, before, after };
}

/** chmod/chown for an existing path, `-h` for a link itself. */
export function attrCommands(path: string, attrs: AttrPlan, args: AttrArgs, opts: { noDeref?: boolean; recurse?: boolean } = {}): string[] {
  const q = shellQuote(path);
  const r = opts.recurse ? '-R ' : '';
  const h = opts.noDeref ? '-h ' : '';
  const out: string[] = [];
  if (attrs.chown || opts.recurse) {
    const who = `${args.owner !== undefined ? attrs.uid : ''}${args.group !== undefined ? `:${attrs.gid}` : ''}`;
    if (who !== '') out.push(`chown ${r}${h}${who} ${q}`);
  }
  if ((attrs.chmod || (opts.recurse && args.mode !== undefined)) && !opts.noDeref) {
    out.push(opts.recurse && typeof args.mode === 'string' && !/^[0-7]+$/.test(args.mode) ? `chmod ${r}${shellQuote(args.mode)} ${q}` : `chmod ${r}${formatMode(attrs.mode)} ${q}`);
  }
  return out;
}
