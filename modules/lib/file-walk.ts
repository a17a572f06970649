import { shellQuote } from '../../src/connection/shell-quote.js';

/** What file state=absent lists under `path_content` in a --diff: Python's os.walk of the directory. */
export interface PathContent {
  directories: string[];
  files: string[];
}

/** One find, in the same exec as the stat: each entry under `path` with its type (a symlink's target type, as os.walk's is_dir). */
export function walkScript(path: string): string {
  return `echo @walk; find ${shellQuote(path)} -mindepth 1 -printf '%Y %p\\n' 2>/dev/null; echo @endwalk`;
}

/** os.walk's order: each directory's subdirectories and files in directory order, then each subdirectory the same way. */
export function parseWalk(stdout: string, path: string): PathContent {
  const section = /@walk\n([\s\S]*?)@endwalk/.exec(stdout)?.[1] ?? '';
  const children = new Map<string, { path: string; dir: boolean }[]>();
  const entries = section.split('\n').filter(Boolean).map((line) => ({ dir: line.startsWith('d '), path: line.slice(2) }));
  const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/'));
  const root = path.replace(/\/+$/, '');
  for (const entry of entries) {
    const parent = parentOf(entry.path);
    children.set(parent, [...(children.get(parent) ?? []), entry]);
  }
  const walked: PathContent = { directories: [], files: [] };
  const visit = (dir: string): void => {
    const here = children.get(dir) ?? [];
    for (const e of here) (e.dir ? walked.directories : walked.files).push(e.path);
    // os.walk does not descend into symlinks to directories; find -printf %Y reports them as d, but lists nothing under them
    for (const e of here) if (e.dir) visit(e.path);
  };
  visit(root);
  return walked;
}
