import { describe, expect, it } from 'vitest';
import { bytesToHuman } from '../../../src/facts/devices.js';
import { countNproc, cpuFacts, dmiFacts, lvmFacts, memoryFacts, mountFacts, parseDmi, uptimeFacts } from '../../../src/facts/hardware.js';

/** Two sockets, two cores each, hyper-threaded: 8 logical CPUs. */
function cpuinfo(): string {
  const blocks: string[] = [];
  let n = 0;
  for (const socket of [0, 1]) {
    for (const core of [0, 1]) {
      for (let thread = 0; thread < 2; thread++) {
        blocks.push(`processor\t: ${n++}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: ${socket}\nsiblings\t: 4\ncore id\t\t: ${core}\ncpu cores\t: 2\nflags\t\t: fpu vme de pse\n`);
      }
    }
  }
  return blocks.join('\n');
}

describe('cpuFacts', () => {
  it('counts nproc from the affinity list the script reads, as nproc does', () => {
    expect(countNproc('@cpus 0-1\n')).toBe(2);
    expect(countNproc('@cpus 0,2-5,8\n')).toBe(6);
    expect(countNproc('3\n')).toBe(3);
    expect(countNproc(undefined)).toBeNaN();
  });

  it('counts sockets, cores, threads and vcpus as Ansible does', () => {
    const facts = cpuFacts({ cpuinfo: cpuinfo(), architecture: 'x86_64', xen: false, nproc: '8\n' });
    expect(facts).toMatchObject({ processor_count: 2, processor_cores: 2, processor_threads_per_core: 2, processor_vcpus: 8, processor_nproc: 8 });
    expect((facts.processor as string[]).slice(0, 3)).toEqual(['0', 'GenuineIntel', 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz']);
    expect(facts.processor as string[]).toHaveLength(24);
  });

  it('counts logical CPUs when cpuinfo has no topology lines', () => {
    const info = 'processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n';
    expect(cpuFacts({ cpuinfo: info, architecture: 'x86_64', xen: false, nproc: '2' })).toMatchObject({ processor_count: 2, processor_cores: 1, processor_threads_per_core: 1, processor_vcpus: 2 });
  });

  it('counts `processor` lines on ARM', () => {
    const info = 'processor\t: 0\nBogoMIPS\t: 50.00\n\nprocessor\t: 1\nBogoMIPS\t: 50.00\n';
    expect(cpuFacts({ cpuinfo: info, architecture: 'aarch64', xen: false })).toMatchObject({ processor: ['0', '1'], processor_count: 2, processor_vcpus: 2, processor_nproc: 2 });
  });
});

describe('memoryFacts', () => {
  it('gives MB rounded down and the real/nocache/swap breakdown', () => {
    const meminfo = 'MemTotal:       24683520 kB\nMemFree:        21349376 kB\nMemAvailable:   23000000 kB\nBuffers:           10240 kB\nCached:          2750464 kB\nSwapCached:            0 kB\nSwapTotal:       2097148 kB\nSwapFree:        2097148 kB\n';
    expect(memoryFacts(meminfo)).toEqual({
      memtotal_mb: 24105,
      memfree_mb: 20849,
      swaptotal_mb: 2047,
      swapfree_mb: 2047,
      memory_mb: { real: { total: 24105, used: 3256, free: 20849 }, nocache: { free: 23545, used: 560 }, swap: { total: 2047, free: 2047, used: 0, cached: 0 } },
    });
  });
});

describe('mountFacts', () => {
  it('lists real filesystems with sizes, bind marks and UUIDs', () => {
    const facts = mountFacts({
      mtab: '/dev/vda1 / ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n/dev/vda1 /srv/my\\040data ext4 rw,relatime 0 0\nserver:/export /mnt/nfs nfs4 rw,vers=4.2 0 0\n/dev/vda1 /bindme ext4 rw 0 0\n/dev/vdb /mnt/x none rw 0 0\ntmpfs /run tmpfs rw 0 0\n',
      findmnt: '/              /dev/vda1        ext4  rw,relatime\n/srv/my\\x20data /dev/vda1        ext4  rw,relatime\n/bindme        /dev/vda1[/data] ext4  rw\n',
      lsblk: '/dev/vda\n/dev/vda1 0a1b2c3d-aaaa-bbbb-cccc-0123456789ab\n',
      statfs: '4096 4096 1000 400 500 100 /\n4096 4096 1000 400 500 100 /srv/my data\n',
    });
    const mounts = facts.mounts as Record<string, unknown>[];
    expect(mounts.map((m) => m.mount)).toEqual(['/', '/srv/my data', '/mnt/nfs', '/bindme']);
    expect(mounts[0]).toEqual({
      mount: '/',
      device: '/dev/vda1',
      fstype: 'ext4',
      options: 'rw,relatime',
      size_total: 4096000,
      size_available: 1638400,
      block_size: 4096,
      block_total: 1000,
      block_available: 400,
      block_used: 600,
      inode_total: 500,
      inode_available: 100,
      inode_used: 400,
      uuid: '0a1b2c3d-aaaa-bbbb-cccc-0123456789ab',
    });
    expect(mounts[1]?.options).toBe('rw,relatime');
    expect(mounts[3]?.options).toBe('rw,bind');
    expect(mounts[2]).toEqual({ mount: '/mnt/nfs', device: 'server:/export', fstype: 'nfs4', options: 'rw,vers=4.2', uuid: 'N/A' });
  });
});

describe('dmiFacts / uptimeFacts', () => {
  it('maps chassis_type to a form factor and says NA for what is missing', () => {
    const facts = dmiFacts(parseDmi('product_name=KVM\nsys_vendor=QEMU\nchassis_type=1\n'));
    expect(facts).toMatchObject({ product_name: 'KVM', system_vendor: 'QEMU', form_factor: 'Other', bios_vendor: 'NA' });
    expect(dmiFacts(new Map()).form_factor).toBe('NA');
  });
  it('truncates uptime to whole seconds', () => {
    expect(uptimeFacts('3080.93 6000.10\n')).toEqual({ uptime_seconds: 3080 });
  });
});

describe('lvmFacts', () => {
  it('says N/A without LVM tools (or not root), else lists vgs, lvs and pvs', () => {
    expect(lvmFacts(undefined, undefined, undefined)).toEqual({ lvm: 'N/A' });
    expect(lvmFacts('  vg0,1,2,0,wz--n-,99.50,10.25\n', '  root,vg0,-wi-ao----,20.00\n  data,vg0,-wi-ao----,69.25\n', '  /dev/sda2,vg0,lvm2,a--,99.50,10.25\n')).toEqual({
      lvm: {
        vgs: { vg0: { size_g: '99.50', free_g: '10.25', num_lvs: '2', num_pvs: '1' } },
        lvs: { root: { size_g: '20.00', vg: 'vg0' }, data: { size_g: '69.25', vg: 'vg0' } },
        pvs: { '/dev/sda2': { size_g: '99.50', free_g: '10.25', vg: 'vg0' } },
      },
    });
  });
});

describe('bytesToHuman', () => {
  it('formats as Ansible does', () => {
    expect(bytesToHuman(0)).toBe('0.00 Bytes');
    expect(bytesToHuman(107374182400)).toBe('100.00 GB');
    expect(bytesToHuman(1536)).toBe('1.50 KB');
  });
});
