import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ModuleResult, Plan } from '../../src/executor/module-contract.js';
import type { ServiceArgs } from './service-linux.js';
import { commandLine, type CommandRun, parseTagged, scriptPrelude, type ServiceCommand } from './service-shell.js';
import { psMatches, sysvinitStatusRunning } from './service-status.js';

/** The service action's `sysvinit` backend (modules/sysvinit.py): the init script itself, enabled via update-rc.d or chkconfig. */

export interface SysvinitSteps {
  backend: 'sysvinit';
  commands: (ServiceCommand & { role: 'enable' | 'state' })[];
  result: ModuleResult;
  /** the status command's outcome: sysvinit.py reports it as the enable outcome when no enable tool ran */
  statusRun: CommandRun;
  stateKey: string;
  action: string;
}

const scriptOf = (name: string) => (name.startsWith('/') ? name : `/etc/init.d/${name}`);

export function sysvinitProbeScript(args: ServiceArgs, nonce: string): string {
  const n = shellQuote(args.name);
  const script = scriptOf(args.name);
  // sysvinit.py's status command takes no `arguments`
  return [
    scriptPrelude(nonce),
    `n=${n}`,
    `[ -e ${shellQuote(script)} ] && echo exists`,
    `for b in update-rc.d chkconfig service; do command -v "$b" >/dev/null 2>&1 && echo "bin $b"; done`,
    `if [ -d /etc/rc0.d/ ]; then g=/etc; else g=/etc/init.d; fi`,
    `for l in $g/rc?.d/S??"$n"; do if [ -e "$l" ] || [ -L "$l" ]; then echo "link $l"; fi; done`,
    args.pattern
      ? `echo "cmd ps"; run ps auxww`
      : [
          `if command -v service >/dev/null 2>&1; then echo "cmd status"; runl ${shellQuote(commandLine(['service', args.name, 'status']))}`,
          `else echo "cmd status"; runl ${shellQuote(commandLine([script, 'status']))}; fi`,
          `echo "cmd ps"; run ps auxww`,
        ].join('\n'),
  ].join('\n');
}

const fail = (msg: string, extra: ModuleResult = {}): Plan<SysvinitSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });

/** sysvinit.py main() from one probe. */
export function planSysvinit(args: ServiceArgs, stdout: string, nonce: string): Plan<SysvinitSteps> {
  const { tags, runs } = parseTagged(stdout);
  const name = args.name;
  if (!tags.has('exists')) return fail(`Could not find the requested service ${name}: `);
  if (args.runlevel !== undefined) {
    return fail('Unsupported parameters for (ansible.legacy.sysvinit) module: runlevel. Supported parameters include: arguments, args, daemonize, enabled, name, pattern, runlevels, service, sleep, state.');
  }
  const bins = new Set(tags.get('bin') ?? []);
  const script = scriptOf(name);
  const argsText = args.arguments ?? args.args ?? '';
  const sleep = args.sleep ?? 1;
  const warnings: string[] = [];
  const ps = runs.get('ps') ?? { rc: 1, stdout: '', stderr: '' };
  let started = false;
  let worked = false;
  const statusRun = args.pattern ? { rc: 0, stdout: '', stderr: '' } : (runs.get('status') ?? { rc: 1, stdout: '', stderr: '' });
  if (args.pattern) worked = started = ps.rc === 0 && psMatches(ps.stdout, args.pattern, nonce);
  else {
    const s = sysvinitStatusRunning(name, statusRun, ps.rc === 0 && psMatches(ps.stdout, name, nonce));
    ({ started, worked } = s);
    if (s.psGuess) warnings.push('Used ps output to match service name and determine it is up, this is very unreliable');
  }
  if (!worked) warnings.push('Unable to determine if service is up, assuming it is down');

  const commands: SysvinitSteps['commands'] = [];
  const enabledNow = (tags.get('link') ?? []).length > 0;
  const enabledStatus: ModuleResult = { changed: false, rc: null, stdout: null, stderr: null };
  let changed = false;
  if (args.enabled !== undefined && args.enabled !== enabledNow) {
    changed = true;
    enabledStatus.changed = true;
    const words = bins.has('update-rc.d') ? ['update-rc.d', name, args.enabled ? 'defaults' : 'disable'] : bins.has('chkconfig') ? ['chkconfig', name, args.enabled ? 'on' : 'off'] : undefined;
    if (words) commands.push({ cmd: commandLine(words), stopOnFail: false, role: 'enable' });
  }
  const stateKey = args.state ?? 'null';
  const stateStatus: ModuleResult = { changed: false, rc: null, stdout: null, stderr: null };
  const action = (args.state ?? '').replace(/p?ed$/, '');
  if (args.state !== undefined) {
    const runme = (doit: string, sleepAfter?: number) => commands.push({ cmd: commandLine([script, doit], argsText), stopOnFail: true, role: 'state', sleepAfter });
    if (action === 'restart') {
      runme('stop', sleep);
      runme('start', sleep);
    } else if (started !== (action === 'start') || started === (action === 'stop')) runme(action);
    if (commands.some((c) => c.role === 'state')) changed = stateStatus.changed = true;
  }
  const result: ModuleResult = { name, changed, status: { enabled: enabledStatus, [stateKey]: stateStatus } };
  if (warnings.length > 0) result.warnings = warnings;
  if (!changed) return { changed: false, reason: `${name} is already as asked`, result };
  return { changed: true, steps: { backend: 'sysvinit', commands, result, statusRun, stateKey, action }, result };
}

/** Fill the status blocks from apply's outcomes; a failed init script action fails as runme() does. */
export function finishSysvinit(steps: SysvinitSteps, runs: CommandRun[]): ModuleResult {
  const status = structuredClone(steps.result.status) as Record<string, ModuleResult>;
  const enabled = status['enabled'] ?? {};
  const state = status[steps.stateKey] ?? {};
  let last: CommandRun = steps.statusRun;
  for (const [i, c] of steps.commands.entries()) {
    const r = runs[i];
    if (!r) break;
    if (c.role === 'state' && r.rc !== 0) return { changed: false, failed: true, msg: `Failed to ${steps.action} service: ${String(steps.result.name)}`, rc: r.rc, stdout: r.stdout, stderr: r.stderr };
    last = r;
    if (c.role === 'enable') Object.assign(enabled, { rc: r.rc, stdout: r.stdout, stderr: r.stderr });
  }
  if (enabled.changed === true && enabled.rc === null) Object.assign(enabled, { rc: steps.statusRun.rc, stdout: steps.statusRun.stdout, stderr: steps.statusRun.stderr });
  if (enabled.changed === true && String(enabled.stderr).includes('illegal runlevel specified')) {
    return { ...steps.result, status, failed: true, msg: `Illegal runlevel specified for enable operation on service ${String(steps.result.name)}` };
  }
  if (state.changed === true) Object.assign(state, { rc: last.rc, stdout: last.stdout, stderr: last.stderr });
  return { ...steps.result, status };
}
