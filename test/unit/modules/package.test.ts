import { describe, expect, it } from 'vitest';
import { packageModule } from '../../../modules/package.js';
import { scripted } from './pkg-fake-connection.js';

describe('package action', () => {
  it('dispatches by the pkg_mgr fact: apt on Debian (one round trip for an installed package)', async () => {
    const { calls, ctx } = scripted(['@@cachetime\n100\n@@status\nless\tii \t590-2\n@@policy\nless:\n  Installed: 590-2\n  Candidate: 590-2\n'], { ansible_facts: { pkg_mgr: 'apt' } });
    expect(await packageModule.plan({ name: 'less', state: 'present' }, ctx())).toMatchObject({ changed: false, result: { changed: false, cache_updated: false, cache_update_time: 100 } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.text).toContain("dpkg-query -W");
  });

  it('use= picks the backend; its own argument check applies; unknown managers are named', async () => {
    const { calls, ctx } = scripted([]);
    expect(await packageModule.plan({ name: 'x', state: 'present', use: 'dnf', bogus: 1 }, ctx())).toMatchObject({ result: { failed: true, msg: expect.stringMatching(/^Unsupported parameters for \(dnf\) module: bogus/) } });
    expect(await packageModule.plan({ name: 'x', use: 'pacman' }, ctx())).toMatchObject({ result: { failed: true, msg: 'Could not find a module for pacman.' } });
    expect(calls).toHaveLength(0);
  });
});
