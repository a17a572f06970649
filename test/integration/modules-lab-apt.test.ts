// apt and package on a real lab host against the lab's local APT repository (test/lab/lab repo: tsible-hello 1.0 and
// 1.1, tsible-extra depending on tsible-dep, each with a conffile under /etc/tsible-apt). Each change runs in check mode
// first (dpkg untouched, same verdict, apt-get --simulate's account of it), then for real (changed), then again (ok). A lab from before the repository
// existed skips these tests and says why.
// Host: TSIBLE_LAB_APT_HOST (default labh8).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { labExec, labHosts } from '../lab/lab.js';
import { ansibleAvailable, runCli, runCommand } from './cli.js';
import { adhocOn, shOn, threeTimes } from './lab-adhoc.js';

const HOST = process.env['TSIBLE_LAB_APT_HOST'] ?? 'labh8';
const work = mkdtempSync(join(tmpdir(), 'tsible-lab-apt-'));
const inventory = join(work, 'inventory.ini');

const sh = shOn(HOST);

/** Why the tests cannot run on this lab (no repository in its image), or null. */
function missingRepo(): string | null {
  const r = labExec(HOST, 'test -f /etc/apt/sources.list.d/tsible-lab.list');
  return r.rc === 0 ? null : `${HOST} has no local APT repository (a lab from before RECIPE_VERSION 3: rebuild with test/lab/lab up N --python)`;
}

/** Each tsible-* package dpkg knows: name, version, status; and whether its conffile is there. */
const dpkg = (): string =>
  sh("dpkg-query -W -f='${Package} ${Version} ${db:Status-Abbrev}\\n' 'tsible-*' 2>/dev/null | sort; ls /etc/tsible-apt 2>/dev/null; :");

const run = adhocOn(HOST, inventory);

let missing: string | null = null;

beforeAll(() => {
  const host = labHosts().find((h) => h.name === HOST);
  if (!host) throw new Error(`${HOST} is not in the lab (set TSIBLE_LAB_APT_HOST)`);
  writeFileSync(inventory, `${HOST} ansible_host=${host.ip} ansible_user=root\n`);
  missing = missingRepo();
  if (!missing) sh('dpkg --purge tsible-hello tsible-extra tsible-dep >/dev/null 2>&1; rm -rf /opt/tsible-apt /etc/tsible-apt; apt-get -q update >/dev/null');
});

beforeEach((ctx) => {
  ctx.skip(missing !== null, missing ?? '');
});

describe(`apt and package on ${HOST} (the lab's local APT repository)`, () => {
  it('installs a package with its dependency once; --diff shows what apt-get did', async () => {
    const { checked } = await threeTimes(run, 'apt', 'name=tsible-extra', dpkg);
    // check mode shows what apt-get --simulate would do, as Ansible's does
    expect(checked['stdout_lines']).toEqual(expect.arrayContaining(['Inst tsible-dep (1.0 tsible-lab:tsible-lab [all])', 'Inst tsible-extra (1.0 tsible-lab:tsible-lab [all])']));
    expect(dpkg()).toBe('tsible-dep 1.0 ii \ntsible-extra 1.0 ii \ntsible-dep.conf\ntsible-extra.conf\n');
    expect(sh('cat /opt/tsible-apt/tsible-extra.txt')).toBe('tsible-extra 1.0\n');
    writeFileSync(join(work, 'pin.yml'), '- hosts: all\n  gather_facts: false\n  tasks:\n    - apt: name=tsible-hello=1.0\n');
    const play = await runCli('tsible-playbook', ['-i', inventory, '--diff', join(work, 'pin.yml')]);
    expect(play.stdout).toContain('The following NEW packages will be installed:\n  tsible-hello\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(play.stdout).toMatch(/changed: \[labh\d+\]/);
  });

  it('state=latest upgrades the pinned 1.0 to the repository candidate 1.1', async () => {
    expect(dpkg()).toContain('tsible-hello 1.0 ii \n');
    const { checked, first } = await threeTimes(run, 'apt', 'name=tsible-hello state=latest', dpkg);
    expect(checked['stdout_lines']).toContain('Inst tsible-hello [1.0] (1.1 tsible-lab:tsible-lab [all])');
    expect(first).toMatchObject({ cache_updated: false, stdout: expect.stringContaining('Unpacking tsible-hello (1.1) over (1.0) ...') });
    expect(sh('cat /opt/tsible-apt/tsible-hello.txt')).toBe('tsible-hello 1.1\n');
  });

  it('remove leaves the conffile (status rc), purge then takes it; package does the same through apt', async () => {
    const removed = await threeTimes(run, 'apt', 'name=tsible-extra state=absent', dpkg);
    expect(removed.checked['stdout_lines']).toContain('Remv tsible-extra [1.0]');
    expect(dpkg()).toContain('tsible-extra 1.0 rc \n');
    expect(dpkg()).toContain('tsible-extra.conf\n');
    const purged = await threeTimes(run, 'package', 'name=tsible-extra state=absent purge=true', dpkg);
    expect(purged.checked['stdout']).toMatch(/^Purg tsible-extra\b/m);
    expect(dpkg()).not.toContain('tsible-extra');
  });

  it('update_cache fetches lists that are gone (changed), then finds nothing new (ok, as Ansible)', async () => {
    const candidate = (): string => sh("apt-cache policy tsible-extra | sed -n 's/^ *Candidate: //p'");
    sh('rm -f /var/lib/apt/lists/_srv_tsible-lab-apt_* && sleep 1');
    expect(candidate(), 'apt forgot the repository packages').toBe('');
    const updated = await run('apt', 'update_cache=true');
    expect(updated).toMatchObject({ verdict: 'CHANGED', result: { changed: true, cache_updated: true } });
    expect(candidate()).toBe('1.0\n');
    const again = await run('apt', 'update_cache=true');
    expect(again).toMatchObject({ verdict: 'SUCCESS', result: { changed: false, cache_updated: false } });
  });

  it('a package apt does not know fails the task and installs nothing, in check mode too; so does a version it lacks', async () => {
    const before = dpkg();
    for (const check of [true, false]) {
      const r = await run('apt', 'name=tsible-dep,tsible-nosuch', check);
      expect(r.verdict).toBe('FAILED');
      expect(r.result).toMatchObject({ msg: "No package matching 'tsible-nosuch' is available" });
    }
    const pinned = await run('apt', 'name=tsible-dep=9.*');
    expect(pinned.result).toMatchObject({ msg: 'no available installation candidate for tsible-dep=9.*' });
    expect(dpkg()).toBe(before);
  });

  it.runIf(ansibleAvailable())("a failing apt-get shows the command as Ansible's apt shows it (-o APT::Install-Recommends=no)", async () => {
    sh('dpkg --purge tsible-hello >/dev/null 2>&1; :');
    const before = dpkg();
    // dpkg refuses an option it does not know: apt-get fails once it runs dpkg, with nothing installed
    const args = 'name=tsible-hello install_recommends=no dpkg_options=force-confdef,force-tsible-nosuch';
    const theirs = await runCommand('ansible', [HOST, '-i', inventory, '-m', 'apt', '-a', args], { env: { ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_LOCAL_TEMP: join(work, 'ansible-tmp') } });
    const expected = /^\S+ \| FAILED! => (\{[\s\S]*\})\s*$/.exec(theirs.stdout)?.[1];
    if (expected === undefined) throw new Error(`ansible did not fail as expected:\n${theirs.stdout}${theirs.stderr}`);
    expect(dpkg()).toBe(before);
    const ours = await run('apt', args);
    expect(ours.verdict).toBe('FAILED');
    const msg = (JSON.parse(expected) as { msg: string }).msg;
    expect(msg).toContain(' -o APT::Install-Recommends=no');
    expect(ours.result.msg).toBe(msg);
    expect(dpkg()).toBe(before);
  });
});
