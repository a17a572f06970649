// copy remote_src of a directory: Ansible's copy module walks the two trees with filecmp.dircmp (copy_diff_files,
// copy_left_only, copy_common_dirs, chown_recursive). One shell script does the same on the target; with DRY=1 it
// only reports (check mode, and the plan), with DRY=0 it copies.
import { posix } from 'node:path';
import { shellQuote } from '../../src/connection/shell-quote.js';
import { statScript } from './remote-stat.js';

export interface RemoteTreeArgs {
  /** as given: a trailing `/` copies the directory's contents */
  src: string;
  /** as given (a trailing `/` makes the directory) */
  dest: string;
  force: boolean;
  follow: boolean;
  /** follow links inside the source tree (copytree's symlinks=not local_follow) */
  localFollow: boolean;
  /** the mode of the directories a trailing-`/` dest makes */
  directoryMode?: string | undefined;
  /** numeric ids for chown_recursive, when owner/group are given */
  uid?: number | undefined;
  gid?: number | undefined;
}

/** What the script says, one marker a line. */
export interface RemoteTreeReport {
  /** check mode stopped before creating the dest directory */
  wouldCreate?: string | undefined;
  /** force=no and the destination exists */
  exists?: boolean;
  /** the parent of the destination is missing / not writable */
  noDir?: string | undefined;
  notWritable?: string | undefined;
  changed: boolean;
  /** the `dest` the module reports (dest joined with the source's basename when dest is a directory) */
  dest: string;
}

// filecmp.dircmp's DEFAULT_IGNORES are left out of the comparison (and so of the copy)
const HELPERS = String.raw`set -f
IFS='
'
names() { ls -A -- "$1" 2>/dev/null | grep -vxE 'RCS|CVS|tags|\.git|\.hg|\.bzr|_darcs|__pycache__'; }
# filecmp.cmp(shallow=True): the same size and mtime count as equal, otherwise the bytes decide
differ() { [ "$(stat -L -c '%s %.9Y' -- "$1")" != "$(stat -L -c '%s %.9Y' -- "$2")" ] && ! cmp -s -- "$1" "$2"; }
chown_tree() {
  local r=1
  if [ -n "$OWN" ] && [ -n "$(find "$1" ! -uid "$OWN" -print -quit 2>/dev/null)" ]; then r=0; [ "$DRY" = 1 ] || chown -R "$OWN" "$1"; fi
  if [ -n "$GRP" ] && [ -n "$(find "$1" ! -gid "$GRP" -print -quit 2>/dev/null)" ]; then r=0; [ "$DRY" = 1 ] || chgrp -R "$GRP" "$1"; fi
  return $r
}
own() { [ -z "$OWN" ] || chown "$OWN" "$1"; [ -z "$GRP" ] || chgrp "$GRP" "$1"; }
copytree() { if [ "$LF" = 1 ]; then cp -R -L --preserve=mode,timestamps -- "$1" "$2"; else cp -R -P --preserve=mode,timestamps -- "$1" "$2"; fi; chown_tree "$2"; }
# one function over every entry of a source dir and its namesake in the dest dir: did any say "changed"?
each() {
  local fn=$1 r=1 n
  for n in $(names "$2"); do "$fn" "$2/$n" "$3/$n" && r=0; done
  return $r
}
# copy_diff_files: a regular file on both sides whose contents differ
diff_one() {
  [ -f "$1" ] && [ -f "$2" ] && differ "$1" "$2" || return 1
  [ "$DRY" = 1 ] && return 0
  if [ -L "$1" ] && [ "$LF" = 0 ]; then ln -s -- "$(readlink -- "$1")" "$2"; else cp --preserve=mode -- "$1" "$2"; fi
  own "$2"; return 0
}
# copy_left_only: only on the source side
left_one() {
  if [ -e "$2" ] || [ -L "$2" ]; then return 1; fi
  [ "$DRY" = 1 ] && return 0
  if [ -L "$1" ] && [ "$LF" = 0 ]; then ln -s -- "$(readlink -- "$1")" "$2"
  elif [ -d "$1" ]; then copytree "$1" "$2"
  elif [ -f "$1" ]; then cp -L --preserve=mode -- "$1" "$2"; own "$2"
  fi
  return 0
}
diff_files() { each diff_one "$1" "$2"; }
left_only() { each left_one "$1" "$2"; }
common_dirs() {
  local r=1 n a b
  for n in $(names "$1"); do
    [ -d "$1/$n" ] && [ -d "$2/$n" ] || continue
    diff_files "$1/$n" "$2/$n"; a=$?
    left_only "$1/$n" "$2/$n"; b=$?
    if [ $a = 0 ] || [ $b = 0 ]; then r=0; fi
    if [ $r != 0 ]; then common_dirs "$1/$n" "$2/$n" && r=0; fi
  done
  return $r
}
sync() {
  local c=1
  diff_files "$1" "$2" && c=0
  left_only "$1" "$2" && c=0
  common_dirs "$1" "$2" && c=0
  chown_tree "$2" && c=0
  return $c
}`;

/** Python's os.path.join(a, b) for two relative-or-absolute pieces. */
function join(a: string, b: string): string {
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

/** The script; DRY=1 reports only. It prints @dest=, then @changed when anything was (or would be) copied. */
export function remoteTreeScript(args: RemoteTreeArgs, dry: boolean): string {
  const base = posix.basename(args.src.endsWith('/') ? '' : args.src);
  const q = shellQuote;
  // module main(): a dest without a directory part is relative to the working directory
  const dest = args.dest.includes('/') ? args.dest : `./${args.dest}`;
  const lines = [
    HELPERS,
    `DRY=${dry ? 1 : 0}; LF=${args.localFollow ? 1 : 0}; OWN=${args.uid ?? ''}; GRP=${args.gid ?? ''}`,
    `S=${q(args.src)}; PD=${q(args.dest)}; D=${q(dest)}; changed=1`,
    'main() {',
  ];
  if (dest.endsWith('/')) {
    const dir = dest.slice(0, -1);
    const mode = args.directoryMode !== undefined ? ` && chmod ${q(args.directoryMode)} "$x"` : '';
    lines.push(
      `if [ ! -e ${q(dir)} ]; then`,
      `  if [ "$DRY" = 1 ]; then echo "@would_create="${q(dir)}; return 0; fi`,
      `  d=${q(dir)}; set --; while [ ! -e "$d" ]; do set -- "$d" "$@"; d=$(dirname -- "$d"); done`,
      `  for x in "$@"; do mkdir -- "$x"${mode} && own "$x" || return 1; done`,
      'fi',
    );
  }
  lines.push(
    `if [ -d "$D" ]; then case "$D" in */) D="$D"${q(base)};; *) D="$D/"${q(base)};; esac; fi`,
    'echo "@dest=$D"',
    'if [ -e "$D" ]; then',
    `  ${args.follow ? 'if [ -L "$D" ]; then D=$(realpath -- "$D"); echo "@dest=$D"; fi' : ':'}`,
    `  ${args.force ? ':' : 'echo @exists; return 0'}`,
    'else',
    '  p=$(dirname -- "$D"); [ -d "$p" ] || { echo "@nodir=$p"; return 0; }',
    'fi',
    'p=$(dirname -- "$D"); [ -w "$p" ] || { echo "@notwritable=$p"; return 0; }',
    // the four cases of main(), in its order: src with or without a trailing slash, dest there or not
    'case "$S" in',
    '*/)',
    '  if [ -d "$PD" ]; then sync "$S" "$PD" && changed=0; fi',
    '  if [ ! -e "$PD" ]; then [ "$DRY" = 1 ] || copytree "$S" "$PD"; changed=0; fi',
    '  ;;',
    '*)',
    `  T=${q(join(args.dest, base))}`,
    '  if [ -d "$PD" ]; then',
    '    if [ ! -e "$T" ]; then changed=0; [ "$DRY" = 1 ] || copytree "$S" "$T"; fi',
    '    if [ -e "$T" ]; then sync "$S" "$T" && changed=0; fi',
    '  elif [ ! -e "$PD" ] && [ ! -e "$T" ]; then',
    '    changed=0',
    '    if [ "$DRY" = 0 ]; then mkdir -p -- "$T" && sync "$S" "$T"; fi',
    '  fi',
    '  ;;',
    'esac',
    'if [ $changed = 0 ]; then echo @changed; fi',
    '}',
    // what the module reports about its dest (exit_json's path info)
    'main; rc=$?; unset IFS; set +f',
    statScript('$D', { pathIsVar: true }),
    'exit $rc',
  );
  return lines.join('\n');
}

export function parseRemoteTree(stdout: string, fallbackDest: string): RemoteTreeReport {
  const last = (key: string): string | undefined => [...stdout.matchAll(new RegExp(`^@${key}=(.*)$`, 'gm'))].pop()?.[1];
  return {
    wouldCreate: last('would_create'),
    exists: /^@exists$/m.test(stdout),
    noDir: last('nodir'),
    notWritable: last('notwritable'),
    changed: /^@changed$/m.test(stdout),
    dest: last('dest') ?? fallbackDest,
  };
}
