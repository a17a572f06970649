import { shellQuote } from './shell-quote.js';
import type { ExecOptions } from './types.js';

/** Put cwd and environment in front of a command, so they hold inside a become'd shell too. */
export function composeCommand(command: string, options: ExecOptions): string {
  let prefix = '';
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`Invalid environment variable name: ${key}`);
    prefix += `${key}=${shellQuote(value)}; export ${key}; `;
  }
  if (options.cwd !== undefined) prefix += `cd ${shellQuote(options.cwd)} && `;
  return prefix + command;
}

/**
 * The remote half of an atomic write: stream exactly `size` bytes into a temp file beside `path`,
 * check the size, set mode/owner, then rename. A cut connection leaves the old file and no temp file.
 */
export function atomicPutScript(path: string, size: number, options: { mode?: string | number | undefined; owner?: string | undefined; group?: string | undefined }): string {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) || '/' : '.';
  const q = shellQuote(path);
  const lines = [
    'u=$(umask); umask 077',
    `t=$(mktemp ${shellQuote(`${dir}/.tsible-tmp.`)}XXXXXXXX) || exit 1`,
    `trap 'rm -f "$t"' EXIT HUP INT TERM PIPE`,
    `head -c ${size} > "$t" || exit 1`,
    `s=$(wc -c < "$t")`,
    `[ "$s" -eq ${size} ] || { echo "short write: received $s of ${size} bytes for ${path.replace(/["`$\\]/g, '')}" >&2; exit 1; }`,
  ];
  const mode = normaliseMode(options.mode);
  if (mode !== undefined) lines.push(`chmod ${mode} "$t" || exit 1`);
  else lines.push(`if [ -e ${q} ]; then chmod --reference=${q} "$t"; else chmod "$(printf %o $(( 0666 & ~0$u )))" "$t"; fi || exit 1`);
  if (options.owner !== undefined || options.group !== undefined) {
    const who = `${options.owner ?? ''}${options.group !== undefined ? `:${options.group}` : ''}`;
    lines.push(`chown ${shellQuote(who)} "$t" || exit 1`);
  } else {
    lines.push(`if [ -e ${q} ] && [ "$(id -u)" = 0 ]; then chown --reference=${q} "$t" || exit 1; fi`);
  }
  lines.push(`mv -f "$t" ${q} || exit 1`, 'trap - EXIT');
  return lines.join('\n');
}

/** Accept Ansible's mode spellings: 0644, '0644', '644', 420 (already octal-parsed YAML), 'u=rw,g=r'. */
export function normaliseMode(mode: string | number | undefined): string | undefined {
  if (mode === undefined) return undefined;
  if (typeof mode === 'number') return mode.toString(8).padStart(4, '0');
  if (/^[0-7]{3,4}$/.test(mode)) return mode.padStart(4, '0');
  if (/^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/.test(mode)) return mode;
  throw new Error(`Invalid mode: ${mode} (expected octal like 0644 or symbolic like u=rw,g=r)`);
}
