import { describe, expect, it } from 'vitest';
import { networkFacts, parseDefaultRoute, splitIpAddr, splitSecondary } from '../../../src/facts/network.js';

const IP_PRIMARY = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host
       valid_lft forever preferred_lft forever
2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.0.0.5/24 brd 10.0.0.255 scope global dynamic noprefixroute eth0
       valid_lft 3500sec preferred_lft 3500sec
    inet6 2001:db8::5/64 scope global dynamic mngtmpaddr
       valid_lft 86000sec preferred_lft 14000sec
    inet6 fe80::5054:ff:fe12:3456/64 scope link
       valid_lft forever preferred_lft forever
3: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN group default qlen 1000
    link/none
    inet 172.16.0.1 peer 172.16.0.2/32 scope global wg0
       valid_lft forever preferred_lft forever
`;
const IP_SECONDARY = `2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.0.0.50/24 brd 10.0.0.255 scope global secondary eth0:web
       valid_lft forever preferred_lft forever
`;
const SYSNET = `/sys/class/net/eth0
/sys/class/net/lo
/sys/class/net/wg0
eth0/address:52:54:00:12:34:56
lo/address:00:00:00:00:00:00
wg0/address:
eth0/mtu:1500
lo/mtu:65536
wg0/mtu:1420
eth0/operstate:up
lo/operstate:unknown
wg0/operstate:down
eth0/type:1
lo/type:772
wg0/type:65534
eth0/flags:0x1103
lo/flags:0x9
wg0/flags:0x91
eth0/speed:10000
`;
const LINKS = `lrwxrwxrwx 1 root root 0 Nov 22 01:11 /sys/class/net/eth0/device -> ../../../0000:00:03.0
lrwxrwxrwx 1 root root 0 Nov 22 01:11 /sys/class/net/eth0/device/driver/module -> ../../../../module/virtio_net
`;

describe('parseDefaultRoute', () => {
  it('picks the default route with the lowest metric', () => {
    const r = parseDefaultRoute('default via 10.0.0.1 dev eth1 proto dhcp metric 600\ndefault via 192.168.1.1 dev eth0 proto static metric 100 src 192.168.1.9\n');
    expect(r).toEqual({ gateway: '192.168.1.1', interface: 'eth0', address: '192.168.1.9', metric: 100 });
    expect(parseDefaultRoute('')).toBeUndefined();
  });
});

describe('networkFacts', () => {
  const facts = networkFacts({
    ipPrimary: IP_PRIMARY,
    ipSecondary: IP_SECONDARY,
    route4: 'default via 10.0.0.1 dev eth0 proto dhcp metric 100\n',
    route6: 'default via fe80::1 dev eth0 proto ra metric 100 pref medium\n',
    sysnet: SYSNET,
    links: LINKS,
  });

  it('reads one `ip addr show` as the primary and secondary listings it holds', () => {
    const secondary = '    inet 10.0.0.50/24 brd 10.0.0.255 scope global secondary eth0:web\n       valid_lft forever preferred_lft forever\n';
    const all = IP_PRIMARY.replace('valid_lft 3500sec preferred_lft 3500sec\n', `valid_lft 3500sec preferred_lft 3500sec\n${secondary}`);
    expect(networkFacts({ ipPrimary: all, route4: 'default via 10.0.0.1 dev eth0 proto dhcp metric 100\n', route6: 'default via fe80::1 dev eth0 proto ra metric 100 pref medium\n', sysnet: SYSNET, links: LINKS })).toEqual(facts);
    // an IPv6 temporary address carries the same flag: `ip addr show secondary` lists it
    const [primary, second] = splitSecondary(splitIpAddr('2: eth0: <UP> mtu 1500\n    inet6 2001:db8::99/64 scope global temporary dynamic\n       valid_lft 1sec preferred_lft 1sec\n    inet6 2001:db8::5/64 scope global dynamic mngtmpaddr\n'));
    expect(second.get('eth0')).toEqual(['inet6 2001:db8::99/64 scope global temporary dynamic', 'valid_lft 1sec preferred_lft 1sec']);
    expect(primary.get('eth0')).toEqual(['inet6 2001:db8::5/64 scope global dynamic mngtmpaddr']);
  });

  it('lists interfaces, with aliases under their `:`-less names', () => {
    expect(new Set(facts.interfaces as string[])).toEqual(new Set(['eth0', 'lo', 'wg0', 'eth0_web']));
  });

  it('describes an interface as ansible_<iface> does', () => {
    expect(facts.eth0).toEqual({
      device: 'eth0',
      macaddress: '52:54:00:12:34:56',
      mtu: 1500,
      active: true,
      module: 'virtio_net',
      type: 'ether',
      pciid: '0000:00:03.0',
      speed: 10000,
      promisc: true,
      ipv4: { address: '10.0.0.5', broadcast: '10.0.0.255', netmask: '255.255.255.0', network: '10.0.0.0', prefix: '24' },
      ipv4_secondaries: [{ address: '10.0.0.50', broadcast: '10.0.0.255', netmask: '255.255.255.0', network: '10.0.0.0', prefix: '24' }],
      ipv6: [
        { address: '2001:db8::5', prefix: '64', scope: 'global' },
        { address: 'fe80::5054:ff:fe12:3456', prefix: '64', scope: 'link' },
      ],
    });
    expect(facts.eth0_web).toEqual({
      ipv4_secondaries: [{ address: '10.0.0.50', broadcast: '10.0.0.255', netmask: '255.255.255.0', network: '10.0.0.0', prefix: '24' }],
    });
    expect(facts.lo).toMatchObject({ device: 'lo', type: 'loopback', active: true, ipv4: { address: '127.0.0.1', netmask: '255.0.0.0', network: '127.0.0.0', broadcast: '' } });
    expect(facts.lo).not.toHaveProperty('macaddress');
    expect(facts.wg0).toMatchObject({ type: 'tunnel', active: false, ipv4: { address: '172.16.0.1', prefix: '32', netmask: '255.255.255.255' } });
  });

  it('fills default_ipv4/6 from the default route and the interface', () => {
    expect(facts.default_ipv4).toEqual({
      interface: 'eth0',
      address: '10.0.0.5',
      gateway: '10.0.0.1',
      broadcast: '10.0.0.255',
      netmask: '255.255.255.0',
      network: '10.0.0.0',
      prefix: '24',
      macaddress: '52:54:00:12:34:56',
      mtu: 1500,
      type: 'ether',
      alias: 'eth0',
    });
    expect(facts.default_ipv6).toEqual({ interface: 'eth0', address: '2001:db8::5', gateway: 'fe80::1', prefix: '64', scope: 'global', macaddress: '52:54:00:12:34:56', mtu: 1500, type: 'ether' });
  });

  it('collects every address but loopback ones', () => {
    expect(facts.all_ipv4_addresses).toEqual(['10.0.0.5', '10.0.0.50', '172.16.0.1']);
    expect(facts.all_ipv6_addresses).toEqual(['2001:db8::5', 'fe80::5054:ff:fe12:3456']);
  });

  it('has empty defaults without a default route', () => {
    const bare = networkFacts({ ipPrimary: IP_PRIMARY, ipSecondary: '', route4: '', route6: '', sysnet: SYSNET, links: '' });
    expect(bare.default_ipv4).toEqual({});
    expect(bare.default_ipv6).toEqual({});
  });
});
