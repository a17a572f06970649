import type { CommandRun } from './service-shell.js';

/** LSB status codes that mean "not running" (Ansible's generic service module prefers a non-zero rc). */
const NOT_RUNNING_RCS = new Set([1, 2, 3, 4, 69]);

/** LinuxService.get_service_status for init scripts and OpenRC: rc first, then keywords in a one-line output. */
export function linuxStatusRunning(name: string, status: CommandRun, openrc: boolean): { running: boolean | undefined; crashed: boolean } {
  let running: boolean | undefined;
  let crashed = false;
  if (openrc) {
    running = status.stdout.includes('started');
    crashed = status.stderr.includes('crashed');
  }
  if (running === undefined && NOT_RUNNING_RCS.has(status.rc)) running = false;
  if (running === undefined && countNewlines(status.stdout) <= 1) {
    const clean = status.stdout.toLowerCase().split(name.toLowerCase()).join('');
    if (clean.includes('stop')) running = false;
    else if (clean.includes('run')) running = !clean.includes('not ');
    else if (clean.includes('start') && !clean.includes('not ')) running = true;
    else if (['could not access pid file', 'is dead and pid file exists', 'dead but subsys locked', 'dead but pid file exists'].some((k) => clean.includes(k))) running = false;
  }
  if (running === undefined && status.rc === 0) running = true;
  if (running === undefined && name === 'iptables' && status.stdout.includes('ACCEPT')) running = true;
  return { running, crashed };
}

/** sysvinit's status reading: keywords in a one-line output, then the usual bad rcs, then rc 0, then ps. */
export function sysvinitStatusRunning(name: string, status: CommandRun, psHasName: boolean): { started: boolean; worked: boolean; psGuess: boolean } {
  let worked = false;
  let started = false;
  if (status.rc !== -1) {
    if (name === 'iptables' && status.stdout.includes('ACCEPT')) worked = started = true;
    if (!worked && countNewlines(status.stdout) <= 1) {
      const clean = status.stdout.toLowerCase().split(name.toLowerCase()).join('');
      if (['stop', 'is dead ', 'dead but ', 'could not access pid file', 'inactive'].some((k) => clean.includes(k))) worked = true;
      else if (['run', 'start', 'active'].some((k) => clean.includes(k) && !clean.includes('not '))) worked = started = true;
    }
    if (!worked && NOT_RUNNING_RCS.has(status.rc)) worked = true;
  }
  if (!worked && status.rc === 0) return { started: true, worked: true, psGuess: false };
  if (!worked && psHasName) return { started: true, worked: true, psGuess: true };
  return { started, worked, psGuess: false };
}

/** `ps auxww` lines containing the pattern, leaving out this tool's own probe (it carries the nonce). */
export function psMatches(psOutput: string, pattern: string, nonce: string, skipPatternEq = false): boolean {
  return psOutput.split('\n').some((line) => line.includes(pattern) && !line.includes(`tsible-${nonce}`) && !(skipPatternEq && line.includes('pattern=')));
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}
