import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ModuleResult, Plan } from '../../src/executor/module-contract.js';
import { commandLine, type CommandRun, parseTagged, scriptPrelude, type ServiceCommand } from './service-shell.js';
import { linuxStatusRunning, psMatches } from './service-status.js';
import { systemdShowDict } from './service-systemd.js';

/**
 * Ansible's generic `service` module on Linux (modules/service.py LinuxService), used when service_mgr names no
 * module of its own (sysvinit and systemd have theirs): it picks the tools on the host — systemctl when systemd
 * is booted, rc-service (OpenRC), else the init script with update-rc.d / insserv / chkconfig and `service`.
 */

export interface ServiceArgs {
  name: string;
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  enabled?: boolean;
  sleep?: number;
  pattern?: string;
  runlevel?: string;
  arguments?: string;
  args?: string;
  use?: string;
}

type Mode = 'systemd' | 'upstart' | 'openrc' | 'sysv';

/** What apply runs and how it reads the outcomes. */
export interface LinuxServiceSteps {
  backend: 'service';
  commands: (ServiceCommand & { role: 'enable' | 'enable-rcd' | 'enable-insserv' | 'prepare' | 'zap' | 'control' | 'control-stop' | 'control-start'; action?: string })[];
  result: ModuleResult;
  checkResult: ModuleResult;
}

const BINARIES = ['service', 'chkconfig', 'update-rc.d', 'rc-service', 'rc-update', 'initctl', 'systemctl', 'insserv'];

/** The one read: tools, init script, rc?.d links, the mode get_service_tools would pick, and the status/enablement reads it needs. */
export function linuxProbeScript(args: ServiceArgs, nonce: string): string {
  const n = shellQuote(args.name);
  const argsText = args.arguments ?? args.args ?? '';
  const lines = [
    scriptPrelude(nonce),
    `n=${n}`,
    `has() { command -v "$1" >/dev/null 2>&1; }`,
    `for b in ${BINARIES.join(' ')}; do has "$b" && echo "bin $b"; done`,
    `[ -f "/etc/init.d/$n" ] && echo initscript`,
    `[ -x "/etc/init.d/$n" ] && echo initx`,
    `for l in /etc/rc?.d/[SK]??"$n"; do if [ -e "$l" ] || [ -L "$l" ]; then echo "link $l"; fi; done`,
    `if has systemctl && { [ -e /run/systemd/system/ ] || [ -e /dev/.run/systemd/ ] || [ -e /dev/.systemd/ ] || grep -q systemd /proc/1/comm 2>/dev/null; }; then mode=systemd`,
    `elif has initctl && [ -e "/etc/init/$n.conf" ]; then mode=upstart`,
    `elif has rc-service; then mode=openrc`,
    `else mode=sysv; fi`,
    `echo "mode $mode"`,
  ];
  if (args.state !== undefined && args.pattern) lines.push(`echo "cmd ps"; run ps auxww`);
  else if (args.state !== undefined) {
    lines.push(
      `case $mode in`,
      `systemd) echo "cmd status"; runl ${shellQuote(commandLine(['systemctl', 'show', args.name]))} ;;`,
      `openrc) echo "cmd status"; runl ${shellQuote(commandLine(['rc-service', args.name, 'status'], argsText))} ;;`,
      `sysv) if has service; then echo "cmd status"; runl ${shellQuote(commandLine(['service', args.name, 'status'], argsText))}; elif [ -f "/etc/init.d/$n" ]; then echo "cmd status"; runl ${shellQuote(commandLine([`/etc/init.d/${args.name}`, 'status'], argsText))}; fi ;;`,
      `esac`,
    );
  }
  if (args.enabled !== undefined) {
    const insserv = args.enabled ? ['insserv', '-n', '-v', args.name] : ['insserv', '-n', '-r', '-v', args.name];
    lines.push(
      `case $mode in`,
      `systemd) echo "cmd enabled"; runl ${shellQuote(commandLine(['systemctl', 'is-enabled', args.name]))} ;;`,
      `openrc) has rc-update && { echo "cmd enabled"; run rc-update show; } ;;`,
      `sysv) if [ -f "/etc/init.d/$n" ] && ! has update-rc.d; then if has insserv; then echo "cmd enabled"; runl ${shellQuote(commandLine(insserv))}; elif has chkconfig; then echo "cmd enabled"; runl ${shellQuote(commandLine(['chkconfig', '--list', args.name]))}; fi; fi ;;`,
      `esac`,
    );
  }
  return lines.join('\n');
}

interface Probe {
  bins: Set<string>;
  initscript: boolean;
  initx: boolean;
  links: string[];
  mode: Mode;
  runs: Map<string, CommandRun>;
}

export function parseLinuxProbe(stdout: string): Probe {
  const { tags, runs } = parseTagged(stdout);
  const mode = (tags.get('mode')?.[0] ?? 'sysv') as Mode;
  return { bins: new Set(tags.get('bin') ?? []), initscript: tags.has('initscript'), initx: tags.has('initx'), links: tags.get('link') ?? [], mode, runs };
}

const fail = (msg: string): Plan<LinuxServiceSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });

/** main() of modules/service.py, from one probe: enablement first, then the running state. */
export function planLinuxService(args: ServiceArgs, probe: Probe, nonce: string, check: boolean): Plan<LinuxServiceSteps> {
  const name = args.name;
  const argsText = args.arguments ?? args.args ?? '';
  const runlevel = args.runlevel ?? 'default';
  const has = (b: string) => probe.bins.has(b);
  const sLinks = probe.links.filter((l) => /\/rc.\.d\/S..[^/]*$/.test(l));
  const kLinks = probe.links.filter((l) => /\/rc.\.d\/K..[^/]*$/.test(l));

  // get_service_tools
  let svcCmd: 'systemctl' | 'rc-service' | 'service' | undefined;
  let enableCmd: 'systemctl' | 'rc-update' | 'update-rc.d' | 'insserv' | 'chkconfig' | undefined;
  if (probe.mode === 'systemd') svcCmd = enableCmd = 'systemctl';
  else if (probe.mode === 'upstart') return fail(`tsible does not drive upstart jobs (initctl, /etc/init/${name}.conf)`);
  else if (probe.mode === 'openrc') {
    svcCmd = 'rc-service';
    enableCmd = has('rc-update') ? 'rc-update' : undefined;
  } else {
    if (probe.initscript) enableCmd = has('update-rc.d') ? 'update-rc.d' : has('insserv') ? 'insserv' : has('chkconfig') ? 'chkconfig' : undefined;
    if (enableCmd === undefined) return fail(`Could not find the requested service ${name}: host`);
    if (has('service')) svcCmd = 'service';
  }

  const commands: LinuxServiceSteps['commands'] = [];
  const result: ModuleResult = { name };
  let enableChanged = false;
  if (args.enabled !== undefined) {
    const enable = args.enabled;
    if (enableCmd === undefined) return fail(`cannot detect command to enable service ${name}, typo or init system potentially unknown`);
    let action: string | undefined;
    let finalCommand = true;
    enableChanged = true;
    const query = probe.runs.get('enabled');
    if (enableCmd === 'chkconfig') {
      action = enable ? 'on' : 'off';
      const out = query?.stdout ?? '';
      if ((query?.stderr ?? '').includes(`chkconfig --add ${name}`)) commands.push({ cmd: commandLine(['chkconfig', '--add', name]), stopOnFail: false, role: 'prepare' });
      else if (!out.includes(name)) return fail(`service ${name} does not support chkconfig`);
      else if (out.includes(`3:${action}`) && out.includes(`5:${action}`)) enableChanged = finalCommand = false;
    } else if (enableCmd === 'systemctl') {
      action = enable ? 'enable' : 'disable';
      const q = query ?? { rc: 1, stdout: '', stderr: '' };
      const current = q.rc === 0 ? true : q.stdout.startsWith('disabled') ? false : probe.initx ? sLinks.length > 0 : false;
      if (current === enable) enableChanged = finalCommand = false;
    } else if (enableCmd === 'rc-update') {
      action = enable ? 'add' : 'delete';
      let found = false;
      for (const line of (query?.stdout ?? '').split('\n')) {
        const bar = line.indexOf('|');
        if (bar < 0 || line.slice(0, bar).trim() !== name) continue;
        found = true;
        const levels = line.slice(bar + 1).split(/\s+/);
        if (enable === levels.includes(runlevel)) enableChanged = false;
        break;
      }
      if (!found && !enable) enableChanged = false;
      if (!enableChanged) finalCommand = false;
    } else if (enableCmd === 'update-rc.d') {
      finalCommand = false;
      const enabledNow = sLinks.length > 0;
      if (enable !== enabledNow) {
        if (enable && kLinks.length === 0) commands.push({ cmd: commandLine(['update-rc.d', name, 'defaults']), stopOnFail: true, role: 'enable-rcd' });
        commands.push({ cmd: commandLine(['update-rc.d', name, enable ? 'enable' : 'disable']), stopOnFail: true, role: 'enable-rcd' });
      } else enableChanged = false;
    } else {
      finalCommand = false;
      const marker = enable ? 'enable service' : 'remove service';
      enableChanged = (query?.stderr ?? '').split('\n').some((l) => l.includes(marker));
      if (check && enableChanged) return { changed: true, steps: { backend: 'service', commands: [], result: { changed: true }, checkResult: { changed: true } } };
      if (enableChanged) commands.push({ cmd: commandLine(enable ? ['insserv', name] : ['insserv', '-r', name]), stopOnFail: true, role: 'enable-insserv', action: enable ? 'install' : 'remove' });
    }
    if (finalCommand && action !== undefined) {
      if (check) return { changed: true, steps: { backend: 'service', commands: [], result: { changed: true }, checkResult: { changed: true } } };
      const words = enableCmd === 'rc-update' ? ['rc-update', action, name, runlevel] : enableCmd === 'systemctl' ? ['systemctl', action, name] : [enableCmd, name, action];
      commands.push({ cmd: commandLine(words), stopOnFail: true, role: 'enable', action });
    }
    result.enabled = enable;
  }

  if (args.state === undefined) {
    result.changed = enableChanged;
    return finish(commands, result, result);
  }
  result.state = args.state;

  // get_service_status (or check_ps)
  let running: boolean | undefined;
  let crashed = false;
  if (args.pattern) {
    const ps = probe.runs.get('ps');
    if (ps && ps.rc === 0) running = psMatches(ps.stdout, args.pattern, nonce, true);
  } else if (svcCmd === 'systemctl') {
    const show = probe.runs.get('status') ?? { rc: 1, stdout: '', stderr: '' };
    if (show.rc !== 0) return fail(`failure ${show.rc} running systemctl show for '${name}': ${show.stderr}`);
    if (show.stdout.includes('LoadState=not-found')) return fail(`systemd could not find the requested service "'${name}'": ${show.stderr}`);
    const active = systemdShowDict(show.stdout)['ActiveState'];
    if (active === undefined) return fail(`No ActiveState value in systemctl show output for '${name}'`);
    running = active === 'active';
    crashed = active === 'failed';
  } else {
    const status = probe.runs.get('status') ?? { rc: 1, stdout: '', stderr: '' };
    ({ running, crashed } = linuxStatusRunning(name, status, svcCmd === 'rc-service'));
  }
  if (running === undefined) return fail('failed determining service state, possible typo of service name?');
  const state = args.state;
  const svcChange = (!running && (state === 'reloaded' || state === 'started')) || (running && (state === 'reloaded' || state === 'stopped')) || state === 'restarted';
  if (svcChange) {
    const action = state === 'started' || (!running && state === 'reloaded') ? 'start' : state === 'stopped' ? 'stop' : state === 'reloaded' ? 'reload' : 'restart';
    const base = svcCmd === 'systemctl' ? undefined : svcCmd !== undefined ? [svcCmd, name] : [`/etc/init.d/${name}`];
    const line = (act: string) => (base ? commandLine([...base, act], argsText) : commandLine(['systemctl', act, name], argsText));
    if (svcCmd === 'rc-service' && action === 'start' && crashed) commands.push({ cmd: line('zap'), stopOnFail: false, role: 'zap' });
    if (action !== 'restart' || svcCmd === 'rc-service') commands.push({ cmd: line(action), stopOnFail: false, role: 'control' });
    else {
      commands.push({ cmd: line('stop'), stopOnFail: false, role: 'control-stop', sleepAfter: args.sleep });
      commands.push({ cmd: line('start'), stopOnFail: false, role: 'control-start' });
    }
  }
  const finalState = state === 'stopped' ? 'stopped' : 'started';
  const done = { ...result, state: finalState, changed: enableChanged || svcChange };
  return finish(commands, done, svcChange ? { changed: true, msg: 'service state changed' } : done);
}

function finish(commands: LinuxServiceSteps['commands'], result: ModuleResult, checkResult: ModuleResult): Plan<LinuxServiceSteps> {
  if (result.changed !== true) return { changed: false, reason: `${String(result.name)} is already as asked`, result };
  return { changed: true, steps: { backend: 'service', commands, result, checkResult } };
}

/** Read apply's outcomes the way main() does: an enable failure stops it; a control failure fails with its stderr (or stdout). */
export function finishLinuxService(steps: LinuxServiceSteps, runs: CommandRun[], name: string): ModuleResult {
  let control: CommandRun | undefined;
  let stop: CommandRun | undefined;
  for (const [i, c] of steps.commands.entries()) {
    const r = runs[i];
    if (!r) break;
    if (c.role === 'enable-rcd' && r.rc !== 0) return { changed: false, failed: true, msg: r.stderr || r.stdout };
    if (c.role === 'enable-insserv' && (r.rc !== 0 || r.stderr !== '')) {
      return { changed: false, failed: true, msg: `Failed to ${c.action ?? 'install'} service. rc: ${r.rc}, out: ${r.stdout}, err: ${r.stderr}` };
    }
    if (c.role === 'enable' && r.rc !== 0) {
      return { changed: false, failed: true, msg: r.stderr ? `Error when trying to ${c.action} ${name}: rc=${r.rc} ${r.stderr}` : `Failure for ${c.action} ${name}: rc=${r.rc} ${r.stdout}` };
    }
    if (c.role === 'control') control = r;
    if (c.role === 'control-stop') stop = r;
    if (c.role === 'control-start' && stop) {
      control = stop.rc !== 0 && r.rc === 0 ? r : { rc: stop.rc + r.rc, stdout: stop.stdout + r.stdout, stderr: stop.stderr + r.stderr };
    }
  }
  if (control && control.rc !== 0 && !control.stderr.includes('Job is already running')) return { changed: false, failed: true, msg: control.stderr || control.stdout };
  return steps.result;
}
