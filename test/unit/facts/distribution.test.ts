import { describe, expect, it } from 'vitest';
import { distributionFacts, parseReleaseLine } from '../../../src/facts/distribution.js';
import { DISTROS } from './fixtures/distros.js';

describe('distributionFacts', () => {
  for (const distro of DISTROS) {
    it(`reports ${distro.name} as Ansible does`, () => {
      const facts = distributionFacts({
        file: (p) => distro.files[p],
        lsbRelease: distro.lsbRelease,
        unameRelease: '6.1.0-13-amd64',
        unameVersion: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)',
      });
      expect(facts).toMatchObject(distro.expect);
    });
  }

  it('falls back to NAME/VERSION of os-release for an unknown distribution', () => {
    const facts = distributionFacts({
      file: (p) => (p === '/etc/os-release' ? 'NAME="Acme OS"\nID=acme\nVERSION="2.1"\nVERSION_ID=2.1\n' : undefined),
      unameRelease: '6.1.0',
      unameVersion: '#1',
    });
    expect(facts).toMatchObject({ distribution: 'Acme OS', distribution_version: '2.1', distribution_major_version: '2', os_family: 'Acme OS' });
  });

  it('has no release files: the kernel stands in, as platform.system() does', () => {
    const facts = distributionFacts({ file: () => undefined, unameRelease: '6.1.0', unameVersion: '#1' });
    expect(facts).toMatchObject({ distribution: 'Linux', distribution_version: 'NA', distribution_release: 'NA', os_family: 'Linux' });
  });
});

describe('parseReleaseLine', () => {
  it('reads name, version and codename the way the distro library does', () => {
    expect(parseReleaseLine('CentOS Linux release 7.9.2009 (Core)')).toEqual({ name: 'CentOS Linux', version_id: '7.9.2009', codename: 'Core' });
    expect(parseReleaseLine('CentOS Stream release 9')).toEqual({ name: 'CentOS Stream', version_id: '9' });
  });
});
