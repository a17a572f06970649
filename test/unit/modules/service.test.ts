import { describe, expect, it } from 'vitest';
import { linuxStatusRunning, psMatches, sysvinitStatusRunning } from '../../../modules/lib/service-status.js';
import { systemdShowDict } from '../../../modules/lib/service-systemd.js';
import { service } from '../../../modules/service.js';
import { runLine, runModule, scripted } from './service-fake-connection.js';

const SYSV = 'bin service\nbin update-rc.d\ninitscript\ninitx\n';
const stopped = `${SYSV}mode sysv\ncmd status\n${runLine(3, 'tsvc is not running\n')}\n`;
const running = (links: string) => `${SYSV}${links}mode sysv\ncmd status\n${runLine(0, 'tsvc is running\n')}\n`;
const ENABLED = 'link /etc/rc0.d/K01tsvc\nlink /etc/rc2.d/S01tsvc\n';

describe('service status reading (LinuxService.get_service_status)', () => {
  it('prefers the LSB rc, then keywords in one line, then rc 0', () => {
    expect(linuxStatusRunning('tsvc', { rc: 3, stdout: 'tsvc is running\n', stderr: '' }, false).running).toBe(false);
    expect(linuxStatusRunning('tsvc', { rc: 0, stdout: 'tsvc is running\n', stderr: '' }, false).running).toBe(true);
    expect(linuxStatusRunning('tsvc', { rc: 0, stdout: 'tsvc is not running\n', stderr: '' }, false).running).toBe(false);
    expect(linuxStatusRunning('x', { rc: 0, stdout: 'a\nb\nc\n', stderr: '' }, false).running).toBe(true);
    expect(linuxStatusRunning('x', { rc: 5, stdout: 'a\nb\nc\n', stderr: '' }, false).running).toBeUndefined();
    expect(linuxStatusRunning('sshd', { rc: 0, stdout: ' * status: started\n', stderr: '' }, true)).toEqual({ running: true, crashed: false });
  });
  it('sysvinit reads keywords before rcs and falls back on ps', () => {
    expect(sysvinitStatusRunning('tsvc', { rc: 0, stdout: 'tsvc is inactive\n', stderr: '' }, false)).toMatchObject({ started: false, worked: true });
    expect(sysvinitStatusRunning('tsvc', { rc: 5, stdout: '', stderr: '' }, true)).toMatchObject({ started: true, psGuess: true });
  });
  it('leaves out its own probe when matching a pattern in ps', () => {
    const ps = 'root 1 sh -c # tsible-abc run ps auxww tsvcd\nroot 2 /bin/sh /usr/local/sbin/tsvcd\n';
    expect(psMatches(ps, 'tsvcd', 'abc')).toBe(true);
    expect(psMatches(ps.split('\n')[0] ?? '', 'tsvcd', 'abc')).toBe(false);
  });
  it('parses systemctl show, multi-line values included', () => {
    expect(systemdShowDict('ActiveState=active\nExecStart={ path=/bin/x ;\n argv[]=/bin/x }\nId=x.service\n')).toEqual({ ActiveState: 'active', ExecStart: '{ path=/bin/x ;\n argv[]=/bin/x }', Id: 'x.service' });
  });
});

describe('service on a SysV host (generic service module: service + update-rc.d)', () => {
  it('start + enable: one probe, one apply; update-rc.d defaults only without K links', async () => {
    const { calls, ctx } = scripted([stopped, [runLine(0), runLine(0), runLine(0)].join('\n')]);
    const result = await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx());
    expect(result).toEqual({ name: 'tsvc', enabled: true, state: 'started', changed: true });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('service tsvc status');
    expect(calls[1]).toContain("runl 'update-rc.d tsvc defaults' || exit 0\nrunl 'update-rc.d tsvc enable' || exit 0\nrunl 'service tsvc start'");
  });

  it('already running and enabled: one round trip, nothing to do', async () => {
    const { calls, ctx } = scripted([running(ENABLED)]);
    expect(await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx())).toEqual({ name: 'tsvc', enabled: true, state: 'started', changed: false });
    expect(calls).toHaveLength(1);
  });

  it('check mode exits as Ansible does: "service state changed", nothing run', async () => {
    const { calls, ctx } = scripted([stopped]);
    expect(await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx(true))).toEqual({ changed: true, msg: 'service state changed' });
    expect(calls).toHaveLength(1);
  });

  it('restart is stop, sleep, start; a failed stop with a good start still succeeds', async () => {
    const { calls, ctx } = scripted([running(''), [runLine(1, '', 'not running'), runLine(0)].join('\n')]);
    expect(await runModule(service, { name: 'tsvc', state: 'restarted', sleep: 2 }, ctx())).toEqual({ name: 'tsvc', state: 'started', changed: true });
    expect(calls[1]).toContain("runl 'service tsvc stop'\nsleep 2\nrunl 'service tsvc start'");
  });

  it('a failing start fails with its stderr', async () => {
    const { ctx } = scripted([stopped, runLine(1, 'out', 'boom')]);
    expect(await runModule(service, { name: 'tsvc', state: 'started' }, ctx())).toEqual({ changed: false, failed: true, msg: 'boom' });
  });

  it('disable only: update-rc.d disable; the result has no state', async () => {
    const { calls, ctx } = scripted([`${SYSV}${ENABLED}mode sysv\n`, runLine(0)]);
    expect(await runModule(service, { name: 'tsvc', enabled: false }, ctx())).toEqual({ name: 'tsvc', enabled: false, changed: true });
    expect(calls[1]).toContain("runl 'update-rc.d tsvc disable' || exit 0");
  });

  it('no init script: Ansible message, no second round trip', async () => {
    const { calls, ctx } = scripted(['bin service\nbin update-rc.d\nmode sysv\n']);
    expect(await runModule(service, { name: 'nosuch', state: 'started' }, ctx())).toEqual({ changed: false, failed: true, msg: 'Could not find the requested service nosuch: host' });
    expect(calls).toHaveLength(1);
  });

  it('neither state nor enabled fails without contacting the host', async () => {
    const { calls, ctx } = scripted([]);
    expect(await runModule(service, { name: 'tsvc' }, ctx())).toEqual({ changed: false, failed: true, msg: 'one of the following is required: state, enabled' });
    expect(calls).toHaveLength(0);
  });

  it('chkconfig (no update-rc.d): checks levels 3 and 5; in check mode it exits with changed only', async () => {
    const probe = `bin service\nbin chkconfig\ninitscript\nmode sysv\ncmd enabled\n${runLine(0, 'tsvc 0:off 1:off 2:off 3:off 4:off 5:off 6:off\n')}\n`;
    const { calls, ctx } = scripted([probe, runLine(0), probe]);
    expect(await runModule(service, { name: 'tsvc', enabled: true }, ctx())).toEqual({ name: 'tsvc', enabled: true, changed: true });
    expect(calls[1]).toContain("runl 'chkconfig tsvc on' || exit 0");
    expect(await runModule(service, { name: 'tsvc', enabled: true }, ctx(true))).toEqual({ changed: true });
    const { ctx: off } = scripted([probe]);
    expect(await runModule(service, { name: 'tsvc', enabled: false }, off())).toEqual({ name: 'tsvc', enabled: false, changed: false });
  });

  it('OpenRC: rc-service status and rc-update add NAME RUNLEVEL', async () => {
    const probe = `bin rc-service\nbin rc-update\ninitscript\nmode openrc\ncmd status\n${runLine(3, ' * status: stopped\n')}\ncmd enabled\n${runLine(0, '   sshd | default\n')}\n`;
    const { calls, ctx } = scripted([probe, `${runLine(0)}\n${runLine(0)}`]);
    expect(await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx())).toEqual({ name: 'tsvc', enabled: true, state: 'started', changed: true });
    expect(calls[1]).toContain("runl 'rc-update add tsvc default' || exit 0\nrunl 'rc-service tsvc start'");
  });
});

describe('service with service_mgr=systemd and sysvinit', () => {
  it('systemd: show + is-enabled in one probe, then enable and start', async () => {
    const probe = ['cmd show', runLine(0, 'Id=tsvc.service\nLoadState=loaded\nActiveState=inactive\n'), 'cmd is-enabled', runLine(1, 'disabled\n'), 'cmd is-enabled-l', runLine(1, 'disabled\n'), 'cmd list-unit-files', runLine(0)].join('\n');
    const { calls, ctx } = scripted([probe, `${runLine(0)}\n${runLine(0)}`], { service_mgr: 'systemd' });
    const result = await runModule(service, { name: 'tsvc', state: 'started', enabled: true, pattern: 'x' }, ctx());
    expect(result).toMatchObject({ name: 'tsvc', changed: true, enabled: true, state: 'started', status: { ActiveState: 'inactive' }, warnings: ['Ignoring "pattern" as it is not used in "systemd"'] });
    expect(calls[1]).toContain("runl 'systemctl enable tsvc' || exit 0\nrunl 'systemctl start tsvc' || exit 0");
  });

  it('sysvinit: the init script itself, and its status blocks', async () => {
    const probe = `exists\nbin update-rc.d\nbin service\ncmd status\n${runLine(3, 'tsvc is not running\n')}\ncmd ps\n${runLine(0, '')}\n`;
    const { calls, ctx } = scripted([probe, `${runLine(0)}\n${runLine(0, 'started\n')}`], { service_mgr: 'sysvinit' });
    const result = await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx());
    expect(result).toEqual({
      name: 'tsvc',
      changed: true,
      status: { enabled: { changed: true, rc: 0, stdout: '', stderr: '' }, started: { changed: true, rc: 0, stdout: 'started\n', stderr: '' } },
    });
    expect(calls[1]).toContain("runl 'update-rc.d tsvc defaults'\nrunl '/etc/init.d/tsvc start' || exit 0");
  });
});

describe('service without the service_mgr fact (gather_facts: false)', () => {
  /** What the one script prints: the service_mgr facts (PID 1 named `proc1`, /etc/init.d there), then the guessed probe's output. */
  const reply = (proc1: string, guess: string, probe: string) => (command: string): string => {
    const facts = /M='(@@tsible-facts-[0-9a-f]+@@)'/.exec(command)?.[1] ?? 'no facts marker';
    const mgr = /printf '\\n%s %s\\n' (tsible-mgr-[0-9a-f]+)/.exec(command)?.[1] ?? 'no mgr marker';
    return `\n${facts} proc1\n${proc1}\n${facts} exists_svc\n/etc/init.d/\n${facts} end\n\n${mgr} ${guess}\n${probe}`;
  };

  it('finds service_mgr and probes the service in one round trip; running and enabled is ok', async () => {
    const { calls, ctx } = scripted([reply('process_api', 'service', running(ENABLED))], {});
    expect(await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx())).toEqual({ name: 'tsvc', enabled: true, state: 'started', changed: false });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('service tsvc status');
  });

  it('when the shell guessed another backend than the fact names, the right probe runs in a second round trip', async () => {
    const { calls, ctx } = scripted([reply('process_api', 'sysvinit', 'exists\n'), stopped, [runLine(0), runLine(0), runLine(0)].join('\n')], {});
    expect(await runModule(service, { name: 'tsvc', state: 'started', enabled: true }, ctx())).toEqual({ name: 'tsvc', enabled: true, state: 'started', changed: true });
    expect(calls).toHaveLength(3);
    expect(calls[1]).not.toContain('tsible-facts');
  });

  it('a service_mgr tsible has no backend for fails as before, whatever the guess probed', async () => {
    const { calls, ctx } = scripted([reply('runit-init', 'service', stopped)], {});
    expect(await runModule(service, { name: 'tsvc', state: 'started' }, ctx())).toMatchObject({ failed: true, msg: expect.stringContaining("no 'runit' service backend") });
    expect(calls).toHaveLength(1);
  });
});
