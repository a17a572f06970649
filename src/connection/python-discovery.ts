import { osFamilyLower } from '../facts/distribution.js';
import { parseKeyValueFile } from '../facts/os-release.js';

/** Ansible's INTERPRETER_PYTHON_FALLBACK (2.14): the Pythons interpreter discovery looks for, in this order. */
const PYTHON_FALLBACK = ['python3.11', 'python3.10', 'python3.9', 'python3.8', 'python3.7', 'python3.6', 'python3.5', '/usr/bin/python3', '/usr/libexec/platform-python', 'python2.7', '/usr/bin/python', 'python'];

/** Ansible's _INTERPRETER_PYTHON_DISTRO_MAP: a distribution's (or its family's) own Python, by version. */
const DISTRO_MAP: Record<string, Record<string, string>> = {
  redhat: { '6': '/usr/bin/python', '8': '/usr/libexec/platform-python', '9': '/usr/bin/python3' },
  debian: { '8': '/usr/bin/python', '10': '/usr/bin/python3' },
  fedora: { '23': '/usr/bin/python3' },
  ubuntu: { '14': '/usr/bin/python', '16': '/usr/bin/python3' },
};

const OS_RELEASE_MARK = 'TSIBLE-OS-RELEASE';

/**
 * What the target says for interpreter discovery, in one shell command with no stdin: uname, then every Python of
 * the fallback list `command -v` finds, then the os-release file (interpreter_discovery.py's bootstrap and
 * python_target.py, without running a Python). Prints nothing on stderr. Shell builtins only where a Linux target
 * allows: the kernel's name from /proc rather than uname, the file read by `read` rather than cat (each process
 * started is a fork and an exec of the target's CPU, on every host of every run). It runs in the session's own shell,
 * so it unsets its variables: commands after it must not see them.
 */
export const PYTHON_PROBE = [
  '{ if read -r os < /proc/sys/kernel/ostype; then echo "$os"; else uname; fi',
  ...PYTHON_FALLBACK.map((py) => `command -v '${py}'`),
  `echo ${OS_RELEASE_MARK}`,
  'f=/etc/os-release; [ -r $f ] || f=/usr/lib/os-release',
  `[ -r $f ] && while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done < $f; unset os f l; } 2>/dev/null`,
].join('; ');

/**
 * The interpreter Ansible's discovery (mode auto) settles on, from PYTHON_PROBE's output: the distribution's own
 * Python when it is there, else the first found; undefined when the host has no Python at all (Ansible would then
 * guess /usr/bin/python, with a warning, and its modules would fail; tsible's need none).
 */
export function discoveredPython(output: string): string | undefined {
  const mark = output.indexOf(`${OS_RELEASE_MARK}\n`);
  const [platform = '', ...lines] = (mark < 0 ? output : output.slice(0, mark)).split('\n');
  const found = lines.map((line) => line.trim()).filter((line) => line.startsWith('/'));
  if (found.length === 0) return undefined;
  if (platform.trim().toLowerCase() !== 'linux' || mark < 0) return found[0];
  const osRelease = parseKeyValueFile(output.slice(mark + OS_RELEASE_MARK.length + 1));
  const distro = (osRelease.id ?? '').trim().toLowerCase();
  const version = osRelease.version_id ?? '';
  if (!distro || !version) return found[0];
  const versions = DISTRO_MAP[distro] ?? DISTRO_MAP[osFamilyLower(distro) ?? ''];
  const own = versions ? fuzzyVersion(version, versions) : undefined;
  return own !== undefined && found.includes(own) ? own : found[0];
}

/** _version_fuzzy_match: the exact version, else the newest one not newer than it, else the oldest. */
function fuzzyVersion(version: string, versions: Record<string, string>): string | undefined {
  if (versions[version] !== undefined) return versions[version];
  const sorted = Object.keys(versions).sort(compareLoose);
  const older = sorted.filter((v) => compareLoose(v, version) <= 0);
  const key = older.length > 0 ? older[older.length - 1] : sorted[0];
  return key === undefined ? undefined : versions[key];
}

/** LooseVersion order: numeric parts as numbers, the rest as text. */
function compareLoose(a: string, b: string): number {
  const parts = (v: string): (number | string)[] => (v.match(/\d+|[a-z]+/gi) ?? []).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] as number | string, y[i] as number | string];
    if (p === q) continue;
    if (typeof p === typeof q) return p < q ? -1 : 1;
    return typeof p === 'number' ? 1 : -1;
  }
  return x.length - y.length;
}
