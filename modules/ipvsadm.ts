// tsible's own IPVS module (spec §2.3): reads `ipvsadm -S -n`, issues only the -A/-E/-D/-a/-e/-d that differ, optionally saves.
import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { IpvsParseError, type IpvsService, mergeThresholds, parseList, parseSave, renderSave, servicesResult } from './lib/ipvs-model.js';
import { changesFor, FORWARDING_NAMES, IpvsArgsError, type IpvsadmArgs } from './lib/ipvs-plan.js';

export interface IpvsadmSteps {
  commands: string[][];
  /** the file to write `ipvsadm -S -n` to afterwards, or null */
  saveFile: string | null;
  after: IpvsService[];
}

const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh'];
const realServer = {
  type: 'object',
  properties: {
    address: { type: 'string' },
    port: { type: 'integer' },
    forwarding: { enum: FORWARDING_NAMES },
    weight: { type: 'integer' },
    u_threshold: { type: 'integer' },
    l_threshold: { type: 'integer' },
    state: { enum: ['present', 'absent'] },
  },
  required: ['address'],
  additionalProperties: false,
} as const;
const serviceProperties = {
  protocol: { enum: ['tcp', 'udp', 'sctp', 'fwmark'], default: 'tcp' },
  vip: { type: ['string', 'integer'] },
  service_address: { type: 'string' },
  port: { type: 'integer' },
  scheduler: { enum: SCHEDULERS, default: 'wlc' },
  persistent: { type: ['integer', 'boolean'] },
  netmask: { type: ['string', 'integer'] },
  sched_flags: { type: 'array', items: { type: 'string' } },
  ops: { type: 'boolean', default: false },
  real_servers: { type: 'array', items: realServer },
  purge: { type: 'boolean', default: false },
} as const;

const schema = {
  type: 'object',
  properties: {
    ...serviceProperties,
    real_server: { type: 'string' },
    real_port: { type: 'integer' },
    forwarding: { enum: FORWARDING_NAMES },
    weight: { type: 'integer' },
    u_threshold: { type: 'integer' },
    l_threshold: { type: 'integer' },
    state: { enum: ['present', 'absent', 'flushed'], default: 'present' },
    rules: { type: 'array', items: { type: 'object', properties: { ...serviceProperties, state: { enum: ['present', 'absent'] } }, additionalProperties: false } },
    save: { type: 'boolean', default: false },
    save_file: { type: 'string', default: 'auto' },
    ipvsadm_path: { type: 'string', default: 'ipvsadm' },
  },
  additionalProperties: false,
} as const;

const PREAMBLE = 'PATH="$PATH:/sbin:/usr/sbin:/usr/local/sbin"; export PATH; LANG=C LC_ALL=C; export LANG LC_ALL';
const DEBIAN_FILE = '/etc/ipvsadm.rules';
const REDHAT_FILE = '/etc/sysconfig/ipvsadm';

/** One round trip: the binary, `-S -n`, `-L -n --thresholds`, the distro family and the save file. */
export function probeScript(args: IpvsadmArgs): string {
  const bin = shellQuote(args.ipvsadm_path ?? 'ipvsadm');
  const file = args.save_file ?? 'auto';
  const pick =
    file === 'auto'
      ? `. /etc/os-release 2>/dev/null; case " $ID $ID_LIKE " in *" rhel "*|*" fedora "*|*" centos "*) f=${REDHAT_FILE};; *) f=${DEBIAN_FILE};; esac`
      : `f=${shellQuote(file)}`;
  return [
    PREAMBLE,
    `b=${bin}`,
    `command -v "$b" >/dev/null 2>&1 || { echo '@@missing'; exit 0; }`,
    `out=$("$b" -S -n 2>&1); rc=$?`,
    `[ "$rc" -eq 0 ] || { echo "@@failed $rc"; printf '%s\\n' "$out"; exit 0; }`,
    `echo '@@save'; printf '%s\\n' "$out"`,
    `echo '@@list'; "$b" -L -n --thresholds 2>&1`,
    ...(args.save ? [pick, `if [ -f "$f" ]; then echo "@@file present $f"; cat "$f"; else echo "@@file absent $f"; fi`] : []),
  ].join('\n');
}

interface Probe {
  current: IpvsService[];
  saveText: string;
  file: { path: string; present: boolean; content: string } | null;
}

/** Split the probe's sections; a missing binary or a kernel without IPVS is a failure message. */
export function parseProbe(stdout: string, bin: string): { ok: true; probe: Probe } | { ok: false; msg: string } {
  const lines = stdout.split('\n');
  const first = lines[0] ?? '';
  if (first === '@@missing') return { ok: false, msg: `${bin} not found on the target (install the ipvsadm package)` };
  if (first.startsWith('@@failed')) {
    const text = lines.slice(1).join('\n').trim();
    if (/Can't initialize ipvs|Protocol not available|IP Virtual Server is built in the kernel/i.test(text))
      return { ok: false, msg: `IPVS is not available in this host's kernel (load the ip_vs module first): ${text.split('\n')[0]}` };
    return { ok: false, msg: `${bin} -S -n failed (rc ${first.split(' ')[1]}): ${text}` };
  }
  const sections = new Map<string, string[]>();
  let name = '';
  let fileHeader = '';
  for (const line of lines) {
    if (line === '@@save' || line === '@@list') name = line;
    else if (line.startsWith('@@file ')) {
      name = '@@file';
      fileHeader = line;
    } else sections.get(name)?.push(line) ?? sections.set(name, [line]);
  }
  const text = (key: string) => (sections.get(key) ?? []).join('\n');
  const saveText = text('@@save').replace(/\n+$/, '\n');
  const current = mergeThresholds(parseSave(saveText), parseList(text('@@list')));
  const [, presence = 'absent', ...path] = fileHeader.split(' ');
  const file = fileHeader ? { path: path.join(' '), present: presence === 'present', content: text('@@file').replace(/\n$/, '') } : null;
  return { ok: true, probe: { current, saveText: saveText.trim() === '' ? '' : saveText, file } };
}

const failed = (msg: string): Plan<IpvsadmSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg } });
const commandLine = (bin: string, argv: string[]) => [bin, ...argv].join(' ');

/** Read the table once, compute the commands, decide whether the save file must be rewritten. */
export async function planIpvsadm(args: IpvsadmArgs, ctx: ModuleContext): Promise<Plan<IpvsadmSteps>> {
  const bin = args.ipvsadm_path ?? 'ipvsadm';
  const out = await ctx.conn.exec(probeScript(args), { become: ctx.become });
  let probe: Probe;
  let change;
  try {
    const parsed = parseProbe(out.stdout, bin);
    if (!parsed.ok) return failed(parsed.msg);
    probe = parsed.probe;
    change = changesFor(probe.current, args);
  } catch (error) {
    if (error instanceof IpvsArgsError) return failed(error.message);
    if (error instanceof IpvsParseError) return failed(`cannot read ${bin} -S -n: ${error.message}`);
    throw error;
  }
  const saveFile = probe.file && (change.commands.length > 0 || !sameTable(probe.file.content, change.after)) ? probe.file.path : null;
  const commands = change.commands.map((c) => commandLine(bin, c));
  const services = servicesResult(change.after);
  if (change.commands.length === 0 && saveFile === null) {
    const reason = probe.file ? `the IPVS table and ${probe.file.path} already match` : 'the IPVS table already matches';
    return { changed: false, reason, result: { changed: false, commands: [], services, ...(probe.file ? { save_file: probe.file.path } : {}) } };
  }
  const diff = [{ before_header: `${bin} -S -n`, after_header: `${bin} -S -n`, before: renderSave(probe.current, true), after: renderSave(change.after, true) }];
  return {
    changed: true,
    steps: { commands: change.commands, saveFile, after: change.after },
    ...(ctx.diff ? { diff } : {}),
    result: { changed: true, commands, services, ...(saveFile ? { save_file: saveFile } : {}) },
  };
}

/** Does the save file already hold this table? Compared parsed, so formatting and order do not matter. */
function sameTable(content: string, after: IpvsService[]): boolean {
  try {
    return renderSave(parseSave(content)) === renderSave(after);
  } catch {
    return false;
  }
}

/** One round trip: every command in order (stop at the first failure), the save, then the table as it now is. */
export function applyScript(bin: string, steps: IpvsadmSteps): string {
  const lines = [PREAMBLE, `b=${shellQuote(bin)}`];
  steps.commands.forEach((argv, i) => lines.push(`"$b" ${argv.map(shellQuote).join(' ')} || { r=$?; echo "@@failed ${i} $r"; exit 0; }`));
  if (steps.saveFile !== null) {
    const f = shellQuote(steps.saveFile);
    lines.push(`t=${f}.tsible.$$; "$b" -S -n > "$t" || { r=$?; rm -f "$t"; echo "@@savefailed $r"; exit 0; }`);
    lines.push(`if [ -f ${f} ]; then chmod --reference=${f} "$t"; chown --reference=${f} "$t"; fi; mv -f "$t" ${f} || { echo "@@savefailed 1"; exit 0; }`);
  }
  lines.push(`echo '@@save'; "$b" -S -n 2>&1`, `echo '@@list'; "$b" -L -n --thresholds 2>&1`);
  return lines.join('\n');
}

export async function applyIpvsadm(steps: IpvsadmSteps, args: IpvsadmArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const bin = args.ipvsadm_path ?? 'ipvsadm';
  const out = await ctx.conn.exec(applyScript(bin, steps), { become: ctx.become });
  const commands = steps.commands.map((c) => commandLine(bin, c));
  const failure = /^@@failed (\d+) (\d+)$/m.exec(out.stdout);
  if (failure) {
    const index = Number(failure[1]);
    const stderr = out.stderr.trim();
    return { changed: index > 0, failed: true, rc: Number(failure[2]), stderr, commands: commands.slice(0, index + 1), msg: `${commands[index]} failed: ${stderr}` };
  }
  const saveFailure = /^@@savefailed (\d+)$/m.exec(out.stdout);
  if (saveFailure) return { changed: true, failed: true, rc: Number(saveFailure[1]), stderr: out.stderr.trim(), commands, msg: `could not save the IPVS table to ${steps.saveFile}: ${out.stderr.trim()}` };
  const parsed = parseProbe(out.stdout, bin);
  const services = parsed.ok ? servicesResult(parsed.probe.current) : servicesResult(steps.after);
  return { changed: true, commands, services, rc: 0, stdout: '', stderr: out.stderr, ...(steps.saveFile ? { save_file: steps.saveFile } : {}) };
}

export const ipvsadm: ModuleDefinition<IpvsadmArgs, IpvsadmSteps> = {
  name: 'tsible.builtin.ipvsadm',
  aliases: ['ipvsadm'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planIpvsadm,
  apply: (plan, args, ctx) => applyIpvsadm(plan.steps, args, ctx),
};
