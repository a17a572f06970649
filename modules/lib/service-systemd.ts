import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ModuleResult, Plan } from '../../src/executor/module-contract.js';
import { commandLine, type CommandRun, parseTagged, scriptPrelude, type ServiceCommand } from './service-shell.js';

/**
 * The service action's `systemd` backend (modules/systemd.py, without masked/daemon_reload/scope, which the
 * service module does not pass): `systemctl show` gives the state, `is-enabled` the enablement.
 */

export interface SystemdSteps {
  backend: 'systemd';
  commands: (ServiceCommand & { action: string; role: 'enable' | 'state' })[];
  result: ModuleResult;
}

/** parse_systemctl_show: KEY=VALUE lines; a value starting with `{` runs until a line ending with `}`. */
export function systemdShowDict(out: string): Record<string, string> {
  const parsed: Record<string, string> = {};
  let multi: { key: string; lines: string[] } | undefined;
  for (const line of out.split('\n')) {
    if (multi) {
      multi.lines.push(line);
      if (line.trimEnd().endsWith('}')) {
        parsed[multi.key] = multi.lines.join('\n');
        multi = undefined;
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (value.trimStart().startsWith('{') && !value.trimEnd().endsWith('}')) multi = { key, lines: [value] };
    else parsed[key] = value;
  }
  return parsed;
}

export function systemdProbeScript(name: string, nonce: string): string {
  const n = shellQuote(name);
  return [
    scriptPrelude(nonce),
    `n=${n}`,
    `command -v systemctl >/dev/null 2>&1 || echo "nosystemctl $PATH"`,
    `[ -e "/etc/init.d/$n" ] && echo initd`,
    `if [ -d /etc/rc0.d/ ]; then g=/etc; else g=/etc/init.d; fi`,
    `for l in $g/rc?.d/S??"$n"; do if [ -e "$l" ] || [ -L "$l" ]; then echo "link $l"; fi; done`,
    `echo "cmd show"; runl ${shellQuote(commandLine(['systemctl', 'show', name]))}`,
    `echo "cmd is-enabled"; runl ${shellQuote(commandLine(['systemctl', 'is-enabled', name]))}`,
    `echo "cmd is-enabled-l"; runl ${shellQuote(commandLine(['systemctl', 'is-enabled', name, '-l']))}`,
    `echo "cmd list-unit-files"; runl ${shellQuote(commandLine(['systemctl', 'list-unit-files', name]))}`,
  ].join('\n');
}

const VALID_ENABLED = new Set(['enabled', 'enabled-runtime', 'linked', 'linked-runtime', 'masked', 'masked-runtime', 'static', 'indirect', 'disabled', 'generated', 'transient']);
const NONE: CommandRun = { rc: 1, stdout: '', stderr: '' };

const fail = (msg: string, extra: ModuleResult = {}): Plan<SystemdSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });

/** systemd.py main() for name/state/enabled, from one probe. */
export function planSystemd(args: { name: string; state?: string; enabled?: boolean }, stdout: string, warnings: string[]): Plan<SystemdSteps> {
  const { tags, runs } = parseTagged(stdout);
  const unit = args.name;
  const missing = tags.get('nosystemctl');
  if (missing) return fail(`Failed to find required executable "systemctl" in paths: ${missing[0] ?? ''}`);
  const show = runs.get('show') ?? NONE;
  const isInitd = tags.has('initd');
  const ignored = (t: string) => !t.includes('=') && (t.includes('ignoring request') || t.includes('ignoring command'));
  let status: Record<string, string> = {};
  let isSystemd = false;
  if (show.rc === 0 && !(ignored(show.stdout) || ignored(show.stderr))) {
    if (show.stdout) {
      status = systemdShowDict(show.stdout);
      isSystemd = 'LoadState' in status && status['LoadState'] !== 'not-found';
      if (isSystemd && status['LoadState'] !== 'masked' && 'LoadError' in status) return fail(`Error loading unit file '${unit}': ${status['LoadError']}`);
    }
  } else if (VALID_ENABLED.has((runs.get('is-enabled') ?? NONE).stdout.trim())) isSystemd = true;
  else if ((runs.get('list-unit-files') ?? NONE).rc === 0) isSystemd = true;
  const found = isSystemd || isInitd;
  if (isInitd && !isSystemd) warnings.push(`The service (${unit}) is actually an init script but the system is managed by systemd`);
  const result: ModuleResult = { name: unit, changed: false, status };
  const commands: SystemdSteps['commands'] = [];
  if (args.enabled !== undefined) {
    if (!found) return fail(`Could not find the requested service ${unit}: host`);
    const q = runs.get('is-enabled-l') ?? NONE;
    let enabled = false;
    if (q.rc === 0) {
      const lines = q.stdout.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
      enabled = !(lines.length === 1 && (lines[0] === 'indirect' || lines[0] === 'alias'));
    } else if (q.rc === 1) enabled = isInitd && !q.stdout.trim().endsWith('disabled') && (tags.get('link') ?? []).length > 0;
    result.enabled = enabled;
    if (enabled !== args.enabled) {
      result.changed = true;
      const action = args.enabled ? 'enable' : 'disable';
      commands.push({ cmd: commandLine(['systemctl', action, unit]), stopOnFail: true, action, role: 'enable' });
      result.enabled = !enabled;
    }
  }
  if (args.state !== undefined) {
    if (!found) return fail(`Could not find the requested service ${unit}: host`);
    result.state = args.state;
    const active = status['ActiveState'];
    if (active !== undefined) {
      const running = active === 'active' || active === 'activating';
      let action: string | undefined;
      if (args.state === 'started') action = running ? undefined : 'start';
      else if (args.state === 'stopped') action = running || active === 'deactivating' ? 'stop' : undefined;
      else {
        action = running ? args.state.slice(0, -2) : 'start';
        result.state = 'started';
      }
      if (action) {
        result.changed = true;
        commands.push({ cmd: commandLine(['systemctl', action, unit]), stopOnFail: true, action, role: 'state' });
      }
    } else {
      // systemd.py warns on a chroot or offline systemd; otherwise this state is unknown
      return fail('Service is in unknown state', { status });
    }
  }
  if (warnings.length > 0) result.warnings = warnings;
  if (result.changed !== true) return { changed: false, reason: `${unit} is already as asked`, result };
  return { changed: true, steps: { backend: 'systemd', commands, result }, result };
}

/** Apply's outcomes: the first failed systemctl fails the task with systemd.py's message. */
export function finishSystemd(steps: SystemdSteps, runs: CommandRun[]): ModuleResult {
  for (const [i, c] of steps.commands.entries()) {
    const r = runs[i];
    if (!r || r.rc === 0) continue;
    const unit = String(steps.result.name);
    return { changed: false, failed: true, msg: c.role === 'enable' ? `Unable to ${c.action} service ${unit}: ${r.stdout}${r.stderr}` : `Unable to ${c.action} service ${unit}: ${r.stderr}` };
  }
  return steps.result;
}
