import { randomBytes } from 'node:crypto';
import type { Become, Connection, ExecResult } from '../connection/types.js';
import { deviceFacts } from './devices.js';
import { distributionFacts, type Facts } from './distribution.js';
import { factFilesFrom, localFacts } from './local-facts.js';
import { cpuFacts, dmiFacts, lvmFacts, memoryFacts, mountFacts, parseDmi, uptimeFacts } from './hardware.js';
import { pkgMgrFacts, serviceMgrFacts } from './managers.js';
import { networkFacts } from './network.js';
import { parseUname, platformFacts } from './platform.js';
import { buildGatherScript, Sections } from './script.js';
import { applyFilter, selectCollectors, type CollectorName } from './subset.js';
import {
  capsFacts,
  chrootFacts,
  cmdlineFacts,
  dateTimeFacts,
  dnsFacts,
  envFacts,
  fcWwnFacts,
  iscsiFacts,
  loadavgFacts,
  lsbFacts,
  nvmeFacts,
  pythonFacts,
  selinuxFacts,
  sshPubKeyFacts,
  userFacts,
} from './system.js';
import { virtualFacts } from './virtual.js';

export interface GatherOptions {
  /** setup's gather_subset; @default ['all'] */
  subset?: string[] | undefined;
  /** setup's filter (fnmatch patterns); @default [] (everything) */
  filter?: string[] | undefined;
  /** seconds a slow probe (statfs of a hung mount) may take; @default 10 */
  gatherTimeout?: number | undefined;
  /** where local facts (`*.fact`) live; @default '/etc/ansible/facts.d' */
  factPath?: string | undefined;
  become?: Become | undefined;
}

export class GatherError extends Error {}

/** Turns the script's sections into facts (unprefixed names), collector by collector, in Ansible's order. */
export function parseFacts(sections: Sections, collectors: ReadonlySet<CollectorName>): Facts {
  const facts: Facts = {};
  const lines = (name: string): Set<string> => new Set(sections.lines(name));
  const uname = sections.text('uname') ?? '';
  const { kernel: unameRelease, kernelVersion: unameVersion } = parseUname(uname);
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  for (const name of collectors) {
    switch (name) {
      case 'platform':
        Object.assign(facts, platformFacts({ uname, longBit: sections.text('long_bit'), hosts: sections.file('/etc/hosts'), machineId: sections.fileStripped('/var/lib/dbus/machine-id') || sections.fileStripped('/etc/machine-id') }));
        break;
      case 'distribution':
        Object.assign(facts, distributionFacts({ file: (p) => sections.file(p), lsbRelease: sections.text('lsb_release'), unameRelease, unameVersion, baseproduct: sections.text('baseproduct')?.trim() }));
        break;
      case 'lsb':
        Object.assign(facts, lsbFacts(sections.text('lsb_release'), sections.file('/etc/lsb-release')));
        break;
      case 'selinux':
        Object.assign(facts, selinuxFacts((p) => sections.file(p)));
        break;
      case 'apparmor':
        facts.apparmor = { status: sections.text('apparmor_present') !== undefined ? 'enabled' : 'disabled' };
        break;
      case 'chroot':
        Object.assign(facts, chrootFacts(sections.text('chroot'), sections.text('root_fstype')));
        break;
      case 'fips':
        facts.fips = sections.fileStripped('/proc/sys/crypto/fips_enabled') === '1';
        break;
      case 'python':
        Object.assign(facts, pythonFacts(sections.text('python')));
        break;
      case 'caps':
        Object.assign(facts, capsFacts(sections.text('capsh')));
        break;
      case 'pkg_mgr':
        Object.assign(facts, pkgMgrFacts({ exists: lines('exists_pkg'), distribution: str(facts.distribution), distributionMajorVersion: str(facts.distribution_major_version), osFamily: str(facts.os_family), aptIsRpm: (sections.text('apt_rpm') ?? '').includes('yes') }));
        break;
      case 'service_mgr': {
        const raw = sections.text('proc1');
        const proc1 = raw === undefined ? undefined : raw.startsWith('@ps\n') ? raw.slice(4).split('\n')[0] : raw.replace(/\n$/, '');
        Object.assign(facts, serviceMgrFacts({ proc1: proc1 === '' ? undefined : proc1, sbinInit: sections.text('sbin_init')?.trim(), exists: lines('exists_svc'), system: str(facts.system) || 'Linux', distribution: str(facts.distribution) }));
        break;
      }
      case 'cmdline':
        Object.assign(facts, cmdlineFacts(sections.file('/proc/cmdline')));
        break;
      case 'date_time':
        Object.assign(facts, dateTimeFacts({ date: sections.text('date') ?? '', tzProbe: sections.text('tz_probe') }));
        break;
      case 'env':
        Object.assign(facts, envFacts(sections.text('env')));
        break;
      case 'loadavg':
        Object.assign(facts, loadavgFacts(sections.file('/proc/loadavg')));
        break;
      case 'ssh_pub_keys':
        Object.assign(facts, sshPubKeyFacts((p) => sections.file(p)));
        break;
      case 'user':
        Object.assign(facts, userFacts({ ids: sections.text('user') ?? '', passwd: sections.text('passwd') ?? '' }));
        break;
      case 'virtual':
        Object.assign(facts, virtualFacts({ file: (p) => sections.file(p), exists: lines('exists_virt'), pid1Environ: sections.text('pid1_environ'), vxid: sections.text('vxid'), cpu: sections.file('/proc/cpuinfo'), dmi: parseDmi(sections.text('dmi')) }));
        break;
      case 'hardware': {
        const xen = sections.lines('files').includes('/proc/xen') || sections.fileStripped('/sys/hypervisor/type') === 'xen';
        Object.assign(facts, cpuFacts({ cpuinfo: sections.file('/proc/cpuinfo'), architecture: str(facts.architecture), xen, nproc: sections.text('nproc') }));
        Object.assign(facts, memoryFacts(sections.file('/proc/meminfo')));
        Object.assign(facts, dmiFacts(parseDmi(sections.text('dmi'))));
        if (sections.text('blockdirs') !== undefined) {
          Object.assign(facts, deviceFacts({
            dirs: sections.text('blockdirs') ?? '',
            data: sections.text('blockdata') ?? '',
            rel: sections.text('blockrel') ?? '',
            diskLinks: sections.text('disklinks') ?? '',
            blockLinks: sections.text('blocklinks'),
            lspci: sections.text('lspci'),
          }));
        }
        Object.assign(facts, uptimeFacts(sections.file('/proc/uptime')));
        Object.assign(facts, lvmFacts(sections.text('vgs'), sections.text('lvs'), sections.text('pvs')));
        Object.assign(facts, mountFacts({ mtab: sections.text('mtab') ?? '', findmnt: sections.text('findmnt'), lsblk: sections.text('lsblk'), statfs: sections.text('statfs') }));
        break;
      }
      case 'dns':
        Object.assign(facts, dnsFacts(sections.file('/etc/resolv.conf')));
        break;
      case 'network':
        if (sections.text('ip_primary') !== undefined) {
          Object.assign(facts, networkFacts({
            ipPrimary: sections.text('ip_primary') ?? '',
            ipSecondary: sections.text('ip_secondary'),
            route4: sections.text('route4') ?? '',
            route6: sections.text('route6') ?? '',
            sysnet: sections.text('sysnet') ?? '',
            links: sections.text('netlinks') ?? '',
          }));
        }
        break;
      case 'iscsi':
        Object.assign(facts, iscsiFacts(sections.file('/etc/iscsi/initiatorname.iscsi')));
        break;
      case 'nvme':
        Object.assign(facts, nvmeFacts(sections.file('/etc/nvme/hostnqn')));
        break;
      case 'fibre_channel_wwn':
        Object.assign(facts, fcWwnFacts(sections.text('fc_wwn')));
        break;
      case 'local':
        Object.assign(facts, localFacts(factFilesFrom(sections.entries())));
        break;
      case 'facter':
      case 'ohai':
        break;
    }
  }
  return facts;
}

/** Names that keep no `ansible_` prefix in setup's result. */
const UNPREFIXED = new Set(['gather_subset', 'module_setup']);

/** Prefixes fact names as setup returns them (`hostname` -> `ansible_hostname`). */
export function prefixFacts(facts: Facts): Facts {
  const out: Facts = {};
  for (const [k, v] of Object.entries(facts)) out[UNPREFIXED.has(k) ? k : `ansible_${k}`] = v;
  return out;
}

/** The script that gathers these facts, and how its output reads: for a module that sends it along with its own probe. */
export interface GatherRequest {
  script: string;
  timeoutMs: number;
  /** what Ansible's setup returns as `ansible_facts`; throws GatherError when the script did not finish */
  read(result: ExecResult): Record<string, unknown>;
}

export function gatherRequest(options: GatherOptions = {}): GatherRequest {
  const subset = options.subset?.length ? options.subset : ['all'];
  const collectors = selectCollectors(subset);
  const nonce = randomBytes(6).toString('hex');
  const timeout = options.gatherTimeout ?? 10;
  return {
    script: buildGatherScript(collectors, nonce, timeout, options.factPath),
    timeoutMs: (timeout + 20) * 1000,
    read(result) {
      const sections = new Sections(result.stdout, nonce);
      if (!sections.complete()) {
        throw new GatherError(`fact gathering did not finish (rc=${result.rc}): ${result.stderr.trim() || 'no output'}`);
      }
      const facts = prefixFacts({ ...parseFacts(sections, collectors), gather_subset: subset, module_setup: true });
      return applyFilter(facts, options.filter ?? []);
    },
  };
}

/**
 * Gathers a host's facts in one round trip, returning what Ansible's setup returns as `ansible_facts`
 * (`ansible_` names, plus `gather_subset` and `module_setup`), with gather_subset and filter applied.
 */
export async function gatherFacts(conn: Connection, options: GatherOptions = {}): Promise<Record<string, unknown>> {
  const request = gatherRequest(options);
  return request.read(await conn.exec(request.script, { become: options.become, timeoutMs: request.timeoutMs }));
}
