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
    const { calls, ctx } = scripted(['@@cachetime\n5\n@@status\nless\tii \t590\nx\tun \t\n', '@@cachetime\n5\n@@status\nless\tii \t590\n']);
    const plan = await apt.plan({ name: ['less', 'x'], state: 'absent', purge: true }, ctx());
    expect(plan).toMatchObject({ changed: true, steps: { command: expect.stringMatching(/apt-get -q -y .* --purge remove less$/) } });
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
    expect(apt.checkResult?.(plan, {})).toMatchObject({ changed: true, cache_updated: true });
    expect(await apt.apply(plan, {}, ctx())).toMatchObject({ failed: true, msg: expect.stringMatching(/^Failed to update apt cache: W: Failed to fetch/) });
    expect(calls[2]?.text).toContain('apt-get update -q');
    expect(calls).toHaveLength(3);
  });

  it('deb with another state is refused as Ansible does', async () => {
    const { ctx } = scripted([]);
    expect(await apt.plan({ deb: '/x.deb', state: 'absent' }, ctx())).toMatchObject({ result: { failed: true, msg: 'deb only supports state=present' } });
  });
});
