import type { Facts } from './distribution.js';

export interface VirtualInput {
  file(path: string): string | undefined;
  /** probed paths that exist (/proc/vz, /.dockerenv, /dev/kvm...) */
  exists: ReadonlySet<string>;
  /** PID 1's environment, one variable a line (unreadable unless root) */
  pid1Environ?: string | undefined;
  /** `VxID:` lines of /proc/self/status */
  vxid?: string | undefined;
  /** /proc/cpuinfo (its `model name`, `vendor_id` and `machine` lines matter) */
  cpu?: string | undefined;
  /** DMI values by sysfs file name */
  dmi: ReadonlyMap<string, string>;
}

/**
 * virtualization_type/role/tech_guest/tech_host, replaying LinuxVirtual.get_virtual_facts in order, minus
 * its dmidecode, lscpu and /rhev vdsm probes (best effort: those need root or extra tools).
 */
export function virtualFacts(input: VirtualInput): Facts {
  const facts: Facts = {};
  const guest = new Set<string>();
  const host = new Set<string>();
  let found = false;
  const mark = (set: Set<string>, tech: string, type: string, role?: string): void => {
    set.add(tech);
    if (!found) {
      facts.virtualization_type = type;
      if (role !== undefined) facts.virtualization_role = role;
      found = true;
    }
  };
  for (const line of (input.file('/proc/1/cgroup') ?? '').split('\n')) {
    if (/\/docker(\/|-[0-9a-f]+\.scope)/.test(line)) mark(guest, 'docker', 'docker', 'guest');
    if (/\/lxc\//.test(line) || /\/machine\.slice\/machine-lxc/.test(line)) mark(guest, 'lxc', 'lxc', 'guest');
    if (/\/system\.slice\/containerd\.service/.test(line)) mark(guest, 'containerd', 'containerd', 'guest');
  }
  for (const line of (input.pid1Environ ?? '').split(/[\0\n]/)) {
    if (/container=lxc/.test(line)) mark(guest, 'lxc', 'lxc', 'guest');
    if (/container=podman/.test(line)) mark(guest, 'podman', 'podman', 'guest');
    if (/^container=./.test(line)) mark(guest, 'container', 'container', 'guest');
  }
  if (input.exists.has('/proc/vz') && !input.exists.has('/proc/lve')) {
    facts.virtualization_type = 'openvz';
    if (input.exists.has('/proc/bc')) {
      host.add('openvz');
      if (!found) facts.virtualization_role = 'host';
    } else {
      guest.add('openvz');
      if (!found) facts.virtualization_role = 'guest';
    }
    found = true;
  }
  const systemdContainer = input.file('/run/systemd/container')?.trim();
  if (systemdContainer) mark(guest, systemdContainer, systemdContainer, 'guest');
  if (input.exists.has('/.dockerenv') || input.exists.has('/.dockerinit')) mark(guest, 'docker', 'docker', 'guest');
  if (['docker', 'lxc', 'podman', 'openvz', 'containerd'].some((t) => guest.has(t)) || systemdContainer) guest.add('container');
  if (input.exists.has('/proc/xen')) {
    const xenHost = (input.file('/proc/xen/capabilities') ?? '').includes('control_d');
    if (xenHost) host.add('xen');
    if (!found) Object.assign(facts, { virtualization_type: 'xen', virtualization_role: xenHost ? 'host' : 'guest' });
    found = true;
  }
  if (!found) facts.virtualization_role = 'guest';
  const productName = input.dmi.get('product_name');
  const sysVendor = input.dmi.get('sys_vendor');
  const productFamily = input.dmi.get('product_family');
  const biosVendor = input.dmi.get('bios_vendor');
  const dmiGuest = (cond: boolean, tech: string): void => {
    if (cond) mark(guest, tech, tech);
  };
  dmiGuest(['KVM', 'KVM Server', 'Bochs', 'AHV'].includes(productName ?? ''), 'kvm');
  dmiGuest(sysVendor === 'oVirt', 'oVirt');
  dmiGuest(sysVendor === 'Red Hat' && productFamily === 'RHV', 'RHV');
  dmiGuest(sysVendor === 'Red Hat' && productFamily !== 'RHV' && productName === 'RHEV Hypervisor', 'RHEV');
  dmiGuest(['VMware Virtual Platform', 'VMware7,1'].includes(productName ?? ''), 'VMware');
  dmiGuest(['OpenStack Compute', 'OpenStack Nova'].includes(productName ?? ''), 'openstack');
  dmiGuest(biosVendor === 'Xen', 'xen');
  dmiGuest(biosVendor === 'innotek GmbH', 'virtualbox');
  if (['Amazon EC2', 'DigitalOcean', 'Hetzner'].includes(biosVendor ?? '')) mark(guest, 'kvm', 'kvm');
  if (['QEMU', 'Amazon EC2', 'DigitalOcean', 'Google', 'Scaleway', 'Nutanix'].includes(sysVendor ?? '')) mark(guest, 'kvm', 'kvm');
  dmiGuest(sysVendor === 'KubeVirt', 'KubeVirt');
  if (sysVendor === 'Microsoft Corporation') mark(guest, 'VirtualPC', 'VirtualPC');
  if (sysVendor === 'Parallels Software International Inc.') mark(guest, 'parallels', 'parallels');
  if (sysVendor === 'OpenStack Foundation') mark(guest, 'openstack', 'openstack');
  if (!found) delete facts.virtualization_role;
  for (const line of (input.vxid ?? '').split('\n')) {
    if (!/^VxID:\s+\d+/.test(line)) continue;
    if (!found) facts.virtualization_type = 'linux_vserver';
    const isHost = /^VxID:\s+0/.test(line);
    (isHost ? host : guest).add('linux_vserver');
    if (!found) facts.virtualization_role = isHost ? 'host' : 'guest';
    found = true;
  }
  for (const line of (input.cpu ?? '').split('\n')) {
    let tech: string | undefined;
    if (/^model name.*QEMU Virtual CPU/.test(line)) tech = 'kvm';
    else if (/^vendor_id.*User Mode Linux/.test(line) || /^model name.*UML/.test(line)) tech = 'uml';
    else if (/^machine.*CHRP IBM pSeries .emulated by qemu./.test(line)) tech = 'kvm';
    else if (/^vendor_id.*PowerVM Lx86/.test(line)) tech = 'powervm_lx86';
    else if (/^vendor_id.*IBM\/S390/.test(line)) tech = 'ibm_systemz';
    if (tech === undefined) continue;
    guest.add(tech);
    if (!found) Object.assign(facts, { virtualization_type: tech, virtualization_role: 'guest' });
    found = true;
  }
  const modules = new Set((input.file('/proc/modules') ?? '').split('\n').map((l) => l.split(' ')[0]));
  if (modules.has('kvm')) {
    host.add('kvm');
    if (!found) Object.assign(facts, { virtualization_type: 'kvm', virtualization_role: 'host' });
    found = true;
  }
  if (modules.has('vboxdrv')) mark(host, 'virtualbox', 'virtualbox', 'host');
  if (modules.has('virtio')) {
    host.add('kvm');
    if (!found) Object.assign(facts, { virtualization_type: 'kvm', virtualization_role: 'guest' });
    found = true;
  }
  if (input.exists.has('/dev/kvm')) mark(host, 'kvm', 'kvm', 'host');
  if (!found) Object.assign(facts, { virtualization_type: 'NA', virtualization_role: 'NA' });
  facts.virtualization_tech_guest = [...guest];
  facts.virtualization_tech_host = [...host];
  return facts;
}
