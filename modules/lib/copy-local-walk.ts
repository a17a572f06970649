// The copy action's _walk_dirs for a directory src on the controller: files to upload, directories to make, symlinks to
// recreate (file state=link). local_follow (default yes) uploads what a link to a file points at and walks a link to a
// directory, unless that directory is one the walk is already inside (then the link is kept); local_follow=no keeps
// every link as a link. A dangling link is always kept as a link.
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalTree {
  /** `abs` is read (a followed link's target), `rel` is where it goes under the destination */
  files: { abs: string; rel: string }[];
  dirs: { abs: string; rel: string }[];
  /** `target` is the link's text (os.readlink), made again as is */
  links: { target: string; rel: string }[];
}

function idOf(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** Entries sorted by name, so the plan reads the same on every run. */
export function walkLocalTree(root: string, localFollow: boolean): LocalTree {
  const tree: LocalTree = { files: [], dirs: [], links: [] };
  const walk = (dir: string, rel: string, inside: Set<string>): void => {
    for (const entry of readdirSync(dir).sort()) {
      const abs = join(dir, entry);
      const r = rel === '' ? entry : `${rel}/${entry}`;
      const own = lstatSync(abs);
      const link = own.isSymbolicLink();
      // os.walk sorts by is_dir(), which follows a link
      let isDir = false;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        isDir = false;
      }
      if (!link) {
        if (isDir) {
          tree.dirs.push({ abs, rel: r });
          walk(abs, r, new Set([...inside, idOf(abs) ?? abs]));
        } else if (own.isFile()) tree.files.push({ abs, rel: r });
        continue;
      }
      if (!localFollow) {
        tree.links.push({ target: readlinkSync(abs), rel: r });
        continue;
      }
      if (!isDir) {
        const real = realpathOrSelf(abs);
        if (isRegularFile(real)) tree.files.push({ abs: real, rel: r });
        else tree.links.push({ target: readlinkSync(abs), rel: r });
        continue;
      }
      const real = realpathSync(abs);
      const id = idOf(real) ?? real;
      if (inside.has(id)) tree.links.push({ target: readlinkSync(abs), rel: r });
      else {
        tree.dirs.push({ abs: real, rel: r });
        walk(real, r, new Set([...inside, id]));
      }
    }
  };
  walk(root, '', new Set([idOf(root) ?? root]));
  return tree;
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
