// The script's raw output captured on a Debian 12 VM (gVisor), parsed, against what Ansible 2.14's setup
// reported on the same machine at the same time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import { gatherFacts, parseFacts, prefixFacts } from '../../../src/facts/gather.js';
import { Sections } from '../../../src/facts/script.js';
import { COLLECTORS } from '../../../src/facts/subset.js';

const RAW = readFileSync(new URL('./fixtures/debian12-gvisor.out', import.meta.url), 'utf8');
const collectors = new Set(COLLECTORS.filter((c) => c !== 'env'));
const facts = prefixFacts(parseFacts(new Sections(RAW, 'fixture'), collectors));

describe('facts of a captured Debian 12 host', () => {
  it('match Ansible on identity and platform', () => {
    expect(facts).toMatchObject({
      ansible_hostname: 'vm',
      ansible_nodename: 'vm',
      ansible_fqdn: 'localhost',
      ansible_domain: '',
      ansible_system: 'Linux',
      ansible_kernel: '6.18.44-fc-v669',
      ansible_kernel_version: '#1 SMP PREEMPT_DYNAMIC @0',
      ansible_machine: 'x86_64',
      ansible_architecture: 'x86_64',
      ansible_userspace_architecture: 'x86_64',
      ansible_userspace_bits: '64',
      ansible_machine_id: '3d1219c7c4c5404aaa1f6d2a48adfda4',
      ansible_distribution: 'Debian',
      ansible_distribution_version: '12.11',
      ansible_distribution_major_version: '12',
      ansible_distribution_minor_version: '11',
      ansible_distribution_release: 'bookworm',
      ansible_distribution_file_path: '/etc/os-release',
      ansible_distribution_file_variety: 'Debian',
      ansible_distribution_file_parsed: true,
      ansible_os_family: 'Debian',
      ansible_lsb: { codename: 'bookworm', description: 'Debian GNU/Linux 12 (bookworm)', id: 'Debian', major_release: '12', release: '12' },
      ansible_pkg_mgr: 'apt',
      ansible_service_mgr: 'process_api',
      ansible_user_id: 'root',
      ansible_user_uid: 0,
      ansible_user_gid: 0,
      ansible_user_gecos: 'root',
      ansible_user_dir: '/root',
      ansible_user_shell: '/bin/bash',
      ansible_real_user_id: 0,
      ansible_effective_user_id: 0,
      ansible_selinux: { status: 'disabled' },
      ansible_apparmor: { status: 'disabled' },
      ansible_fips: false,
      ansible_is_chroot: false,
      ansible_local: {},
      ansible_system_capabilities_enforced: 'True',
      ansible_system_capabilities: ['ep cap_sys_resource-ep'],
      ansible_python_version: '3.11.2',
      ansible_virtualization_type: 'docker',
      ansible_virtualization_role: 'guest',
      ansible_virtualization_tech_guest: ['docker', 'container'],
      ansible_virtualization_tech_host: ['kvm'],
      ansible_dns: { nameservers: ['10.255.255.53'] },
      ansible_iscsi_iqn: '',
      ansible_hostnqn: '',
      ansible_fibre_channel_wwn: [],
    });
  });

  it('match Ansible on hardware', () => {
    expect(facts).toMatchObject({
      ansible_processor: ['0', 'GenuineIntel', 'Intel(R) Xeon(R) Processor', '1', 'GenuineIntel', 'Intel(R) Xeon(R) Processor'],
      ansible_processor_count: 1,
      ansible_processor_cores: 2,
      ansible_processor_threads_per_core: 1,
      ansible_processor_vcpus: 2,
      ansible_processor_nproc: 2,
      ansible_memtotal_mb: 24105,
      ansible_swaptotal_mb: 0,
      ansible_product_name: 'NA',
      ansible_form_factor: 'NA',
    });
    const mounts = facts.ansible_mounts as Record<string, unknown>[];
    expect(mounts.map((m) => m.mount)).toEqual(['/', '/run/netns']);
    expect(mounts[0]).toMatchObject({ device: '/dev/vda', fstype: 'ext4', block_size: 4096, block_total: 66053021, inode_total: 16777216, size_total: 270553174016, uuid: 'N/A' });
    expect(mounts[1]?.options).toMatch(/,bind$/);
    const devices = facts.ansible_devices as Record<string, unknown>;
    expect(Object.keys(devices).sort()).toEqual(['loop0', 'loop1', 'loop2', 'loop3', 'loop4', 'loop5', 'loop6', 'loop7', 'vda', 'zram0']);
    expect(devices.vda).toEqual({
      holders: [],
      host: '',
      links: { ids: [], labels: [], masters: [], uuids: [] },
      model: null,
      partitions: {},
      removable: '0',
      rotational: '1',
      sas_address: null,
      sas_device_handle: null,
      scheduler_mode: 'mq-deadline',
      sectors: '536870912',
      sectorsize: '512',
      size: '256.00 GB',
      support_discard: '4096',
      vendor: '0x1af4',
      virtual: 1,
    });
    expect(facts.ansible_device_links).toEqual({ ids: {}, labels: {}, masters: {}, uuids: {} });
    expect(facts.ansible_lvm).toBe('N/A');
  });

  it('match Ansible on network', () => {
    expect(new Set(facts.ansible_interfaces as string[])).toEqual(new Set(['ifb0', 'lo', 'eth0', 'ifb1']));
    expect(facts.ansible_default_ipv4).toEqual({
      address: '192.0.2.2',
      alias: 'eth0',
      broadcast: '192.0.2.255',
      gateway: '192.0.2.1',
      interface: 'eth0',
      macaddress: '02:fc:00:00:00:01',
      mtu: 1400,
      netmask: '255.255.255.0',
      network: '192.0.2.0',
      prefix: '24',
      type: 'ether',
    });
    expect(facts.ansible_default_ipv6).toEqual({ address: 'fd00::2', gateway: 'fd00::1', interface: 'eth0', macaddress: '02:fc:00:00:00:01', mtu: 1400, prefix: '64', scope: 'global', type: 'ether' });
    expect(facts.ansible_all_ipv4_addresses).toEqual(['192.0.2.2']);
    expect(new Set(facts.ansible_all_ipv6_addresses as string[])).toEqual(new Set(['fd00::2', 'fe80::fc:ff:fe00:1']));
    expect(facts.ansible_eth0).toEqual({
      active: true,
      device: 'eth0',
      ipv4: { address: '192.0.2.2', broadcast: '192.0.2.255', netmask: '255.255.255.0', network: '192.0.2.0', prefix: '24' },
      ipv6: [
        { address: 'fd00::2', prefix: '64', scope: 'global' },
        { address: 'fe80::fc:ff:fe00:1', prefix: '64', scope: 'link' },
      ],
      macaddress: '02:fc:00:00:00:01',
      mtu: 1400,
      pciid: 'virtio2',
      promisc: false,
      speed: -1,
      type: 'ether',
    });
    expect(facts.ansible_ifb0).toEqual({ active: false, device: 'ifb0', macaddress: 'ae:96:06:d1:7a:c9', mtu: 1500, promisc: false, type: 'ether' });
    expect(facts.ansible_lo).toEqual({
      active: true,
      device: 'lo',
      ipv4: { address: '127.0.0.1', broadcast: '', netmask: '255.0.0.0', network: '127.0.0.0', prefix: '8' },
      ipv6: [{ address: '::1', prefix: '128', scope: 'host' }],
      mtu: 65536,
      promisc: false,
      type: 'loopback',
    });
  });
});

describe('gatherFacts', () => {
  /** A connection that answers the script with the captured output (its nonce rewritten to the run's). */
  function replay(raw: string): Connection & { scripts: string[] } {
    const scripts: string[] = [];
    return {
      host: 'h',
      transport: 'ssh',
      scripts,
      async exec(command: string): Promise<ExecResult> {
        scripts.push(command);
        const nonce = /@@tsible-facts-([0-9a-f]+)@@/.exec(command)?.[1] ?? '';
        return { rc: 0, stdout: raw.replaceAll('@@tsible-facts-fixture@@', `@@tsible-facts-${nonce}@@`), stderr: '' };
      },
      put: async () => undefined,
      get: async () => Buffer.alloc(0),
      close: async () => undefined,
    };
  }

  it('makes one round trip and returns setup-shaped facts', async () => {
    const conn = replay(RAW);
    const result = await gatherFacts(conn, {});
    expect(conn.scripts).toHaveLength(1);
    expect(result).toMatchObject({ ansible_hostname: 'vm', gather_subset: ['all'], module_setup: true });
  });

  it('applies filter to every key, gather_subset included', async () => {
    const result = await gatherFacts(replay(RAW), { filter: ['ansible_distribution*'] });
    expect(Object.keys(result).sort()).toEqual([
      'ansible_distribution',
      'ansible_distribution_file_parsed',
      'ansible_distribution_file_path',
      'ansible_distribution_file_variety',
      'ansible_distribution_major_version',
      'ansible_distribution_minor_version',
      'ansible_distribution_release',
      'ansible_distribution_version',
    ]);
  });

  it('fails when the script was cut off', async () => {
    await expect(gatherFacts(replay(RAW.slice(0, 2000)), {})).rejects.toThrow(/did not finish/);
  });
});
