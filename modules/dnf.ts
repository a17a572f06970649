import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { listifyCommaSep } from './lib/pkg-names.js';
import { DNF_PROLOGUE, dnfCommand, type DnfOptionArgs, splitSections } from './lib/rpm-dnf-command.js';
import { parseInstalled, rpmInstalledTest, rpmQueryAll, type InstalledRpm } from './lib/rpm-query.js';
import { nevra, parseDnfResolution, type TransactionRow } from './lib/rpm-transaction.js';

export interface DnfArgs {
  name?: unknown;
  pkg?: unknown;
  list?: string;
  state?: 'absent' | 'installed' | 'latest' | 'present' | 'removed';
  update_cache?: boolean;
  'expire-cache'?: boolean;
  enablerepo?: unknown;
  disablerepo?: unknown;
  exclude?: unknown;
  conf_file?: string;
  installroot?: string;
  disable_gpg_check?: boolean;
  releasever?: string;
  install_weak_deps?: boolean;
  autoremove?: boolean;
  allow_downgrade?: boolean;
  nobest?: boolean;
  allowerasing?: boolean;
  cacheonly?: boolean;
  security?: boolean;
  bugfix?: boolean;
  skip_broken?: boolean;
  update_only?: boolean;
  download_only?: boolean;
}

/** One dnf command of the plan: install / upgrade / remove of the specs that need it. */
export interface DnfCommandStep {
  verb: 'install' | 'upgrade' | 'remove';
  specs: string[];
}

export interface DnfSteps {
  commands: DnfCommandStep[];
  /** rpm -qa before the change: what `Removed:` results are read against */
  before: InstalledRpm[];
  results: string[];
}

/** yumdnf_argument_spec plus dnf's own allowerasing and nobest (all of them accepted, as Ansible does). */
export const dnfSchema = {
  type: 'object',
  properties: {
    allow_downgrade: { type: 'boolean', default: false },
    autoremove: { type: 'boolean', default: false },
    bugfix: { type: 'boolean', default: false },
    cacheonly: { type: 'boolean', default: false },
    conf_file: { type: 'string' },
    disable_excludes: { type: 'string' },
    disable_gpg_check: { type: 'boolean', default: false },
    disable_plugin: { type: 'array', items: { type: 'string' }, default: [] },
    disablerepo: { type: 'array', items: { type: 'string' }, default: [] },
    download_only: { type: 'boolean', default: false },
    download_dir: { type: 'string' },
    enable_plugin: { type: 'array', items: { type: 'string' }, default: [] },
    enablerepo: { type: 'array', items: { type: 'string' }, default: [] },
    exclude: { type: 'array', items: { type: 'string' }, default: [] },
    installroot: { type: 'string', default: '/' },
    install_repoquery: { type: 'boolean', default: true },
    install_weak_deps: { type: 'boolean', default: true },
    list: { type: 'string' },
    name: { type: 'array', items: { type: 'string' }, default: [] },
    pkg: { type: 'array', items: { type: 'string' } },
    releasever: { type: 'string' },
    security: { type: 'boolean', default: false },
    skip_broken: { type: 'boolean', default: false },
    state: { enum: ['absent', 'installed', 'latest', 'present', 'removed'] },
    update_cache: { type: 'boolean', default: false },
    'expire-cache': { type: 'boolean' },
    update_only: { type: 'boolean', default: false },
    validate_certs: { type: 'boolean', default: true },
    sslverify: { type: 'boolean', default: true },
    lock_timeout: { type: 'integer', default: 30 },
    allowerasing: { type: 'boolean', default: false },
    nobest: { type: 'boolean', default: false },
  },
  additionalProperties: false,
} as const;

const CHECK_MSG = 'Check mode: No changes made, but would have if not in check mode';

const fail = (msg: unknown, extra: ModuleResult = {}): Plan<DnfSteps> => ({ changed: false, reason: String(msg), result: { failed: true, msg, results: [], ...extra } });

function optionArgs(a: DnfArgs): DnfOptionArgs {
  return {
    conf_file: a.conf_file,
    installroot: a.installroot,
    enablerepo: listifyCommaSep(a.enablerepo),
    disablerepo: listifyCommaSep(a.disablerepo),
    exclude: listifyCommaSep(a.exclude),
    disable_gpg_check: a.disable_gpg_check,
    releasever: a.releasever,
    install_weak_deps: a.install_weak_deps,
    nobest: a.nobest,
    autoremove: a.autoremove,
    allowerasing: a.allowerasing,
    cacheonly: a.cacheonly,
    security: a.security,
    bugfix: a.bugfix,
  };
}

/** Results as the dnf module lists them: the transaction's install set, then its remove set. */
export function transactionResults(rows: TransactionRow[], before: InstalledRpm[]): string[] {
  const installed: string[] = [];
  const removed: string[] = [];
  for (const row of rows) {
    if (row.action === 'remove') removed.push(`Removed: ${nevra(row)}`);
    else {
      installed.push(`Installed: ${nevra(row)}`);
      // an upgrade (or downgrade) takes the installed versions of that name out
      if (row.action !== 'reinstall') for (const old of before.filter((p) => p.name === row.name && p.arch === row.arch)) removed.push(`Removed: ${nevra(old)}`);
    }
  }
  return [...installed, ...removed];
}

/** What changed between two rpm -qa listings, in the same words. */
export function rpmDiffResults(before: InstalledRpm[], after: InstalledRpm[]): string[] {
  const key = (p: InstalledRpm) => nevra(p);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return [...after.filter((p) => !had.has(key(p))).map((p) => `Installed: ${key(p)}`), ...before.filter((p) => !has.has(key(p))).map((p) => `Removed: ${key(p)}`)];
}

/** The specs each dnf command gets: present installs what rpm does not have, latest upgrades what it has, absent removes what it has. */
function commandScript(names: string[], state: 'present' | 'latest' | 'absent', root: string, dnf: string): string {
  const lines: string[] = [];
  const group = (verb: DnfCommandStep['verb'], select: (test: string, q: string) => string): void => {
    lines.push('set --');
    for (const spec of names) lines.push(select(rpmInstalledTest(spec, root), shellQuote(spec)));
    lines.push(`if [ $# -gt 0 ]; then echo "@@specs ${verb}"; printf '%s\\n' "$@"; echo "@@dnf ${verb}"; ${dnf} --assumeno ${verb} "$@" 2>&1; echo "@@rc $?"; fi`);
  };
  if (state === 'absent') {
    // a glob goes to dnf as it is (dnf says whether it matches anything installed)
    group('remove', (test, q) => (/[*?[]/.test(q) ? `set -- "$@" ${q}` : `${test} && set -- "$@" ${q}`));
  } else if (state === 'latest' && names.length === 1 && names[0] === '*') {
    lines.push(`echo "@@specs upgrade"; echo "@@dnf upgrade"; ${dnf} --assumeno upgrade 2>&1; echo "@@rc $?"`);
  } else if (state === 'latest') {
    group('upgrade', (test, q) => (/[*?[]/.test(q) ? `set -- "$@" ${q}` : `${test} && set -- "$@" ${q}`));
    group('install', (test, q) => (/[*?[]/.test(q) ? `:` : `${test} || set -- "$@" ${q}`));
  } else {
    // a glob is never "installed" to the dnf module (hawkey's name filter is literal): dnf decides
    group('install', (test, q) => (/[*?[]/.test(q) ? `set -- "$@" ${q}` : `${test} || set -- "$@" ${q}`));
  }
  return lines.join('\n');
}

/** The dnf module's ensure(), read-only: rpm says what is installed, `dnf --assumeno` resolves what would change. One round trip. */
export async function planDnf(given: DnfArgs, ctx: ModuleContext): Promise<Plan<DnfSteps>> {
  const raw = given as DnfArgs & Record<string, unknown>;
  const names = listifyCommaSep(raw.name ?? raw.pkg).map((s) => s.trim());
  const nameGiven = (raw.name !== undefined && !(Array.isArray(raw.name) && raw.name.length === 0)) || raw.pkg !== undefined;
  const updateCache = given.update_cache === true || raw['expire-cache'] === true;
  if (nameGiven && given.list !== undefined) return fail('parameters are mutually exclusive: name|list');
  if (!nameGiven && given.list === undefined && raw.update_cache === undefined && raw['expire-cache'] === undefined) return fail('one of the following is required: name, list, update_cache');
  if (given.list !== undefined) return fail('list is not supported by tsible\'s dnf module (use `dnf list` with command)');
  for (const n of names) {
    if (n.includes(' ') && !['@', '>', '<', '='].some((c) => n.includes(c))) {
      return fail('It appears that a space separated string of packages was passed in as an argument. To operate on several packages, pass a comma separated string of packages or a list of packages.');
    }
  }
  const group = names.find((n) => n.startsWith('@'));
  if (group !== undefined) return fail(`package groups and modules (${group}) are not supported by tsible's dnf module`);
  const stateArg = given.state ?? (given.autoremove ? 'absent' : 'installed');
  const state = stateArg === 'installed' ? 'present' : stateArg === 'removed' ? 'absent' : stateArg;
  const root = given.installroot ?? '/';
  const opts = optionArgs(given);
  const dnf = dnfCommand(opts);
  const script = [DNF_PROLOGUE];
  if (updateCache) script.push(`echo "@@makecache"; ${dnf} makecache --refresh 2>&1; echo "@@rc $?"`);
  if (names.length > 0) {
    script.push(`echo "@@rpm"; ${rpmQueryAll(root)}`);
    script.push(commandScript(names, state, root, dnf));
  }
  const out = await ctx.conn.exec(script.join('\n'), { become: ctx.become });
  const sections = splitSections(out.stdout);
  if (sections.some((s) => s.name === 'nodnf')) return fail('Could not find dnf (or yum) on the target: tsible drives the dnf command line', { rc: 1 });
  const makecache = sections.findIndex((s) => s.name === 'makecache');
  if (makecache >= 0 && sections[makecache + 1]?.arg !== '0') {
    return fail(lastErrorLine(sections[makecache]?.text ?? out.stderr) || 'Failed to update the cache', { rc: 1 });
  }
  if (names.length === 0) return { changed: false, reason: 'cache updated', result: { msg: 'Cache updated', changed: false, results: [], rc: 0 } };

  const before = parseInstalled(sections.find((s) => s.name === 'rpm')?.text ?? '');
  const commands: DnfCommandStep[] = [];
  const rows: TransactionRow[] = [];
  const failures: string[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (s?.name !== 'specs') continue;
    const verb = s.arg as DnfCommandStep['verb'];
    const specs = s.text.split('\n').filter((l) => l !== '');
    const resolved = parseDnfResolution(sections[i + 1]?.text ?? '');
    const rc = sections[i + 2]?.arg ?? '';
    for (const miss of resolved.noMatch) {
      // removing something that is not there is no failure (_sanitize_dnf_error_msg_remove)
      if (verb !== 'remove') failures.push(`No package ${miss} available.`);
    }
    const aborted = rc === '1' && resolved.rows.length > 0;
    if (rc !== '0' && !aborted && resolved.noMatch.length === 0) {
      return fail(`Depsolve Error occurred: ${resolved.errors.join('; ') || lastErrorLine(sections[i + 1]?.text ?? '')}`, { failures: [], rc: 1 });
    }
    // _mark_package_install case 4: a versioned spec older than what is installed is left alone without allow_downgrade
    const downgrades = given.allow_downgrade === true ? [] : resolved.rows.filter((r) => r.action === 'downgrade').map((r) => r.name);
    const keptRows = resolved.rows.filter((r) => !downgrades.includes(r.name));
    const wanted = specs.filter((spec) => !resolved.noMatch.includes(spec) && !downgrades.some((n) => spec.startsWith(`${n}-`)));
    if (keptRows.length > 0 && (wanted.length > 0 || specs.length === 0)) {
      commands.push({ verb, specs: verb === 'upgrade' && names[0] === '*' && names.length === 1 ? [] : wanted });
      rows.push(...keptRows);
    }
  }
  if (rows.length === 0) {
    if (failures.length > 0) return fail('Failed to install some of the specified packages', { failures, rc: 1 });
    return { changed: false, reason: 'every package is already as asked', result: { msg: 'Nothing to do', changed: false, results: [], rc: 0 } };
  }
  const results = transactionResults(rows, before);
  if (failures.length > 0) return fail('Failed to install some of the specified packages', { failures, rc: 1 });
  return { changed: true, steps: { commands, before, results }, result: { msg: '', changed: true, results, rc: 0 } };
}

function lastErrorLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.filter((l) => l.startsWith('Error')).pop() ?? lines.pop() ?? '';
}

/** Run the planned dnf commands (-y), then report what rpm says changed. One round trip. */
export async function applyDnf(steps: DnfSteps, args: DnfArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const dnf = dnfCommand(optionArgs(args));
  const root = args.installroot ?? '/';
  const script = [DNF_PROLOGUE];
  for (const c of steps.commands) {
    const strict = c.verb === 'remove' ? '' : ' --setopt=strict=0';
    script.push(`echo "@@run ${c.verb}"; ${dnf} -y${strict} ${c.verb} ${c.specs.map(shellQuote).join(' ')} 2>&1; echo "@@rc $?"`);
  }
  script.push(`echo "@@rpm"; ${rpmQueryAll(root)}`);
  const out = await ctx.conn.exec(script.join('\n'), { become: ctx.become });
  const sections = splitSections(out.stdout);
  const after = parseInstalled(sections.find((s) => s.name === 'rpm')?.text ?? '');
  const results = rpmDiffResults(steps.before, after);
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (s?.name === 'run' && sections[i + 1]?.arg !== '0') {
      return { changed: results.length > 0, failed: true, msg: `Unknown Error occurred: ${lastErrorLine(s.text)}`, failures: [], results, rc: 1 };
    }
  }
  // the resolved order reads like dnf's table; rpm's own listing is the truth when they differ
  const same = results.length === steps.results.length && results.every((r) => steps.results.includes(r));
  return { msg: '', changed: true, results: same || results.length === 0 ? steps.results : results, rc: 0 };
}

export const dnfModule: ModuleDefinition<DnfArgs, DnfSteps> = {
  name: 'ansible.builtin.dnf',
  aliases: ['dnf', 'ansible.legacy.dnf'],
  freeForm: false,
  output: 'json',
  schema: dnfSchema,
  plan: planDnf,
  apply: (plan, args, ctx) => applyDnf(plan.steps, args, ctx),
  checkResult: (plan) => ({ msg: CHECK_MSG, changed: true, results: plan.steps.results, rc: 0 }),
};
