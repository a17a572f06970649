import { describe, expect, it } from 'vitest';
import { apt } from '../../../modules/apt.js';
import { scripted } from './pkg-fake-connection.js';

describe('apt', () => {
  it('a local .deb: dpkg-deb and dpkg-query in one round trip, dpkg -i in one more; the same version again is ok', async () => {
    const { calls, ctx } = scripted([
      '@@now\n9\n@@cachetime\n5\n@@debstatus\n@@deb 0\nPackage: tsible-deb\nVersion: 1.0\n@@rc 0\n',
      '@@run\nSetting up tsible-deb (1.0) ...\n@@rc 0\n@@stderr\n@@cachetime\n5\n',
      '@@now\n9\n@@cachetime\n5\n@@debstatus\ntsible-deb\tii \t1.0\n@@deb 0\nPackage: tsible-deb\nVersion: 1.0\n@@rc 0\n',
    ]);
    const args = { deb: '/tmp/t.deb' };
    const plan = await apt.plan(args, ctx());
    expect(plan.changed).toBe(true);
    if (plan.changed) expect(await apt.apply(plan, args, ctx())).toMatchObject({ changed: true, stdout_lines: ['Setting up tsible-deb (1.0) ...'] });
    expect(calls[1]?.text).toContain('dpkg --force-confdef --force-confold -i /tmp/t.deb');
    expect(await apt.plan(args, ctx())).toMatchObject({ changed: false, result: { changed: false, stdout: '', stderr: '' } });
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec', 'exec']);
  });

  it('absent removes only installed packages with apt-get remove; present of an installed one is ok', async () => {
    const { calls, ctx } = scripted([
      '@@cachetime\n5\n@@status\nless\tii \t590\nx\tun \t\n',
      '@@cachetime\n5\n@@status\nless\tii \t590\n@@policy\nless:\n  Installed: 590\n  Candidate: 590\n  Version table:\n *** 590 100\n        100 /var/lib/dpkg/status\n',
    ]);
    const plan = await apt.plan({ name: ['less', 'x'], state: 'absent', purge: true }, ctx());
    expect(plan).toMatchObject({ changed: true, steps: { command: expect.stringMatching(/apt-get -q -y .* --purge +remove 'less'$/) } });
    expect(await apt.plan({ name: ['less'] }, ctx())).toMatchObject({ changed: false, result: { changed: false, cache_updated: false } });
    expect(calls).toHaveLength(2);
  });

  it('update_cache: skipped while cache_valid_time holds; an index that fails to download fails the task, as python-apt does', async () => {
    const { calls, ctx } = scripted([
      '@@now\n1000\n@@cachetime\n900\n',
      '@@now\n1000\n@@cachetime\n100\n',
      '@@update\nErr:1 http://deb.debian.org/debian bookworm InRelease\nW: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease\n@@rc 0\n@@now\n1000\n@@cachetime\n100\n',
    ]);
    expect(await apt.plan({ update_cache: true, cache_valid_time: 3600 }, ctx())).toMatchObject({ changed: false, result: { changed: false, cache_update_time: 900 } });
    const plan = await apt.plan({ update_cache: true, cache_valid_time: 600 }, ctx(true));
    expect(plan.changed).toBe(true);
    if (!plan.changed) return;
    expect(await apt.checkResult?.(plan, {}, ctx(true))).toMatchObject({ changed: true, cache_updated: true });
    expect(await apt.apply(plan, {}, ctx())).toMatchObject({ failed: true, msg: expect.stringMatching(/^Failed to update apt cache: W: Failed to fetch/) });
    expect(calls[2]?.text).toContain('apt-get update -q');
    expect(calls).toHaveLength(3);
  });

  it('a name apt does not know, a version it does not have: the task fails before apt-get runs, in check mode too', async () => {
    const policy = '@@policy\ntsible-hello:\n  Installed: (none)\n  Candidate: 1.1\n  Version table:\n     1.1 500\n        500 file:/srv/r ./ Packages\n     1.0 500\n        500 file:/srv/r ./ Packages\n';
    const { calls, ctx } = scripted([`@@now\n9\n@@cachetime\n5\n@@status\n${policy}`, `@@now\n9\n@@cachetime\n5\n@@status\n${policy}`, `@@now\n9\n@@cachetime\n5\n@@status\n${policy}`]);
    expect(await apt.plan({ name: ['tsible-hello', 'tsible-nosuch'] }, ctx(true))).toMatchObject({ changed: false, result: { failed: true, msg: "No package matching 'tsible-nosuch' is available" } });
    expect(await apt.plan({ name: ['tsible-hello=9.*'] }, ctx())).toMatchObject({
      changed: false,
      result: { failed: true, msg: 'no available installation candidate for tsible-hello=9.*', cache_updated: false, cache_update_time: 5 },
    });
    expect(await apt.plan({ name: ['tsible-hello=1.0'] }, ctx())).toMatchObject({ changed: true, steps: { command: expect.stringMatching(/ install 'tsible-hello=1\.0'$/) } });
    expect(calls).toHaveLength(3);
  });

  it('purge takes a removed package whose conffiles are left; only_upgrade leaves a package that is not installed alone', async () => {
    const { ctx } = scripted([
      '@@cachetime\n5\n@@status\ntsible-extra\trc \t1.0\n',
      '@@cachetime\n5\n@@status\ntsible-extra\trc \t1.0\n',
      '@@now\n9\n@@cachetime\n5\n@@status\n@@policy\ntsible-dep:\n  Installed: (none)\n  Candidate: 1.0\n  Version table:\n     1.0 500\n',
    ]);
    expect(await apt.plan({ name: ['tsible-extra'], state: 'absent' }, ctx())).toMatchObject({ changed: false });
    expect(await apt.plan({ name: ['tsible-extra'], state: 'absent', purge: true }, ctx())).toMatchObject({ changed: true, steps: { command: expect.stringMatching(/--purge +remove 'tsible-extra'$/) } });
    expect(await apt.plan({ name: ['tsible-dep'], state: 'latest', only_upgrade: true }, ctx())).toMatchObject({ changed: false, result: { changed: false } });
  });

  it('an apt-get run keeps its output as printed (final newline included) and reports what it did as the diff', async () => {
    const out = 'Reading package lists...\nReading state information...\nThe following NEW packages will be installed:\n  tsible-hello\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\nSetting up tsible-hello (1.1) ...\r\n';
    const { ctx } = scripted([`@@run\n${out}\n@@rc 0\n@@stderr\nwarned\n\n@@now\n9\n@@cachetime\n5\n`]);
    const steps = { updateCache: false, updateOnly: false, command: 'apt-get -y install tsible-hello', withCacheKeys: true, cacheUpdateTime: 5 };
    expect(await apt.apply({ changed: true, steps, result: {} }, {}, ctx())).toEqual({
      changed: true,
      stdout: out,
      stdout_lines: ['Reading package lists...', 'Reading state information...', 'The following NEW packages will be installed:', '  tsible-hello', '0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.', 'Setting up tsible-hello (1.1) ...'],
      stderr: 'warned\n',
      stderr_lines: ['warned'],
      diff: { prepared: 'The following NEW packages will be installed:\n  tsible-hello\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.' },
      cache_updated: false,
      cache_update_time: 5,
    });
  });

  it('check mode runs the same apt-get with --simulate and reports its account (stdout_lines), without a cache update', async () => {
    const { calls, ctx } = scripted([
      '@@now\n9\n@@cachetime\n5\n@@status\nless\tii \t590\n',
      '@@run\nReading package lists...\nRemv less [590]\n\n@@rc 0\n@@stderr\n\n@@cachetime\n5\n',
    ]);
    const args = { name: ['less'], state: 'absent' as const, update_cache: true };
    const plan = await apt.plan(args, ctx(true));
    if (!plan.changed) throw new Error('expected a change');
    expect(await apt.checkResult?.(plan, args, ctx(true))).toMatchObject({ changed: true, stdout_lines: ['Reading package lists...', 'Remv less [590]'], stderr: '' });
    expect(calls[1]?.text).toMatch(/apt-get -q -y .* --simulate remove 'less'/);
    expect(calls[1]?.text).not.toContain('apt-get update');
  });

  it("a failing apt-get shows Ansible's command line: the full apt-get path, its spacing, -o APT::Install-Recommends", async () => {
    const policy = '@@policy\ntsible-hello:\n  Installed: (none)\n  Candidate: 1.1\n  Version table:\n     1.1 500\n';
    const { calls, ctx } = scripted([`@@aptget\n/usr/bin/apt-get\n@@now\n9\n@@cachetime\n5\n@@status\n${policy}`, '@@run\n\n@@rc 100\n@@stderr\nE: boom\n\n@@cachetime\n5\n']);
    const args = { name: ['tsible-hello'], install_recommends: false };
    const plan = await apt.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    const cmd = `/usr/bin/apt-get -y -o "Dpkg::Options::=--force-confdef" -o "Dpkg::Options::=--force-confold"       install 'tsible-hello=1.1' -o APT::Install-Recommends=no`;
    expect(plan.steps.command).toBe(cmd);
    expect(await apt.apply(plan, args, ctx())).toMatchObject({ failed: true, rc: 100, msg: `'${cmd}' failed: E: boom\n` });
    expect(calls[1]?.text).toContain(cmd);
  });

  it('a failing remove names only `apt-get remove` and the packages, as apt.py does', async () => {
    const { ctx } = scripted(['@@aptget\n/usr/bin/apt-get\n@@cachetime\n5\n@@status\nless\tii \t590\n', '@@run\n\n@@rc 100\n@@stderr\nE: held\n\n@@cachetime\n5\n']);
    const args = { name: ['less'], state: 'absent' as const };
    const plan = await apt.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(plan.steps.command).toBe(`/usr/bin/apt-get -q -y -o "Dpkg::Options::=--force-confdef" -o "Dpkg::Options::=--force-confold"     remove 'less'`);
    expect(await apt.apply(plan, args, ctx())).toMatchObject({ failed: true, msg: "'apt-get remove 'less'' failed: E: held\n" });
  });

  it('deb with another state is refused as Ansible does', async () => {
    const { ctx } = scripted([]);
    expect(await apt.plan({ deb: '/x.deb', state: 'absent' }, ctx())).toMatchObject({ result: { failed: true, msg: 'deb only supports state=present' } });
  });
});
