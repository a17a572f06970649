// dnf, yum, package and apt on a real lab host: the lab's local RPM repositories (test/lab/lab repo: tsible-lab, and
// tsible-lab-updates disabled by default) and a tiny .deb built here with dpkg-deb. Each change runs in check mode
// first (host untouched, same verdict), then for real (changed), then again (ok).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labHosts } from '../lab/lab.js';
import { adhocOn, shOn, threeTimes } from './lab-adhoc.js';

const HOST = 'labh7';
const work = mkdtempSync(join(tmpdir(), 'tsible-lab-packages-'));
const inventory = join(work, 'inventory.ini');

const sh = shOn(HOST);

const rpms = (): string => sh("rpm -qa --qf '%{NAME}-%{VERSION}-%{RELEASE}\\n' 'tsible-*' | sort");

const run = adhocOn(HOST, inventory);

beforeAll(() => {
  const host = labHosts().find((h) => h.name === HOST);
  if (!host) throw new Error(`${HOST} is not in the lab`);
  writeFileSync(inventory, `${HOST} ansible_host=${host.ip} ansible_user=root\n`);
  sh("dnf -y -q remove 'tsible-*' >/dev/null 2>&1 || true; dpkg -r tsible-deb >/dev/null 2>&1 || true; rm -rf /opt/tsible-lab /tmp/tsible-deb_1.0_all.deb");
});

describe(`package modules on ${HOST} (local RPM repository, a local .deb)`, () => {
  it('dnf installs a package with its dependency, once', async () => {
    const r = await threeTimes(run, 'dnf', 'name=tsible-dep', rpms);
    expect(r['checked']).toMatchObject({ msg: 'Check mode: No changes made, but would have if not in check mode', rc: 0 });
    expect([...((r['first'] as { results: string[] }).results)].sort()).toEqual(['Installed: tsible-dep-1.0-1.noarch', 'Installed: tsible-hello-1.0-1.noarch']);
    // each ad-hoc run is a new run: its module result names the Python discovered on the host, as Ansible's does
    expect(r['second']).toEqual({ ansible_facts: { discovered_interpreter_python: '/usr/bin/python3' }, changed: false, msg: 'Nothing to do', rc: 0, results: [] });
    expect(rpms()).toBe('tsible-dep-1.0-1\ntsible-hello-1.0-1\n');
    expect(sh('cat /opt/tsible-lab/tsible-hello.txt')).toBe('tsible-hello 1.0-1\n');
  });

  it('latest upgrades only from the repository enablerepo turns on', async () => {
    expect((await run('dnf', 'name=tsible-hello state=latest')).verdict).toBe('SUCCESS');
    const r = await threeTimes(run, 'dnf', 'name=tsible-hello state=latest enablerepo=tsible-lab-updates', rpms);
    expect(r['first']).toMatchObject({ results: ['Installed: tsible-hello-1.1-1.noarch', 'Removed: tsible-hello-1.0-1.noarch'] });
    expect(rpms()).toBe('tsible-dep-1.0-1\ntsible-hello-1.1-1\n');
  });

  it('yum on a host whose pkg_mgr is apt fails as Ansible does; with use_backend=dnf it removes (and its dependents)', async () => {
    const failed = await run('yum', 'name=tsible-hello state=absent');
    expect(failed.verdict).toBe('FAILED');
    expect(failed.result).toMatchObject({ ansible_facts: { pkg_mgr: 'apt' }, msg: [expect.stringMatching(/^Could not detect which major revision of yum/), expect.any(String)] });
    const r = await threeTimes(run, 'yum', 'name=tsible-hello state=absent use_backend=dnf', rpms);
    expect([...((r['first'] as { results: string[] }).results)].sort()).toEqual(['Removed: tsible-dep-1.0-1.noarch', 'Removed: tsible-hello-1.1-1.noarch']);
    expect(rpms()).toBe('');
  });

  it('package with use=dnf, a comma-separated list; a missing package fails the task and installs nothing', async () => {
    const missing = await run('package', 'name=tsible-extra,tsible-nosuch use=dnf');
    expect(missing.verdict).toBe('FAILED');
    expect(missing.result).toMatchObject({ msg: 'Failed to install some of the specified packages', failures: ['No package tsible-nosuch available.'] });
    expect(rpms()).toBe('');
    await threeTimes(run, 'package', 'name=tsible-extra,tsible-hello state=present use=dnf', rpms);
    expect(rpms()).toBe('tsible-extra-1.0-1\ntsible-hello-1.0-1\n');
  });

  it('apt installs a local .deb and removes it; package on Debian is apt, and installed `less` is ok', async () => {
    const root = join(work, 'deb');
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    mkdirSync(join(root, 'opt', 'tsible-lab'), { recursive: true });
    writeFileSync(join(root, 'DEBIAN', 'control'), 'Package: tsible-deb\nVersion: 1.0\nArchitecture: all\nMaintainer: tsible <tsible@example.invalid>\nDescription: tsible lab test package\n');
    writeFileSync(join(root, 'opt', 'tsible-lab', 'tsible-deb.txt'), 'tsible-deb 1.0\n');
    const deb = join(work, 'tsible-deb_1.0_all.deb');
    execFileSync('dpkg-deb', ['--root-owner-group', '-b', root, deb], { stdio: 'ignore' });
    const copied = await run('copy', `src=${deb} dest=/tmp/tsible-deb_1.0_all.deb`);
    expect(copied.verdict).toBe('CHANGED');
    const dpkg = (): string => sh("dpkg-query -W -f='${Package} ${Version} ${db:Status-Abbrev}\\n' tsible-deb 2>/dev/null; :");
    await threeTimes(run, 'apt', 'deb=/tmp/tsible-deb_1.0_all.deb', dpkg);
    expect(dpkg()).toBe('tsible-deb 1.0 ii \n');
    expect(sh('cat /opt/tsible-lab/tsible-deb.txt')).toBe('tsible-deb 1.0\n');
    await threeTimes(run, 'apt', 'name=tsible-deb state=absent', dpkg);
    expect(dpkg()).not.toContain(' ii ');
    const less = await run('package', 'name=less state=present');
    expect(less.verdict).toBe('SUCCESS');
    expect(less.result).toMatchObject({ changed: false, cache_updated: false });
    expect(readFileSync(deb).length).toBeGreaterThan(0);
  });
});
