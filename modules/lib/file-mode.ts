// Ansible's `mode` argument: octal strings, YAML-octal ints, symbolic `u=rw,g+r`, resolved against the current mode.

/** A mode as Ansible prints it: four octal digits. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

const CLAUSE = /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/;

/** The mode bits `mode` asks for, given the path's current bits (symbolic modes are relative); an Error names the bad value. */
export function resolveMode(mode: string | number, current: number, isDir: boolean): number | Error {
  if (typeof mode === 'number') return mode & 0o7777;
  const text = mode.trim();
  if (/^[0-7]+$/.test(text)) return parseInt(text, 8) & 0o7777;
  let bits = current & 0o7777;
  for (const clause of text.split(',')) {
    for (const op of splitOps(clause)) {
      const m = CLAUSE.exec(op);
      if (!m) return new Error(`mode must be in octal or symbolic form`);
      const who = m[1] === '' || (m[1] as string).includes('a') ? 'ugo' : (m[1] as string);
      const perms = permBits(who, m[3] as string, bits, isDir);
      const mask = whoMask(who);
      if (m[2] === '+') bits |= perms;
      else if (m[2] === '-') bits &= ~perms;
      else bits = (bits & ~mask) | perms;
    }
  }
  return bits;
}

/** `u=rw-x` style clauses can chain several operators after one `who`. */
function splitOps(clause: string): string[] {
  const m = /^([ugoa]*)(.*)$/.exec(clause);
  const who = m?.[1] ?? '';
  const ops = (m?.[2] ?? '').match(/[-+=][^-+=]*/g) ?? [''];
  return ops.map((op) => who + op);
}

function whoMask(who: string): number {
  let mask = 0;
  if (who.includes('u')) mask |= 0o4700;
  if (who.includes('g')) mask |= 0o2070;
  if (who.includes('o')) mask |= 0o1007;
  return mask;
}

function permBits(who: string, perms: string, current: number, isDir: boolean): number {
  let rwx = 0;
  let special = 0;
  if (/^[ugo]$/.test(perms)) {
    const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
    rwx = (current >> shift) & 7;
  } else {
    if (perms.includes('r')) rwx |= 4;
    if (perms.includes('w')) rwx |= 2;
    if (perms.includes('x') || (perms.includes('X') && (isDir || (current & 0o111) !== 0))) rwx |= 1;
    if (perms.includes('s')) special |= (who.includes('u') ? 0o4000 : 0) | (who.includes('g') ? 0o2000 : 0);
    if (perms.includes('t')) special |= who.includes('o') ? 0o1000 : 0;
  }
  let bits = special;
  if (who.includes('u')) bits |= rwx << 6;
  if (who.includes('g')) bits |= rwx << 3;
  if (who.includes('o')) bits |= rwx;
  return bits;
}
