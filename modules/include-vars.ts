import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { ActionError, type ModuleDefinition } from '../src/executor/module-contract.js';
import { loadYaml11 } from '../src/parsing/yaml-11.js';
import { pythonJsonDumps } from '../src/output/python-json.js';
import { mergeHash } from '../src/vars/combine.js';
import { readPlainText } from '../src/vault/run-vault.js';

type Vars = Record<string, unknown>;

const DIR_ARGS = ['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions'];
const FILE_ARGS = ['file', '_raw_params'];
const ALL_ARGS = ['name', 'hash_behaviour'];

const pyClass = (value: unknown): string => (value === null || value === undefined ? 'NoneType' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value === 'string' ? 'str' : Array.isArray(value) ? 'list' : 'dict');

/** A load failure Ansible reports as the task's `message` (include_vars uses that key, not `msg`). */
class IncludeVarsError extends Error {}

const isDict = (value: unknown): value is Vars => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The dirs _find_needle walks: the role, the task file's dir, the playbook's dir (listed again even when the same). */
function needleDirs(ctx: { roleDir?: string | undefined; taskDir?: string | undefined; searchPath: string[] }): string[] {
  const playDir = ctx.searchPath[ctx.searchPath.length - 1];
  return [...(ctx.roleDir ? [ctx.roleDir] : []), ...(ctx.taskDir ? [ctx.taskDir] : []), ...(playDir ? [playDir] : [])];
}

/** Where a relative name is looked for: each search dir's vars/, then the dir itself (_find_needle('vars', ...)). */
function findNeedle(name: string, searchPath: string[]): string {
  if (isAbsolute(name)) {
    if (existsSync(name)) return name;
    throw new IncludeVarsError(`Could not find or access '${name}'\nSearched in:\n\t${name}\n\t${name} on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`);
  }
  const candidates = searchPath.flatMap((dir) => [join(dir, 'vars', name), join(dir, name)]);
  const found = candidates.find((file) => existsSync(file));
  if (found) return found;
  throw new IncludeVarsError(`Could not find or access '${name}'\nSearched in:\n${candidates.map((c) => `\t${c}`).join('\n')} on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`);
}

function loadFile(file: string, included: string[]): Vars {
  const data = loadYaml11(readPlainText(file), file, () => {});
  if (data === null || data === undefined || data === '') {
    included.push(file);
    return {};
  }
  if (!isDict(data)) throw new IncludeVarsError(`${file} must be stored as a dictionary/hash`);
  included.push(file);
  return { ...data };
}

/** os.walk sorted by directory, each directory's files sorted, stopping past `depth` directories (0: no limit). */
function walkSorted(root: string, depth: number): Array<[string, string[]]> {
  const dirs: Array<[string, string[]]> = [];
  const visit = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    const files: string[] = [];
    const subdirs: string[] = [];
    for (const entry of entries) (statSync(join(dir, entry), { throwIfNoEntry: false })?.isDirectory() ? subdirs : files).push(entry);
    dirs.push([dir, files.sort()]);
    for (const sub of subdirs) visit(join(dir, sub));
  };
  visit(root);
  dirs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return depth === 0 ? dirs : dirs.slice(0, depth);
}

function loadDir(args: Vars, dir: string, roleDir: string | undefined, included: string[]): Vars {
  const depth = Number(args.depth ?? 0) || 0;
  const matcher = typeof args.files_matching === 'string' && args.files_matching !== '' ? new RegExp(args.files_matching) : undefined;
  const ignore = typeof args.ignore_files === 'string' ? args.ignore_files.split(/\s+/).filter(Boolean) : Array.isArray(args.ignore_files) ? args.ignore_files.map(String) : [];
  const extensions = typeof args.extensions === 'string' ? [...args.extensions] : Array.isArray(args.extensions) ? args.extensions.map(String) : ['yaml', 'yml', 'json'];
  const ignored = (name: string): boolean =>
    ignore.some((pattern) => {
      try {
        return new RegExp(`${pattern}$`).test(name);
      } catch {
        throw new IncludeVarsError(`Invalid regular expression: ${pattern}`);
      }
    });
  const validExt = (name: string): boolean => extensions.includes(extname(name).slice(1));
  let results: Vars = {};
  for (const [root, files] of walkSorted(dir, depth)) {
    for (const name of files) {
      // a role's own vars/main.yml is already loaded with the role
      if (roleDir !== undefined && join(roleDir, name) === join(root, 'vars', 'main.yml')) continue;
      if (matcher && !matcher.test(name)) continue;
      const path = join(root, name);
      if (ignored(name)) continue;
      if (args.ignore_unknown_extensions === true && !validExt(name)) continue;
      if (!validExt(name)) throw new IncludeVarsError(`${path} does not have a valid extension: ${extensions.join(', ')}`);
      results = { ...results, ...loadFile(path, included) };
    }
  }
  return results;
}

/** include_vars: reads YAML/JSON vars files on the controller; the engine keeps them per host at the include_vars level (18). */
export const includeVars: ModuleDefinition<Vars, never> = {
  name: 'ansible.builtin.include_vars',
  aliases: ['include_vars', 'ansible.legacy.include_vars'],
  freeForm: true,
  controllerOnly: true,
  output: 'json',
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', description: 'The file name from which variables should be loaded. If the path is relative, it will look for the file in vars/ subdirectory of a role or relative to playbook.' },
      dir: { type: 'string', description: 'The directory name from which the variables should be loaded. If the path is relative and the task is inside a role, it will look inside the role\'s vars/ subdirectory. If the path is relative and not inside a role, it will be parsed relative to the playbook.' },
      name: { type: 'string', description: 'The name of a variable into which assign the included vars. If omitted (null) they will be made top level vars.' },
      depth: { type: 'integer', default: 0, description: 'When using dir, this module will, by default, recursively go through each sub directory and load up the variables. By explicitly setting the depth, this module will only go as deep as the depth.' },
      files_matching: { type: 'string', description: 'Limit the files that are loaded within any directory to this regular expression.' },
      ignore_files: { type: 'array', items: { type: 'string' }, description: 'List of file names to ignore.' },
      extensions: { type: 'array', items: { type: 'string' }, default: ['json', 'yaml', 'yml'], description: 'List of file extensions to read when using dir.' },
      ignore_unknown_extensions: { type: 'boolean', default: false, description: 'Ignore unknown file extensions within the directory. This allows users to specify a directory containing vars files that are intermingled with non-vars files extension types (e.g. a directory with a README in it and vars files).' },
      hash_behaviour: { type: 'string', enum: ['replace', 'merge'], description: 'If set to merge, merges existing hash variables instead of overwriting them. If omitted (null), the behavior falls back to the global hash_behaviour configuration.' },
      _raw_params: { type: 'string', description: 'The name of a file to load variables from (the free-form form of file).' },
    },
    additionalProperties: true,
  },
  doc: {
    description: ['Loads YAML/JSON variables dynamically from a file or directory, recursively, during task runtime.', 'If loading a directory, the files are sorted alphabetically before being loaded.', 'To assign included variables to a different host than inventory_hostname, use delegate_to and set delegate_facts=yes.'],
    examples: `- name: Include vars of stuff.yaml into the 'stuff' variable
  ansible.builtin.include_vars:
    file: stuff.yaml
    name: stuff

- name: Load variables from the os-specific file
  ansible.builtin.include_vars: "{{ ansible_facts['os_family'] }}.yml"

- name: Include all .json and .jsn files in vars/all and all nested directories
  ansible.builtin.include_vars:
    dir: vars/all
    extensions:
      - json
      - jsn
`,
    returns: {
      ansible_included_var_files: { description: 'A list of files that were successfully included', returned: 'success', type: 'list', sample: ['/path/to/file.json', '/path/to/file.yaml'] },
    },
  },
  async plan(args, ctx) {
    const given = Object.keys(args);
    const bad = given.find((key) => !DIR_ARGS.includes(key) && !FILE_ARGS.includes(key) && !ALL_ARGS.includes(key));
    if (bad !== undefined) throw new ActionError(`${bad} is not a valid option in include_vars`);
    if (given.some((k) => DIR_ARGS.includes(k)) && given.some((k) => FILE_ARGS.includes(k))) throw new ActionError('You are mixing file only and dir only arguments, these are incompatible');
    const included: string[] = [];
    let results: Vars = {};
    let message: string | undefined;
    try {
      if (typeof args.dir === 'string' && args.dir !== '') {
        const roleDir = ctx.roleDir;
        let dir = args.dir;
        if (roleDir !== undefined) {
          if (dir.split('/')[0] === 'vars') {
            if (existsSync(join(roleDir, dir))) dir = join(roleDir, dir);
          } else dir = join(roleDir, 'vars', dir);
        } else if (!isAbsolute(dir)) dir = join(ctx.taskDir ?? ctx.searchPath[0] ?? process.cwd(), dir);
        if (!existsSync(dir)) message = `${dir} directory does not exist`;
        else if (!statSync(dir).isDirectory()) message = `${dir} is not a directory`;
        else results = loadDir(args, dir, roleDir, included);
      } else {
        const source = String(args.file ?? args._raw_params ?? '').replace(/\n+$/, '');
        results = loadFile(resolve(findNeedle(source, needleDirs(ctx))), included);
      }
    } catch (error) {
      if (!(error instanceof IncludeVarsError)) throw error;
      message = error.message;
    }
    if (typeof args.name === 'string' && args.name !== '') results = { [args.name]: results };
    if (message !== undefined) return { changed: false, reason: 'load failed', result: { failed: true, message, ansible_included_var_files: included, ansible_facts: typeof args.name === 'string' && args.name !== '' ? results : {} } };
    if (args.hash_behaviour !== undefined && args.hash_behaviour !== (ctx.hashBehaviour ?? 'replace')) {
      // combine_vars(old, new): both must be dicts, as in Ansible (an undefined old value fails too)
      for (const [key, value] of Object.entries(results)) {
        const old = key in ctx.vars ? ctx.vars[key] : null;
        if (!isDict(old) || !isDict(value)) {
          const msg = `failed to combine variables, expected dicts but got a '${pyClass(old)}' and a '${pyClass(value)}': \n${pythonJsonDumps(old ?? null)}\n${pythonJsonDumps(value)}`;
          throw new ActionError(msg);
        }
        results[key] = args.hash_behaviour === 'merge' ? mergeHash(old, value) : { ...old, ...value };
      }
    }
    return { changed: false, reason: 'vars are kept on the controller', result: { ansible_included_var_files: included, ansible_facts: results, _ansible_no_log: false } };
  },
  async apply() {
    throw new Error('include_vars never changes a host');
  },
};
