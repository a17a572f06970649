import { shellQuote } from '../../src/connection/shell-quote.js';

/**
 * create_homedir + chown_homedir of user.py as shell: copy the skeleton (symlinks kept) or make the dir, set the
 * mode from login.defs' UMASK, then give the tree to the user. `owner` is a shell word (`"$uid:$gid"`).
 */
export function makeHomeScript(home: string, skeleton: string, umask: number | undefined): string {
  const h = shellQuote(home);
  const s = shellQuote(skeleton);
  const lines = [
    `if [ ! -e ${h} ]; then`,
    `  if [ -e ${s} ]; then mkdir -p "$(dirname ${h})" && cp -a ${s} ${h}; else mkdir -p ${h}; fi`,
  ];
  if (umask !== undefined) lines.push(`  chmod ${(0o777 & ~umask).toString(8)} ${h}`);
  lines.push('fi');
  return lines.join('\n');
}

/** chown -R of the home to the uid:gid the passwd line now holds (read in the same script). */
export function chownHomeScript(home: string, user: string): string {
  const u = shellQuote(`${user}:`);
  return [
    `ids=$(while IFS=: read -r n p uid gid rest; do case "$n:" in ${u}) echo "$uid:$gid"; break;; esac; done < /etc/passwd)`,
    `[ -n "$ids" ] && chown -R "$ids" ${shellQuote(home)}`,
  ].join('\n');
}

/** The last `UMASK nnn` line of /etc/login.defs, as user.py applies them in order. */
export function loginDefsUmask(lines: string[]): number | undefined {
  let umask: number | undefined;
  for (const line of lines) {
    const m = /^UMASK\s+(\d+)$/.exec(line);
    if (m?.[1]) umask = parseInt(m[1], 8);
  }
  return umask;
}
