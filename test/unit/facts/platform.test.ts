import { describe, expect, it } from 'vitest';
import { fqdnFromHosts, parseUname, platformFacts } from '../../../src/facts/platform.js';

describe('parseUname', () => {
  it('keeps the spaces of the kernel version', () => {
    expect(parseUname('Linux web1 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29) x86_64\n')).toEqual({
      system: 'Linux',
      nodename: 'web1',
      kernel: '6.1.0-13-amd64',
      kernelVersion: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)',
      machine: 'x86_64',
    });
  });
});

describe('fqdnFromHosts (socket.getfqdn without DNS)', () => {
  it('answers the first dotted name of the line holding the address of the host name', () => {
    expect(fqdnFromHosts('web1', '127.0.0.1 localhost\n10.0.0.5 web1.example.com web1\n')).toBe('web1.example.com');
  });
  it('answers the canonical name of the first line with that address (gethostbyaddr), as on Debian boxes', () => {
    expect(fqdnFromHosts('vm', '127.0.0.1 localhost\n127.0.0.1 runsc\n127.0.0.1 vm\n')).toBe('localhost');
    expect(fqdnFromHosts('deb', '127.0.0.1 localhost\n127.0.1.1 deb.lan deb\n')).toBe('deb.lan');
  });
  it('keeps the name when /etc/hosts does not know it', () => {
    expect(fqdnFromHosts('lonely', '127.0.0.1 localhost\n')).toBe('lonely');
  });
});

describe('platformFacts', () => {
  it('derives hostname, domain and architecture', () => {
    const facts = platformFacts({
      uname: 'Linux web1.example.com 6.1.0 #1 SMP aarch64',
      longBit: '64\n',
      hosts: '10.0.0.5 web1.example.com web1\n',
      machineId: '3d1219c7c4c5404aaa1f6d2a48adfda4\n',
    });
    expect(facts).toMatchObject({
      system: 'Linux',
      kernel: '6.1.0',
      kernel_version: '#1 SMP',
      machine: 'aarch64',
      architecture: 'aarch64',
      hostname: 'web1',
      nodename: 'web1.example.com',
      fqdn: 'web1.example.com',
      domain: 'example.com',
      userspace_bits: '64',
      machine_id: '3d1219c7c4c5404aaa1f6d2a48adfda4',
    });
    expect(facts).not.toHaveProperty('userspace_architecture');
  });
});
