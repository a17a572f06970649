import { describe, expect, it } from 'vitest';
import { yum } from '../../../modules/yum.js';
import { scripted } from './pkg-fake-connection.js';

describe('yum action', () => {
  it('no backend and pkg_mgr apt: the yum action fails with its message and reports the fact it gathered', async () => {
    const { ctx } = scripted([], { ansible_facts: { pkg_mgr: 'apt' } });
    const { calls, ctx: gatherCtx } = scripted([]);
    // a pkg_mgr that is no yum backend makes the action gather it again (one round trip); the fake answers nothing
    expect(await yum.plan({ name: ['x'] }, ctx())).toMatchObject({ changed: false, result: { failed: true } });
    const gathered = await yum.plan({ name: ['x'] }, gatherCtx());
    expect(gathered.changed).toBe(false);
    if (!gathered.changed) expect((gathered.result?.msg as string[])[0]).toMatch(/^Could not detect which major revision of yum is in use/);
    expect(calls).toHaveLength(1);
  });

  it('use_backend dnf runs the dnf module (one round trip when nothing is to do) and use with use_backend is refused', async () => {
    const { calls, ctx } = scripted(['@@rpm\nx\t1-1\tnoarch\n']);
    expect(await yum.plan({ name: ['x'], use_backend: 'dnf' }, ctx())).toMatchObject({ changed: false, result: { msg: 'Nothing to do' } });
    expect(calls).toHaveLength(1);
    expect(await yum.plan({ name: ['x'], use: 'dnf', use_backend: 'dnf' }, ctx())).toMatchObject({ result: { failed: true, msg: "parameters are mutually exclusive: ('use', 'use_backend')" } });
  });
});
