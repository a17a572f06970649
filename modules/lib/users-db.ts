import { shellQuote } from '../../src/connection/shell-quote.js';

/** One /etc/passwd entry, as pwd.getpwnam returns it (the first line with that name). */
export interface PasswdEntry {
  name: string;
  password: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

/** One /etc/group entry. */
export interface GroupEntry {
  name: string;
  password: string;
  gid: number;
  members: string[];
}

/** One /etc/shadow entry: the hash and the expiry field (-1 when empty, as user.py reads it). */
export interface ShadowEntry {
  password: string;
  expires: number;
}

/** The account databases the user and group modules read, in one round trip. */
export interface UsersDb {
  passwd: PasswdEntry | undefined;
  groups: GroupEntry[];
  shadow: ShadowEntry | undefined;
  /** other `TAG value` lines the probe printed */
  tags: Map<string, string[]>;
}

/**
 * Shell lines printing the passwd and shadow lines of one user (`pw LINE`, `sh LINE`) and every group line
 * (`gr LINE`), each behind a tag so a name with odd characters cannot be confused with the next field.
 */
export function usersDbScript(user: string | undefined): string {
  const lines = [`while IFS= read -r l || [ -n "$l" ]; do printf 'gr %s\\n' "$l"; done < /etc/group`];
  if (user !== undefined) {
    const n = shellQuote(`${user}:`);
    lines.push(`u=${n}`);
    lines.push(`while IFS= read -r l || [ -n "$l" ]; do case "$l" in "$u"*) printf 'pw %s\\n' "$l"; break;; esac; done < /etc/passwd`);
    lines.push(`[ -r /etc/shadow ] && while IFS= read -r l || [ -n "$l" ]; do case "$l" in "$u"*) printf 'sh %s\\n' "$l"; break;; esac; done < /etc/shadow`);
  }
  return lines.join('\n');
}

export function parsePasswdLine(line: string): PasswdEntry | undefined {
  const f = line.split(':');
  if (f.length < 7) return undefined;
  return { name: f[0] ?? '', password: f[1] ?? '', uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '', shell: f.slice(6).join(':') };
}

export function parseGroupLine(line: string): GroupEntry | undefined {
  const f = line.split(':');
  if (f.length < 4) return undefined;
  return { name: f[0] ?? '', password: f[1] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter((m) => m !== '') };
}

/** Read a probe's output: `pw`, `gr`, `sh` lines into entries, the rest as tags. */
export function parseUsersDb(stdout: string): UsersDb {
  const tags = new Map<string, string[]>();
  const groups: GroupEntry[] = [];
  let passwd: PasswdEntry | undefined;
  let shadow: ShadowEntry | undefined;
  for (const line of stdout.split('\n')) {
    const sp = line.indexOf(' ');
    const tag = sp < 0 ? line : line.slice(0, sp);
    const rest = sp < 0 ? '' : line.slice(sp + 1);
    if (tag === 'gr') {
      const g = parseGroupLine(rest);
      if (g) groups.push(g);
    } else if (tag === 'pw') passwd ??= parsePasswdLine(rest);
    else if (tag === 'sh') {
      const f = rest.split(':');
      shadow ??= { password: f[1] ?? '', expires: f[7] ? Number(f[7]) : -1 };
    } else if (tag !== '') tags.set(tag, [...(tags.get(tag) ?? []), rest]);
  }
  return { passwd, groups, shadow, tags };
}

/** grp.getgrgid(int(x)) first, then grp.getgrnam(x) — how user.py resolves a group argument. */
export function findGroup(groups: GroupEntry[], nameOrGid: string): GroupEntry | undefined {
  if (/^\s*[-+]?\d+\s*$/.test(nameOrGid)) {
    const byGid = groups.find((g) => g.gid === Number(nameOrGid));
    if (byGid) return byGid;
  }
  return groups.find((g) => g.name === nameOrGid);
}
