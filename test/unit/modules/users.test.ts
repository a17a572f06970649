import { describe, expect, it } from 'vitest';
import { group } from '../../../modules/group.js';
import { parseUsersDb } from '../../../modules/lib/users-db.js';
import { passwordWarning, user } from '../../../modules/user.js';
import { runLine, runModule, scripted } from './service-fake-connection.js';

const GROUPS = 'gr root:x:0:\ngr users:x:100:\ngr tsgroup1:x:4101:tsuser1\ngr tsgroup2:x:4102:\n';
const HASH = '$6$tsiblesalt$72MnK8h7RkMXOTfanScy3VmJsukNxmrf09Ia4AeqS884fIflZf4Pj1UekVXjFksAW3ZdCPcv8OrswxfIUJtPF.';
const TSUSER1 = 'pw tsuser1:x:4201:4201:Test One:/home/tsuser1:/bin/sh\n';

describe('account databases', () => {
  it('parses passwd, group and shadow lines; the first passwd line wins', () => {
    const db = parseUsersDb(`${GROUPS}${TSUSER1}pw tsuser1:x:1:1::/x:/y\nsh tsuser1:${HASH}:19000:0:99999:7:::\nhomeexists\n`);
    expect(db.passwd).toEqual({ name: 'tsuser1', password: 'x', uid: 4201, gid: 4201, gecos: 'Test One', home: '/home/tsuser1', shell: '/bin/sh' });
    expect(db.shadow).toEqual({ password: HASH, expires: -1 });
    expect(db.groups.find((g) => g.name === 'tsgroup1')?.members).toEqual(['tsuser1']);
    expect(db.tags.has('homeexists')).toBe(true);
  });
  it('warns about a password that is not a crypt hash', () => {
    expect(passwordWarning('secret')).toMatch(/appears not to have been hashed/);
    expect(passwordWarning(HASH)).toBeUndefined();
  });
});

describe('group', () => {
  it('creates: one read, one apply that reads the gid back', async () => {
    const { calls, ctx } = scripted([GROUPS, `${runLine(0)}\n${GROUPS}gr tsysgroup:x:999:\n`]);
    expect(await runModule(group, { name: 'tsysgroup', system: true }, ctx())).toEqual({ name: 'tsysgroup', state: 'present', changed: true, system: true, gid: 999 });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toContain("runl 'groupadd -r tsysgroup' || exit 0");
  });
  it('nothing to do: one round trip; a gid change is groupmod -g', async () => {
    const { calls, ctx } = scripted([GROUPS, GROUPS, `${runLine(0)}\n`]);
    expect(await runModule(group, { name: 'tsgroup1', gid: 4101 }, ctx())).toEqual({ name: 'tsgroup1', state: 'present', changed: false, system: false, gid: 4101 });
    expect(calls).toHaveLength(1);
    await runModule(group, { name: 'tsgroup1', gid: 4105 }, ctx());
    expect(calls[2]).toContain("runl 'groupmod -g 4105 tsgroup1' || exit 0");
  });
  it('check mode reports changed for a missing group without running groupadd', async () => {
    const { calls, ctx } = scripted([GROUPS]);
    expect(await runModule(group, { name: 'new' }, ctx(true))).toEqual({ changed: true });
    expect(calls).toHaveLength(1);
  });
  it('a failing groupdel fails with its stderr and the name', async () => {
    const { ctx } = scripted([GROUPS, runLine(8, '', "groupdel: cannot remove the primary group of user 'x'\n")]);
    expect(await runModule(group, { name: 'tsgroup2', state: 'absent' }, ctx())).toEqual({ changed: false, failed: true, name: 'tsgroup2', msg: "groupdel: cannot remove the primary group of user 'x'\n" });
  });
});

describe('user', () => {
  it('creates: one read, one apply (useradd, then the account read back)', async () => {
    const { calls, ctx } = scripted([`${GROUPS}umask UMASK\t\t022\nhasappend\n`, `${runLine(0)}\n${GROUPS}${TSUSER1}`]);
    const result = await runModule(user, { name: 'tsuser1', uid: 4201, groups: ['tsgroup2'], shell: '/bin/sh', comment: 'Test One', password: HASH }, ctx());
    expect(result).toEqual({
      name: 'tsuser1', state: 'present', changed: true, system: false, create_home: true, password: 'NOT_LOGGING_PASSWORD', groups: 'tsgroup2',
      uid: 4201, group: 4201, comment: 'Test One', home: '/home/tsuser1', shell: '/bin/sh',
    });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toContain(`runl 'useradd -u 4201 -G tsgroup2 -c '"'"'Test One'"'"' -s /bin/sh -p '"'"'${HASH}'"'"' -m tsuser1' || exit 0`);
  });

  it('nothing to do: one round trip, with the account in the result', async () => {
    const { calls, ctx } = scripted([`${GROUPS}${TSUSER1}sh tsuser1:${HASH}:1:0:99999:7:::\nhomeexists\nhasappend\n`]);
    const result = await runModule(user, { name: 'tsuser1', uid: 4201, groups: ['tsgroup1'], password: HASH }, ctx());
    expect(result).toMatchObject({ changed: false, append: false, move_home: false, uid: 4201, groups: 'tsgroup1', password: 'NOT_LOGGING_PASSWORD' });
    expect(calls).toHaveLength(1);
  });

  it('append adds only what is missing with usermod -a -G; exact groups use -G', async () => {
    const probe = `${GROUPS}${TSUSER1}homeexists\nhasappend\n`;
    const { calls, ctx } = scripted([probe, `${runLine(0)}\n${GROUPS}${TSUSER1}`, probe, probe, `${runLine(0)}\n${GROUPS}${TSUSER1}`]);
    await runModule(user, { name: 'tsuser1', groups: ['tsgroup2'], append: true }, ctx());
    expect(calls[1]).toContain("runl 'usermod -a -G tsgroup2 tsuser1'");
    expect(await runModule(user, { name: 'tsuser1', groups: ['tsgroup1'], append: true }, ctx())).toMatchObject({ changed: false });
    await runModule(user, { name: 'tsuser1', groups: ['tsgroup2'] }, ctx());
    expect(calls[4]).toContain("runl 'usermod -G tsgroup2 tsuser1'");
  });

  it('a missing group fails as user.py does; check mode of a new user does not look', async () => {
    const { ctx } = scripted([`${GROUPS}${TSUSER1}homeexists\n`, GROUPS]);
    expect(await runModule(user, { name: 'tsuser1', groups: ['nosuch'] }, ctx())).toEqual({ changed: false, failed: true, msg: 'Group nosuch does not exist' });
    expect(await runModule(user, { name: 'new', groups: ['nosuch'] }, ctx(true))).toEqual({ changed: true });
  });

  it('a missing home is made from the skeleton and counts as a change', async () => {
    const { calls, ctx } = scripted([`${GROUPS}${TSUSER1}umask UMASK\t\t077\n`, `${GROUPS}${TSUSER1}`]);
    expect(await runModule(user, { name: 'tsuser1' }, ctx())).toMatchObject({ changed: true, home: '/home/tsuser1' });
    expect(calls[1]).toContain("cp -a /etc/skel /home/tsuser1");
    expect(calls[1]).toContain('chmod 700 /home/tsuser1');
    expect(calls[1]).not.toContain('usermod');
  });

  it('absent: userdel -r, result with force and remove', async () => {
    const { calls, ctx } = scripted([`${GROUPS}${TSUSER1}`, runLine(0, '', 'userdel: tsuser1 mail spool (/var/mail/tsuser1) not found\n')]);
    expect(await runModule(user, { name: 'tsuser1', state: 'absent', remove: true }, ctx())).toEqual({
      name: 'tsuser1', state: 'absent', changed: true, force: false, remove: true, stderr: 'userdel: tsuser1 mail spool (/var/mail/tsuser1) not found\n',
    });
    expect(calls[1]).toContain("runl 'userdel -r tsuser1' || exit 0");
  });
});
