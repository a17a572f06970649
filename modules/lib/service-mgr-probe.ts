// Without the service_mgr fact (no facts gathered, use=auto) one round trip both finds it and probes the service: the
// fact-gathering script for service_mgr runs first, then the probe of the backend a shell guess of service_mgr picks.
// The controller then reads the fact as Ansible decides it (serviceMgrFacts, from the gathered part); only when the
// guess picked another backend's probe does the caller probe again, so the guess saves a round trip and decides nothing.
import type { ModuleContext } from '../../src/executor/module-contract.js';
import { gatherRequest } from '../../src/facts/gather.js';

/** Which probe (and plan) a service_mgr value takes: systemd and sysvinit have their own, the rest Ansible's LinuxService. */
export type ProbeKind = 'systemd' | 'sysvinit' | 'service';

export function probeKind(mgr: string): ProbeKind {
  return mgr === 'systemd' || mgr === 'sysvinit' ? mgr : 'service';
}

/** The guess, in the order ServiceMgrFactCollector looks (PID 1's name, systemd canaries, upstart, openrc, init.d). */
const GUESS = [
  'g=service; c1=; read -r c1 < /proc/1/comm 2>/dev/null; [ -n "$c1" ] || c1=$(readlink /sbin/init 2>/dev/null); c1=${c1##*/}',
  'case "$c1" in init|*sh) c1= ;; esac',
  'hc() { command -v "$1" >/dev/null 2>&1; }',
  'if [ -n "$c1" ]; then [ "$c1" = systemd ] && g=systemd',
  'elif hc systemctl && { [ -d /run/systemd/system/ ] || [ -d /dev/.run/systemd/ ] || [ -d /dev/.systemd/ ]; }; then g=systemd',
  'elif hc initctl && [ -d /etc/init/ ]; then g=service',
  'elif [ -e /sbin/openrc ]; then g=service',
  'elif hc systemctl && [ "$(readlink /sbin/init 2>/dev/null | sed "s|.*/||")" = systemd ]; then g=systemd',
  'elif [ -d /etc/init.d/ ]; then g=sysvinit; fi',
];

export interface ManagerAndProbe {
  /** the service_mgr fact as Ansible's setup would report it ('' when it found none) */
  mgr: string;
  /** whose probe ran, and what it printed */
  kind: ProbeKind;
  stdout: string;
}

/** One round trip: the service_mgr fact, and the output of the probe its shell guess picked. */
export async function findManagerAndProbe(ctx: ModuleContext, probes: Record<ProbeKind, string>, marker: string): Promise<ManagerAndProbe> {
  const gather = gatherRequest({ subset: ['!all', '!min', 'service_mgr'], filter: ['ansible_service_mgr'], become: ctx.become });
  const script = [
    `( ${gather.script}`,
    ')',
    ...GUESS,
    `printf '\\n%s %s\\n' ${marker} "$g"`,
    'if [ "$g" = systemd ]; then',
    probes.systemd,
    'elif [ "$g" = sysvinit ]; then',
    probes.sysvinit,
    'else',
    probes.service,
    'fi',
  ].join('\n');
  const out = await ctx.conn.exec(script, { become: ctx.become, timeoutMs: gather.timeoutMs });
  const at = out.stdout.lastIndexOf(`\n${marker} `);
  const rest = at < 0 ? '' : out.stdout.slice(at + marker.length + 2);
  const nl = rest.indexOf('\n');
  const guessed = nl < 0 ? rest : rest.slice(0, nl);
  const facts = gather.read({ ...out, stdout: at < 0 ? out.stdout : out.stdout.slice(0, at + 1) });
  const found = (facts['ansible_facts'] as Record<string, unknown> | undefined)?.['ansible_service_mgr'] ?? facts['ansible_service_mgr'];
  return { mgr: typeof found === 'string' ? found : '', kind: probeKind(guessed), stdout: nl < 0 ? '' : rest.slice(nl + 1) };
}
