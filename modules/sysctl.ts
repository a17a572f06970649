import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { type FileState, parseFileState, readFileScript, writeFile } from './lib/line-edit.js';

export interface SysctlArgs {
  name: string;
  value?: string | number | boolean;
  state?: 'present' | 'absent';
  reload?: boolean;
  sysctl_set?: boolean;
  ignoreerrors?: boolean;
  sysctl_file?: string;
}

/** What apply does, in order: `sysctl -w`, rewrite the file, `sysctl -p FILE`. */
export interface SysctlSteps {
  setProc: boolean;
  fileContent: string | null;
  reload: boolean;
  file: FileState;
  name: string;
  value: string;
}

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    key: { type: 'string' },
    value: { type: ['string', 'number', 'boolean'] },
    val: { type: ['string', 'number', 'boolean'] },
    state: { enum: ['present', 'absent'], default: 'present' },
    reload: { type: 'boolean', default: true },
    sysctl_set: { type: 'boolean', default: false },
    ignoreerrors: { type: 'boolean', default: false },
    sysctl_file: { type: 'string', default: '/etc/sysctl.conf' },
  },
  additionalProperties: false,
} as const;

const BOOLEANS_TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const BOOLEANS_FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f']);
/** sbin on PATH and the C locale, as a prefix for one command (the read runs in the session shell itself, which must not keep them). */
const SYSCTL_ENV = 'PATH="$PATH:/sbin:/usr/sbin:/usr/local/sbin" LANG=C LC_ALL=C LC_MESSAGES=C';
/** The same settings for a whole command line (the changes run in a subshell of their own). */
const SYSCTL_PATH = `${SYSCTL_ENV}; export PATH LANG LC_ALL LC_MESSAGES`;

/** ansible.posix.sysctl _parse_value: booleans to '1'/'0', strings stripped. */
export function parseSysctlValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  const s = typeof value === 'string' ? value : String(value);
  // argspec type=str turns a YAML bool into 'True'/'False' first
  if (BOOLEANS_TRUE.has(s.toLowerCase())) return '1';
  if (BOOLEANS_FALSE.has(s.toLowerCase())) return '0';
  return s.trim();
}

/** Whitespace-split comparison, like _values_is_equal. */
export function sysctlValuesEqual(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** read_sysctl_file + fix_lines: the file's values and the rewritten lines. */
export function rewriteSysctlFile(content: string, name: string, value: string, present: boolean): { fileValue: string | null; lines: string[] } {
  const fileLines = content === '' ? [] : content.split(/(?<=\n)/).map((l) => l.trim());
  const values = new Map<string, string>();
  const isSetting = (l: string) => l !== '' && !l.startsWith('#') && !l.startsWith(';') && l.includes('=');
  for (const l of fileLines) {
    if (!isSetting(l)) continue;
    const eq = l.indexOf('=');
    values.set(l.slice(0, eq).trim(), l.slice(eq + 1).trim());
  }
  const checked = new Set<string>();
  const fixed: string[] = [];
  for (const l of fileLines) {
    if (!isSetting(l)) {
      fixed.push(l);
      continue;
    }
    const eq = l.indexOf('=');
    const k = l.slice(0, eq).trim();
    const v = l.slice(eq + 1).trim();
    if (checked.has(k)) continue;
    checked.add(k);
    if (k === name) {
      if (present) fixed.push(`${k}=${value}`);
    } else fixed.push(`${k}=${v}`);
  }
  if (!checked.has(name) && present) fixed.push(`${name}=${value}`);
  return { fileValue: values.get(name) ?? null, lines: fixed };
}

/** Ends the live value sysctl printed, with sysctl's exit code; the destination file's read follows. */
export const SYSCTL_RC_MARKER = '@tsible-sysctl-rc=';

/**
 * What `sysctl -e -n NAME` prints, with its exit code in `$r`. The value is the file under /proc/sys (sysctl's
 * path: dots are slashes, slashes dots), read by the shell, so no process starts; sysctl itself reads a name that
 * is not a plain readable file there.
 */
export function liveValueScript(name: string): string {
  const sysctl = `${SYSCTL_ENV} sysctl -e -n ${shellQuote(name)} 2>/dev/null; r=$?`;
  if (!/^[A-Za-z0-9_.\/-]+$/.test(name) || name.includes('..') || /^[./]/.test(name)) return sysctl;
  const path = `/proc/sys/${name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'))}`;
  return `if [ -f ${path} ] && [ -r ${path} ] && { IFS= read -r l < ${path}; } 2>/dev/null; then while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done < ${path}; r=0; else ${sysctl}; fi`;
}

/** process(): one round trip reads the live value and the file; the rest is decided here. */
export async function planSysctl(given: SysctlArgs, ctx: ModuleContext): Promise<Plan<SysctlSteps>> {
  const a = given as SysctlArgs & Record<string, unknown>;
  const rawName = (a.name ?? a.key) as string | undefined;
  const rawValue = a.value ?? a.val;
  const present = (given.state ?? 'present') === 'present';
  const failWith = (msg: string): Plan<SysctlSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
  if (rawName === undefined || rawName === null) return failWith('missing required arguments: name');
  if (present && (rawValue === undefined || rawValue === null)) return failWith('state is present but all of the following are missing: value');
  if (rawName === '') return failWith('name cannot be blank');
  if (present && rawValue === '') return failWith('value cannot be blank');
  const name = rawName.trim();
  const value = parseSysctlValue(rawValue);
  const file = given.sysctl_file ?? '/etc/sysctl.conf';
  const reload = given.reload ?? true;
  // the live value straight from sysctl (one process), closed by a marker line with its exit code, then the file
  const marker = SYSCTL_RC_MARKER;
  const script = `${liveValueScript(name)}; echo; echo "${marker}$r"\n${readFileScript(file)}`;
  const out = await ctx.conn.exec(script, { become: ctx.become, inShell: true });
  const at = out.stdout.indexOf(`\n${marker}`);
  const after = at < 0 ? '' : out.stdout.slice(at + marker.length + 1);
  const nl = after.indexOf('\n');
  const procRc = at < 0 ? 1 : Number(after.slice(0, nl < 0 ? undefined : nl));
  // trailing newlines do not count (sysctl's own output is compared whitespace-split)
  const procValue = procRc === 0 ? out.stdout.slice(0, at).replace(/\n+$/, '') : null;
  const state = parseFileState(nl < 0 ? '' : after.slice(nl + 1), file);
  const content = state.kind === 'file' ? state.content : '';
  const { fileValue, lines } = rewriteSysctlFile(content, name, value, present);
  let changed = false;
  let writeFileNeeded = false;
  let setProc = false;
  if (fileValue === null && present) changed = writeFileNeeded = true;
  else if (fileValue === null && !present) changed = false;
  else if (fileValue && !present) changed = writeFileNeeded = true;
  else if (fileValue !== value) changed = writeFileNeeded = true;
  else if (reload && !sysctlValuesEqual(procValue, value)) changed = true;
  if (given.sysctl_set === true && present) {
    if (procValue === null) changed = true;
    else if (!sysctlValuesEqual(procValue, value)) changed = setProc = true;
  }
  if (!changed) return { changed: false, reason: `${name} is already ${value} in ${file}${given.sysctl_set ? ' and live' : ''}`, result: { changed: false } };
  const steps: SysctlSteps = { setProc, fileContent: writeFileNeeded ? lines.map((l) => `${l.trim()}\n`).join('') : null, reload, file: state, name, value };
  return { changed: true, steps, result: { changed: true } };
}

const STDERR_FAILED = /^sysctl: setting key "[^"]+": (Invalid argument|Read-only file system)$/m;

/** set_token_value, write_sysctl, reload_sysctl — in Ansible's order. */
export async function applySysctl(steps: SysctlSteps, args: SysctlArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const e = args.ignoreerrors === true ? '-e ' : '';
  if (steps.setProc) {
    // Ansible runs `sysctl -w name="value"` through shlex: the quotes never reach sysctl
    const out = await ctx.conn.exec(`${SYSCTL_PATH}\nsysctl ${e}-w ${shellQuote(`${steps.name}=${steps.value}`)}`, { become: ctx.become });
    if (out.rc !== 0 || STDERR_FAILED.test(out.stderr)) return { changed: false, failed: true, msg: `setting ${steps.name} failed: ${out.stdout}${out.stderr}` };
  }
  if (steps.fileContent !== null) await writeFile(steps.file, steps.fileContent, {}, ctx);
  if (steps.reload) {
    const out = await ctx.conn.exec(`${SYSCTL_PATH}\nsysctl ${e}-p ${shellQuote(args.sysctl_file ?? '/etc/sysctl.conf')}`, { become: ctx.become });
    if (out.rc !== 0 || STDERR_FAILED.test(out.stderr)) return { changed: false, failed: true, msg: `Failed to reload sysctl: ${out.stdout}${out.stderr}` };
  }
  return { changed: true };
}

export const sysctl: ModuleDefinition<SysctlArgs, SysctlSteps> = {
  name: 'ansible.posix.sysctl',
  aliases: ['sysctl', 'ansible.builtin.sysctl'],
  freeForm: false,
  output: 'json',
  schema,
  doc: {
    shortDescription: 'Manage entries in sysctl.conf.',
    description: ['This module manipulates sysctl entries and optionally performs a `/sbin/sysctl -p\' after changing them.'],
    options: {
      ignoreerrors: 'Use this option to ignore errors about unknown keys.',
      name: 'The dot-separated path (also known as `key\') specifying the sysctl variable.',
      reload: 'If `true\', performs a `/sbin/sysctl -p\' if the `sysctl_file\' is updated. If `false\', does not reload `sysctl\' even if the `sysctl_file\' is updated.',
      state: 'Whether the entry should be present or absent in the sysctl file.',
      sysctl_file: 'Specifies the absolute path to `sysctl.conf\', if not `/etc/sysctl.conf\'.',
      sysctl_set: 'Verify token value with the sysctl command and set with -w if necessary.',
      value: 'Desired value of the sysctl key.',
    },
    optionAliases: { name: ['key'], value: ['val'] },
    examples: `- ansible.posix.sysctl:
    name: vm.swappiness
    value: '5'
    state: present

- ansible.posix.sysctl:
    name: kernel.panic
    state: absent
    sysctl_file: /etc/sysctl.conf

- ansible.posix.sysctl:
    name: kernel.panic
    value: '3'
    sysctl_file: /tmp/test_sysctl.conf
    reload: false

- ansible.posix.sysctl:
    name: net.ipv4.ip_forward
    value: '1'
    sysctl_set: true

- ansible.posix.sysctl:
    name: net.ipv4.ip_forward
    value: '1'
    sysctl_set: true
    state: present
    reload: true
`,
  },
  plan: planSysctl,
  apply: (plan, args, ctx) => applySysctl(plan.steps, args, ctx),
  checkResult: () => ({ changed: true }),
};
