import { randomBytes } from 'node:crypto';
import { shellQuote } from '../../src/connection/shell-quote.js';
import { shlexSplit } from '../../src/parsing/shlex-split.js';

/** One command's outcome, as Ansible's run_command returns it. */
export interface CommandRun {
  rc: number;
  stdout: string;
  stderr: string;
}

/** A command apply runs; `stopOnFail` ends the script there (Ansible would fail_json at that point). */
export interface ServiceCommand {
  cmd: string;
  stopOnFail: boolean;
  /** seconds to sleep after this command (restart's pause between stop and start) */
  sleepAfter?: number | undefined;
}

/**
 * The prelude of every service/user script: Ansible's tool search path and C locale, a temp dir, and `run`,
 * which runs a command from / with stdin, stdout and stderr on files (a daemon that keeps them open cannot
 * hold the channel, as Ansible's daemonize guards against) and prints `run RC .B64OUT .B64ERR`.
 * The nonce marks this script's own processes, so a `ps` probe can leave them out.
 */
export function scriptPrelude(nonce: string): string {
  return [
    `# tsible-${nonce}`,
    'PATH="/sbin:/usr/sbin:/bin:/usr/bin:$PATH"; export PATH',
    'LANG=C LC_ALL=C LC_MESSAGES=C; export LANG LC_ALL LC_MESSAGES',
    'T=$(mktemp -d) || exit 1',
    "trap 'rm -rf \"$T\"' EXIT",
    'run() { ( cd / && "$@" ) >"$T/o" 2>"$T/e" </dev/null; r=$?; printf \'run %s .%s .%s\\n\' "$r" "$(base64 -w0 <"$T/o")" "$(base64 -w0 <"$T/e")"; return $r; }',
    // eval: a command line built on the controller, already quoted
    'runl() { ( cd / && eval "$1" ) >"$T/o" 2>"$T/e" </dev/null; r=$?; printf \'run %s .%s .%s\\n\' "$r" "$(base64 -w0 <"$T/o")" "$(base64 -w0 <"$T/e")"; return $r; }',
  ].join('\n');
}

export function newNonce(): string {
  return randomBytes(6).toString('hex');
}

/** Parse one `run RC .OUT .ERR` line. */
export function parseRunLine(line: string): CommandRun | undefined {
  const m = /^run (-?\d+) \.(\S*) \.(\S*)$/.exec(line);
  if (!m) return undefined;
  return { rc: Number(m[1]), stdout: Buffer.from(m[2] ?? '', 'base64').toString('utf8'), stderr: Buffer.from(m[3] ?? '', 'base64').toString('utf8') };
}

/** A command line for `runl`: the tool and its fixed words quoted, then the user's `arguments` split as Ansible's shlex does. */
export function commandLine(words: string[], args = ''): string {
  let extra: string[];
  try {
    extra = args.trim() === '' ? [] : shlexSplit(args);
  } catch {
    extra = [args];
  }
  return [...words, ...extra].map(shellQuote).join(' ');
}

/** The apply script: each command through `runl`, stopping after a failed `stopOnFail` one. */
export function commandsScript(commands: ServiceCommand[], nonce = newNonce()): string {
  const lines = [scriptPrelude(nonce)];
  for (const c of commands) {
    lines.push(`runl ${shellQuote(c.cmd)}${c.stopOnFail ? ' || exit 0' : ''}`);
    if (c.sleepAfter) lines.push(`sleep ${Math.max(0, Math.floor(c.sleepAfter))}`);
  }
  return lines.join('\n');
}

/** Every `run` line of a script's output, in order. */
export function parseRuns(stdout: string): CommandRun[] {
  return stdout
    .split('\n')
    .map(parseRunLine)
    .filter((r): r is CommandRun => r !== undefined);
}

/** Tagged probe lines (`TAG rest`), the first of each tag; `run` lines after a tag belong to it. */
export function parseTagged(stdout: string): { tags: Map<string, string[]>; runs: Map<string, CommandRun> } {
  const tags = new Map<string, string[]>();
  const runs = new Map<string, CommandRun>();
  let pending: string | undefined;
  for (const line of stdout.split('\n')) {
    const run = parseRunLine(line);
    if (run) {
      if (pending !== undefined) runs.set(pending, run);
      pending = undefined;
      continue;
    }
    const m = /^([a-z0-9-]+)(?: (.*))?$/.exec(line);
    if (!m || !m[1]) continue;
    if (m[1] === 'cmd') {
      pending = m[2];
      continue;
    }
    const list = tags.get(m[1]) ?? [];
    list.push(m[2] ?? '');
    tags.set(m[1], list);
  }
  return { tags, runs };
}
