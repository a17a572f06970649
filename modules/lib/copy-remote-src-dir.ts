// copy remote_src=true of a directory: plan with the tree script's dry run, apply with the real one, then the
// dest's own mode/owner/group (set_fs_attributes_if_different); the result names the dest as the module does.
import type { ModuleContext, ModuleResult, Plan } from '../../src/executor/module-contract.js';
import type { CopyArgs, CopySteps } from '../copy.js';
import { parseRemoteTree, remoteTreeScript, type RemoteTreeArgs } from './copy-remote-tree.js';
import { attrCommands, planAttrs, type AttrArgs } from './file-attrs.js';
import { formatMode } from './file-mode.js';
import { parseStats, statScript, type RemoteStat, type Whoami } from './remote-stat.js';

export interface RemoteTreeStep {
  tree: RemoteTreeArgs;
  attrArgs: AttrArgs;
  who: Whoami;
  ids: { uid?: number | undefined; gid?: number | undefined };
}

/** exit_json's path info for the dest: its attributes, or only `state: absent`. */
function pathInfo(st: RemoteStat | undefined): ModuleResult {
  if (st === undefined || st.type === 'absent') return { state: 'absent' };
  const state = st.type === 'other' ? 'file' : st.type;
  return { gid: st.gid, group: st.group, mode: formatMode(st.mode), owner: st.owner, size: st.size, state, uid: st.uid };
}

function failed(msg: string): Plan<CopySteps> {
  return { changed: false, reason: msg, result: { failed: true, msg } };
}

export async function planRemoteTree(args: CopyArgs, ctx: ModuleContext, who: Whoami, ids: RemoteTreeStep['ids']): Promise<Plan<CopySteps>> {
  const src = args.src as string;
  const attrArgs: AttrArgs = { mode: args.mode === 'preserve' ? undefined : args.mode, owner: args.owner, group: args.group };
  // an owner/group that does not resolve fails as the module's chown does
  const known = planAttrs(attrArgs, undefined, true, who, ids);
  if (known instanceof Error) return failed(known.message);
  const tree: RemoteTreeArgs = {
    src,
    dest: args.dest,
    force: args.force !== false,
    follow: args.follow === true,
    localFollow: args.local_follow !== false,
    directoryMode: args.directory_mode === undefined ? undefined : typeof args.directory_mode === 'number' ? formatMode(args.directory_mode) : args.directory_mode,
    uid: args.owner !== undefined ? ids.uid : undefined,
    gid: args.group !== undefined ? ids.gid : undefined,
  };
  const out = await ctx.conn.exec(remoteTreeScript(tree, true), { become: ctx.become });
  const report = parseRemoteTree(out.stdout, args.dest);
  if (out.rc !== 0) return failed(out.stderr.trim() || `could not read ${src}`);
  if (report.noDir !== undefined) return failed(`Destination directory ${report.noDir} does not exist`);
  if (report.notWritable !== undefined) return failed(`Destination ${report.notWritable} not writable`);
  const step: RemoteTreeStep = { tree, attrArgs, who, ids };
  if (report.wouldCreate !== undefined) {
    // check mode stops here: the dest directory itself is still to be made
    const result = { changed: true, msg: `dest directory ${report.wouldCreate} would be created`, src };
    return { changed: true, steps: { files: [], dirs: [], result, remoteTree: step }, result };
  }
  const st = parseStats(out.stdout)[0];
  if (report.exists) return { changed: false, reason: 'file already exists (force=no)', result: { msg: 'file already exists', src, dest: report.dest, ...pathInfo(st) } };
  const attrs = planAttrs(attrArgs, st?.type === 'absent' ? undefined : st, true, who, ids);
  if (attrs instanceof Error) return failed(attrs.message);
  // a dest that is not there (check mode) gets no path info
  const result: ModuleResult = { checksum: null, dest: report.dest, md5sum: null, src, ...(st?.type === 'absent' ? {} : pathInfo(st)) };
  if (!report.changed && !attrs.chmod && !attrs.chown) return { changed: false, reason: 'the tree already matches', result };
  return { changed: true, steps: { files: [], dirs: [], result: { ...result, changed: true }, remoteTree: step }, result: { ...result, changed: true } };
}

export async function applyRemoteTree(step: RemoteTreeStep, planned: ModuleResult, ctx: ModuleContext): Promise<ModuleResult> {
  const src = step.tree.src;
  const out = await ctx.conn.exec(remoteTreeScript(step.tree, false), { become: ctx.become });
  const report = parseRemoteTree(out.stdout, step.tree.dest);
  if (report.noDir !== undefined) return { changed: false, failed: true, msg: `Destination directory ${report.noDir} does not exist` };
  if (report.notWritable !== undefined) return { changed: false, failed: true, msg: `Destination ${report.notWritable} not writable` };
  if (out.rc !== 0) return { changed: false, failed: true, msg: `failed to copy: ${src} to ${report.dest}`, stderr: out.stderr.trim() };
  let st = parseStats(out.stdout)[0];
  let changed = report.changed;
  const attrs = planAttrs(step.attrArgs, st?.type === 'absent' ? undefined : st, true, step.who, step.ids);
  if (attrs instanceof Error) return { ...planned, changed: false, failed: true, msg: attrs.message };
  if (attrs.chmod || attrs.chown) {
    const fix = await ctx.conn.exec([...attrCommands(report.dest, attrs, step.attrArgs), statScript(report.dest)].join('\n'), { become: ctx.become });
    if (fix.rc !== 0) return { changed: false, failed: true, msg: fix.stderr.trim() };
    st = parseStats(fix.stdout)[0];
    changed = true;
  }
  return { changed, checksum: null, dest: report.dest, md5sum: null, src, ...pathInfo(st) };
}
