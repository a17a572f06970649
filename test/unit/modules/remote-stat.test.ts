// The file modules' read half, run by a real /bin/sh on this machine: what the parsers make of what the scripts print.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idLookupScript, parseIds, parseStats, parseWhoami, statBothScript, statScript, WHOAMI_SCRIPT, whoamiOf, whoamiScript } from '../../../modules/lib/remote-stat.js';

const sh = (script: string): string => execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const dir = mkdtempSync(join(tmpdir(), 'tsible-remote-stat-'));
writeFileSync(join(dir, 'f'), 'hello\n');
chmodSync(join(dir, 'f'), 0o640);
mkdirSync(join(dir, 'd'));
symlinkSync(join(dir, 'f'), join(dir, 'to-f'));
symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));

describe('remote stat scripts', () => {
  it('whoami names the user, the group and the umask this shell runs with', () => {
    const who = parseWhoami(sh(`umask 027; ${WHOAMI_SCRIPT}`));
    expect(who).toEqual({ uid: process.getuid?.(), gid: process.getgid?.(), umask: 0o027, user: userInfo().username, group: expect.any(String) });
  });

  it('asks who runs the module once per connection and become identity, then remembers', () => {
    const conn = {} as never;
    const plain = { conn, become: undefined };
    const sudo = { conn, become: { method: 'sudo' as const, user: 'root' } };
    expect(whoamiScript(plain)).toBe(WHOAMI_SCRIPT);
    const first = whoamiOf('@who=uid=1000(ann) gid=50(staff) groups=50(staff)\n@umask=0022\n', plain);
    expect(whoamiScript(plain)).toBe('');
    expect(whoamiOf('', plain)).toEqual(first);
    // sudo is someone else, and so is another connection
    expect(whoamiScript(sudo)).toBe(WHOAMI_SCRIPT);
    expect(whoamiOf('@who=uid=0(root) gid=0(root) groups=0(root)\n@umask=0022\n', sudo)?.user).toBe('root');
    expect(whoamiScript({ conn: {} as never, become: undefined })).toBe(WHOAMI_SCRIPT);
    // a probe that could not tell is not remembered
    const other = { conn: {} as never, become: undefined };
    expect(whoamiOf('sh: id: not found\n', other)).toBeUndefined();
    expect(whoamiScript(other)).toBe(WHOAMI_SCRIPT);
  });

  it('an id without a name stands for itself', () => {
    expect(parseWhoami('@who=uid=4242 gid=4243 groups=4243\n@umask=0002\n')).toEqual({ uid: 4242, gid: 4243, umask: 0o002, user: '4242', group: '4243' });
  });

  it('looks up an owner and a group by name, and leaves an unknown group unset', () => {
    expect(parseIds(sh(idLookupScript('root', 'root')))).toEqual({ uid: 0, gid: 0 });
    expect(parseIds(sh(idLookupScript(undefined, 'no-such-group-here')))).toEqual({ uid: undefined, gid: undefined });
  });

  it('a checksum is the sha1 of the bytes', () => {
    const [st] = parseStats(sh(statScript(join(dir, 'f'), { checksum: true })));
    expect(st).toMatchObject({ type: 'file', mode: 0o640, size: 6, checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f' });
  });

  it('statBoth describes a path and what it resolves to, as two statScript runs would', () => {
    for (const name of ['f', 'd', 'to-f', 'dangling', 'absent']) {
      const path = join(dir, name);
      // atime aside: reading a symlink (readlink) moves its atime between the two runs
      const withoutAtime = (stats: ReturnType<typeof parseStats>) => stats.map(({ atime: _atime, ...rest }) => rest);
      const both = withoutAtime(parseStats(sh(statBothScript(path))));
      const apart = withoutAtime(parseStats(sh(`${statScript(path)}\n${statScript(path, { follow: true })}`)));
      expect(both, name).toEqual(apart);
    }
    const [link, target] = parseStats(sh(statBothScript(join(dir, 'to-f'))));
    expect([link?.type, link?.target, target?.type, target?.size]).toEqual(['link', join(dir, 'f'), 'file', 6]);
  });
});
