import { describe, expect, it } from 'vitest';
import { apt } from '../../../modules/apt.js';
import { scripted } from './pkg-fake-connection.js';

describe('apt', () => {
  it('a local .deb: dpkg-deb and dpkg-query in one round trip, dpkg -i in one more; the same version again is ok', async () => {
    const { calls, ctx } = scripted([
      '@@cachetime\n5\n@@debstatus\n@@deb 0\nPackage: tsible-deb\nVersion: 1.0\n@@rc 0\n',
      '@@run\nSetting up tsible-deb (1.0) ...\n@@rc 0\n@@stderr\n@@cachetime\n5\n',
      '@@cachetime\n5\n@@debstatus\ntsible-deb\tii \t1.0\n@@deb 0\nPackage: tsible-deb\nVersion: 1.0\n@@rc 0\n',
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

  it('deb with another state is refused as Ansible does', async () => {
    const { ctx } = scripted([]);
    expect(await apt.plan({ deb: '/x.deb', state: 'absent' }, ctx())).toMatchObject({ result: { failed: true, msg: 'deb only supports state=present' } });
  });
});
