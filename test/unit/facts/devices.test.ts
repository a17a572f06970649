import { describe, expect, it } from 'vitest';
import { deviceFacts } from '../../../src/facts/devices.js';

describe('deviceFacts', () => {
  const input = {
    dirs: '/dev/null\n\n/sys/block/dm-0/:\ndm\nholders\nsize\nslaves\n\n/sys/block/sda/:\ndevice\nholders\nqueue\nsda1\nsda2\nsize\n',
    data: [
      'sda/device/vendor:ATA     ',
      'sda/device/model:Samsung SSD 860',
      'sda/removable:0',
      'sda/queue/discard_granularity:512',
      'sda/queue/rotational:0',
      'sda/queue/scheduler:[mq-deadline] none',
      'sda/size:1953525168',
      'sda/queue/logical_block_size:512',
      'sda/sda1/start:2048',
      'sda/sda1/size:1048576',
      'sda/sda2/start:1050624',
      'sda/sda2/size:1952474511',
      'dm-0/size:1952474511',
      'dm-0/dm/name:vg0-root',
      '',
    ].join('\n'),
    rel: '/sys/block/sda/sda2/holders/dm-0\n/sys/block/dm-0/slaves/sda2\n',
    diskLinks:
      '/dev/null\n\n/dev/disk/by-id:\nlrwxrwxrwx 1 root root 9 Nov 22 01:00 ata-Samsung_SSD_860_S3Z -> ../../sda\nlrwxrwxrwx 1 root root 9 Nov 22 01:00 wwn-0x5002538e40a0b1c2 -> ../../sda\n\n/dev/disk/by-uuid:\nlrwxrwxrwx 1 root root 10 Nov 22 01:00 4F1A-2B3C -> ../../sda1\n',
    blockLinks: 'lrwxrwxrwx 1 root root 0 Nov 22 01:00 sda -> ../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda\n',
    lspci: '0000:00:17.0 SATA controller: Intel Corporation Cannon Lake PCH SATA AHCI Controller (rev 10)\n',
  };
  const facts = deviceFacts(input);

  it('reads /sys/block/ from the same `ls -l` as the disk links, as the script now lists them', () => {
    const { blockLinks, ...rest } = input;
    expect(deviceFacts({ ...rest, diskLinks: `${input.diskLinks}\n/sys/block/:\n${blockLinks}` })).toEqual(facts);
  });

  it('describes a disk with its partitions, links, holders and controller', () => {
    const devices = facts.devices as Record<string, Record<string, unknown>>;
    expect(devices.sda).toEqual({
      virtual: 1,
      links: { ids: ['ata-Samsung_SSD_860_S3Z', 'wwn-0x5002538e40a0b1c2'], uuids: [], labels: [], masters: [] },
      vendor: 'ATA',
      model: 'Samsung SSD 860',
      sas_address: null,
      sas_device_handle: null,
      removable: '0',
      support_discard: '512',
      wwn: '0x5002538e40a0b1c2',
      partitions: {
        sda1: { links: { ids: [], uuids: ['4F1A-2B3C'], labels: [], masters: [] }, start: '2048', sectors: '1048576', sectorsize: 512, size: '512.00 MB', uuid: '4F1A-2B3C', holders: [] },
        sda2: { links: { ids: [], uuids: [], labels: [], masters: ['dm-0'] }, start: '1050624', sectors: '1952474511', sectorsize: 512, size: '931.01 GB', uuid: null, holders: ['vg0-root'] },
      },
      rotational: '0',
      scheduler_mode: 'mq-deadline',
      sectors: '1953525168',
      sectorsize: '512',
      size: '931.51 GB',
      host: 'SATA controller: Intel Corporation Cannon Lake PCH SATA AHCI Controller (rev 10)',
      holders: [],
    });
  });

  it('lists device links by target', () => {
    expect(facts.device_links).toEqual({
      ids: { sda: ['ata-Samsung_SSD_860_S3Z', 'wwn-0x5002538e40a0b1c2'] },
      uuids: { sda1: ['4F1A-2B3C'] },
      labels: {},
      masters: { sda2: ['dm-0'] },
    });
  });
});
