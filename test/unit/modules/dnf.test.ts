import { describe, expect, it } from 'vitest';
import { dnfModule, rpmDiffResults, transactionResults } from '../../../modules/dnf.js';
import { parseDnfResolution } from '../../../modules/lib/rpm-transaction.js';
import { scripted } from './pkg-fake-connection.js';

const INSTALL_TABLE = `Last metadata expiration check: 0:01:57 ago on Sun Nov 22 03:20:48 2026.
Dependencies resolved.
================================================================================
 Package               Architecture    Version        Repository           Size
================================================================================
Installing:
 tsible-dep            noarch          1.0-1          tsible-lab          6.1 k
Installing dependencies:
 tsible-hello          noarch          1.0-1          tsible-lab          6.1 k

Transaction Summary
================================================================================
Install  2 Packages

Total size: 12 k
Operation aborted.`;

const UPGRADE_TABLE = `Dependencies resolved.
================================================================================
 Package          Arch       Version       Repository                     Size
================================================================================
Upgrading:
 tsible-hello     noarch     1.1-1         tsible-lab-updates            6.4 k

Transaction Summary
================================================================================
Upgrade  1 Package
Operation aborted.`;

const rpmList = (...lines: string[]) => `@@rpm\n${lines.map((l) => l.replace(/ /g, '\t')).join('\n')}\n`;

describe('dnf transaction table', () => {
  it('reads installs, dependencies, upgrades and a long name wrapped onto two lines', () => {
    expect(parseDnfResolution(INSTALL_TABLE).rows).toEqual([
      { action: 'install', name: 'tsible-dep', arch: 'noarch', evr: '1.0-1' },
      { action: 'install', name: 'tsible-hello', arch: 'noarch', evr: '1.0-1' },
    ]);
    const wrapped = 'Removing:\n a-very-long-package-name-that-does-not-fit-the-column\n                     x86_64   2:3.4-5.el9   @System   1 M\nRemoving dependent packages:\n b  noarch  1-1  @tsible-lab  19\n\nTransaction Summary\n';
    expect(parseDnfResolution(wrapped).rows).toEqual([
      { action: 'remove', name: 'a-very-long-package-name-that-does-not-fit-the-column', arch: 'x86_64', evr: '2:3.4-5.el9' },
      { action: 'remove', name: 'b', arch: 'noarch', evr: '1-1' },
    ]);
    expect(parseDnfResolution('No match for argument: nosuch\nError: Unable to find a match: nosuch\n')).toMatchObject({ noMatch: ['nosuch'], errors: ['Unable to find a match: nosuch'] });
  });

  it('an upgrade lists the new package installed and the old one removed, like the dnf module', () => {
    const rows = parseDnfResolution(UPGRADE_TABLE).rows;
    expect(transactionResults(rows, [{ name: 'tsible-hello', evr: '1.0-1', arch: 'noarch' }])).toEqual(['Installed: tsible-hello-1.1-1.noarch', 'Removed: tsible-hello-1.0-1.noarch']);
    expect(rpmDiffResults([{ name: 'a', evr: '1-1', arch: 'noarch' }], [{ name: 'b', evr: '1:2-1', arch: 'x86_64' }])).toEqual(['Installed: b-1:2-1.x86_64', 'Removed: a-1-1.noarch']);
  });
});

describe('dnf plan and apply', () => {
  it('installs what rpm lacks: one round trip to plan, one to apply; check mode reports the resolved transaction', async () => {
    const { calls, ctx } = scripted([
      `${rpmList()}@@specs install\ntsible-dep\n@@dnf install\n${INSTALL_TABLE}\n@@rc 1\n`,
      `@@run install\nInstalled...\n@@rc 0\n${rpmList('tsible-hello 1.0-1 noarch', 'tsible-dep 1.0-1 noarch')}`,
    ]);
    const args = { name: ['tsible-dep'], enablerepo: ['tsible-lab-updates'] };
    const plan = await dnfModule.plan(args, ctx(true));
    expect(plan.changed).toBe(true);
    if (!plan.changed) return;
    expect(calls[0]?.text).toContain('--enablerepo=tsible-lab-updates --assumeno install');
    expect(await dnfModule.checkResult?.(plan, args, ctx(true))).toEqual({
      msg: 'Check mode: No changes made, but would have if not in check mode',
      changed: true,
      results: ['Installed: tsible-dep-1.0-1.noarch', 'Installed: tsible-hello-1.0-1.noarch'],
      rc: 0,
    });
    expect(await dnfModule.apply(plan, args, ctx())).toEqual({ msg: '', changed: true, results: ['Installed: tsible-dep-1.0-1.noarch', 'Installed: tsible-hello-1.0-1.noarch'], rc: 0 });
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec']);
    expect(calls[1]?.text).toContain(' -y --setopt=strict=0 install tsible-dep');
  });

  it('nothing to do: one round trip, no dnf when rpm has every package (the shell skips it)', async () => {
    const { calls, ctx } = scripted([rpmList('tsible-dep 1.0-1 noarch')]);
    const plan = await dnfModule.plan({ name: ['tsible-dep'], state: 'present' }, ctx());
    expect(plan).toMatchObject({ changed: false, result: { msg: 'Nothing to do', changed: false, results: [], rc: 0 } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.text).toMatch(/rpm -q tsible-dep .*\|\| set -- "\$@" tsible-dep/);
  });

  it('a package no repository has fails the whole task, as the dnf module does', async () => {
    const { ctx } = scripted([`${rpmList()}@@specs install\nnosuch\n@@dnf install\nNo match for argument: nosuch\nDependencies resolved.\nNothing to do.\nComplete!\n@@rc 0\n`]);
    const plan = await dnfModule.plan({ name: ['nosuch'] }, ctx());
    expect(plan).toMatchObject({ changed: false, result: { failed: true, msg: 'Failed to install some of the specified packages', failures: ['No package nosuch available.'], rc: 1 } });
  });

  it('latest upgrades the installed and installs the missing; absent removes only what is installed', async () => {
    const { calls, ctx } = scripted(['', '']);
    await dnfModule.plan({ name: ['a', 'b'], state: 'latest' }, ctx());
    expect(calls[0]?.text).toMatch(/--assumeno upgrade "\$@"[\s\S]*--assumeno install "\$@"/);
    await dnfModule.plan({ name: ['a'], state: 'removed' }, ctx());
    expect(calls[1]?.text).toMatch(/rpm -q a [^\n]*&& set -- "\$@" a\n[\s\S]*--assumeno remove/);
  });

  it('a versioned spec older than the installed package is left alone unless allow_downgrade', async () => {
    const table = 'Downgrading:\n tsible-hello  noarch  1.0-1  tsible-lab  6 k\n\nTransaction Summary\nOperation aborted.\n';
    const reply = `${rpmList('tsible-hello 1.1-1 noarch')}@@specs install\ntsible-hello-1.0-1\n@@dnf install\n${table}@@rc 1\n`;
    const { ctx } = scripted([reply, reply]);
    expect(await dnfModule.plan({ name: ['tsible-hello-1.0-1'] }, ctx())).toMatchObject({ changed: false, result: { msg: 'Nothing to do' } });
    expect(await dnfModule.plan({ name: ['tsible-hello-1.0-1'], allow_downgrade: true }, ctx())).toMatchObject({
      changed: true,
      steps: { commands: [{ verb: 'install', specs: ['tsible-hello-1.0-1'] }], results: ['Installed: tsible-hello-1.0-1.noarch', 'Removed: tsible-hello-1.1-1.noarch'] },
    });
  });

  it('update_cache alone: Cache updated, no change', async () => {
    const { ctx } = scripted(['@@makecache\nMetadata cache created.\n@@rc 0\n']);
    expect(await dnfModule.plan({ update_cache: true }, ctx())).toMatchObject({ changed: false, result: { msg: 'Cache updated', changed: false, results: [], rc: 0 } });
  });

  it('argument errors carry yumdnf messages', async () => {
    const { calls, ctx } = scripted([]);
    expect(await dnfModule.plan({}, ctx())).toMatchObject({ result: { failed: true, msg: 'one of the following is required: name, list, update_cache' } });
    expect(await dnfModule.plan({ name: ['a b'] }, ctx())).toMatchObject({ result: { failed: true, msg: expect.stringContaining('space separated string') } });
    expect(calls).toHaveLength(0);
  });

  it('a group or module name (@...) fails the task before the host is asked, for present and absent alike', async () => {
    const { calls, ctx } = scripted([]);
    for (const state of ['present', 'absent'] as const) {
      expect(await dnfModule.plan({ name: ['tsible-hello', '@Development Tools'], state }, ctx())).toMatchObject({
        changed: false,
        result: { failed: true, msg: "package groups and modules (@Development Tools) are not supported by tsible's dnf module" },
      });
    }
    expect(calls).toHaveLength(0);
  });
});
