import { shellQuote } from '../src/connection/shell-quote.js';
import type { ChangePlan, ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { splitLines } from './lib/pkg-output.js';
import { listifyCommaSep } from './lib/pkg-names.js';
import { splitSections } from './lib/rpm-dnf-command.js';
import { bestMatch, fnmatch, parseDiff, parsePolicy, parseStatus, splitSpec } from './lib/apt-query.js';
import { aptFailureMessage, aptInstallCommand, aptRemoveCommand } from './lib/apt-command.js';

export interface AptArgs {
  name?: string[];
  state?: 'absent' | 'build-dep' | 'latest' | 'present' | 'fixed' | 'installed' | 'removed';
  deb?: string;
  update_cache?: boolean;
  cache_valid_time?: number;
  purge?: boolean;
  autoremove?: boolean;
  install_recommends?: boolean;
  dpkg_options?: string;
  force?: boolean;
  only_upgrade?: boolean;
  default_release?: string;
}

/** One apt-get / dpkg command line to run, and how its result is reported. */
export interface AptSteps {
  /** update_cache asked and the cache is older than cache_valid_time: apt-get update runs first */
  updateCache: boolean;
  /** nothing but the cache update was asked for: its result decides `changed` */
  updateOnly: boolean;
  command: string | null;
  /** the same command as check mode runs it (apt-get --simulate, dpkg --simulate): what it would do, changing nothing */
  simulated: string | null;
  /** Ansible reports install results with the cache keys, removals without */
  withCacheKeys: boolean;
  /** how a failure names the command: install shows it whole, remove as `apt-get remove PKGS` */
  failure?: { kind: 'install' | 'remove'; packages: string[] } | undefined;
  cacheUpdateTime: number;
}

const schema = {
  type: 'object',
  properties: {
    name: { type: 'array', items: { type: 'string' } },
    package: { type: 'array', items: { type: 'string' } },
    pkg: { type: 'array', items: { type: 'string' } },
    state: { enum: ['absent', 'build-dep', 'latest', 'present', 'fixed'], default: 'present' },
    deb: { type: 'string' },
    update_cache: { type: 'boolean' },
    'update-cache': { type: 'boolean' },
    update_cache_retries: { type: 'integer', default: 5 },
    update_cache_retry_max_delay: { type: 'integer', default: 12 },
    cache_valid_time: { type: 'integer', default: 0 },
    purge: { type: 'boolean', default: false },
    autoremove: { type: 'boolean', default: false },
    autoclean: { type: 'boolean', default: false },
    install_recommends: { type: 'boolean' },
    'install-recommends': { type: 'boolean' },
    dpkg_options: { type: 'string', default: 'force-confdef,force-confold' },
    force: { type: 'boolean', default: false },
    force_apt_get: { type: 'boolean', default: false },
    only_upgrade: { type: 'boolean', default: false },
    default_release: { type: 'string' },
    'default-release': { type: 'string' },
    allow_unauthenticated: { type: 'boolean', default: false },
    allow_downgrade: { type: 'boolean', default: false },
    allow_change_held_packages: { type: 'boolean', default: false },
    fail_on_autoremove: { type: 'boolean', default: false },
    policy_rc_d: { type: 'integer' },
    lock_timeout: { type: 'integer', default: 60 },
    clean: { type: 'boolean', default: false },
    upgrade: { enum: ['dist', 'full', 'no', 'safe', 'yes'] },
  },
  additionalProperties: false,
} as const;

const PROLOGUE = 'PATH="$PATH:/sbin:/usr/sbin:/usr/local/sbin"; LANG=C; LC_ALL=C; DEBIAN_FRONTEND=noninteractive; export PATH LANG LC_ALL DEBIAN_FRONTEND';
const CACHE_TIME = 'echo "@@aptget"; command -v apt-get || echo apt-get; echo "@@now"; date +%s; echo "@@cachetime"; stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists 2>/dev/null || echo 0';

/** apt: dpkg-query (and dpkg-deb -f for a .deb, apt-cache policy for latest) decide in one round trip; apt-get or dpkg -i act. */
export async function planApt(given: AptArgs, ctx: ModuleContext): Promise<Plan<AptSteps>> {
  const raw = given as AptArgs & Record<string, unknown>;
  const failWith = (msg: string): Plan<AptSteps> => ({ changed: false, reason: msg, result: { failed: true, msg } });
  const names = listifyCommaSep(raw.name ?? raw.package ?? raw.pkg);
  const state = given.state === undefined ? 'present' : given.state === 'installed' ? 'present' : given.state === 'removed' ? 'absent' : given.state;
  const updateCache = raw.update_cache === true || raw['update-cache'] === true;
  const debs = given.deb === undefined ? [] : listifyCommaSep(given.deb);
  if (names.length === 0 && debs.length === 0 && !updateCache && raw.upgrade === undefined && raw.autoremove !== true && raw.autoclean !== true && raw.clean !== true) {
    return failWith('one of the following is required: name, package, pkg, deb, upgrade, update_cache, autoremove, autoclean');
  }
  if (names.length > 0 && debs.length > 0) return failWith('parameters are mutually exclusive: deb|package|upgrade');
  if (debs.length > 0 && state !== 'present') return failWith('deb only supports state=present');
  if (state === 'build-dep' || state === 'fixed' || (raw.upgrade !== undefined && raw.upgrade !== 'no')) return failWith(`tsible's apt module does not support ${state === 'present' ? 'upgrade' : `state=${state}`}`);
  if (debs.some((d) => d.includes('://'))) return failWith("tsible's apt module installs a .deb already on the host (deb= a path, not a URL)");

  const script = [PROLOGUE, CACHE_TIME];
  debs.forEach((deb, i) => script.push(`echo "@@deb ${i}"; dpkg-deb -f ${shellQuote(deb)} Package Version 2>&1; echo "@@rc $?"`));
  const debNamesAt = script.length;
  const queryNames = names.map((n) => splitSpec(n).name);
  if (queryNames.length > 0) script.push(`echo "@@status"; dpkg-query -W -f='\${Package}\\t\${db:Status-Abbrev}\\t\${Version}\\n' ${queryNames.map(shellQuote).join(' ')} 2>/dev/null; :`);
  if (state !== 'absent' && queryNames.length > 0) script.push(`echo "@@policy"; apt-cache policy ${queryNames.map(shellQuote).join(' ')} 2>/dev/null; :`);
  // a .deb's own package is queried in the same round trip, once dpkg-deb named it
  if (debs.length > 0) script.splice(debNamesAt, 0, `echo "@@debstatus"; for f in ${debs.map(shellQuote).join(' ')}; do n=$(dpkg-deb -f "$f" Package 2>/dev/null) && dpkg-query -W -f='\${Package}\\t\${db:Status-Abbrev}\\t\${Version}\\n' "$n" 2>/dev/null; done; :`);
  const out = await ctx.conn.exec(script.join('\n'), { become: ctx.become });
  const sections = splitSections(out.stdout);
  const text = (name: string): string => sections.find((s) => s.name === name)?.text ?? '';
  const cacheUpdateTime = Number(text('cachetime').trim()) || 0;
  const dpkgOptions = (given.dpkg_options ?? 'force-confdef,force-confold').split(',').filter(Boolean);
  const now = Number(text('now').trim()) || 0;
  const validFor = Number(raw.cache_valid_time ?? 0) || 0;
  // cache_valid_time alone also asks for an update when the cache is older (as Ansible reads it)
  const needUpdate = (updateCache || validFor > 0) && !(validFor > 0 && cacheUpdateTime + validFor >= now);
  const steps = (command: string | null, withCacheKeys: boolean, simulated: string | null = null): AptSteps => ({ updateCache: needUpdate, updateOnly: false, command, simulated, withCacheKeys, cacheUpdateTime });
  const cacheKeys = { cache_updated: false, cache_update_time: cacheUpdateTime };
  if (names.length === 0 && debs.length === 0) {
    if (!needUpdate) return { changed: false, reason: 'the cache is recent enough', result: { changed: false, ...cacheKeys } };
    return { changed: true, steps: { ...steps(null, true), updateOnly: true }, result: { changed: true, cache_updated: true, cache_update_time: cacheUpdateTime } };
  }

  if (debs.length > 0) {
    const { installed } = parseStatus(text('debstatus'));
    const toInstall: string[] = [];
    for (let i = 0; i < debs.length; i++) {
      const idx = sections.findIndex((s) => s.name === 'deb' && s.arg === String(i));
      const fields = sections[idx]?.text ?? '';
      if (sections[idx + 1]?.arg !== '0') return failWith(`Unable to install package: ${fields.trim()}`);
      const [pkgName = '', pkgVersion = ''] = fields.split('\n').map((l) => l.replace(/^\w+:\s*/, '').trim());
      if (installed.get(pkgName) === pkgVersion) continue;
      toInstall.push(debs[i] as string);
    }
    if (toInstall.length === 0 && !needUpdate) return { changed: false, reason: 'the .deb version is installed', result: { changed: false, stdout: '', stderr: '', diff: '' } };
    const dpkg = (simulate: boolean): string => `dpkg ${dpkgOptions.map((o) => `--${o}`).join(' ')}${simulate ? ' --simulate' : ''}${given.force ? ' --force-all' : ''} -i ${toInstall.map(shellQuote).join(' ')}`;
    return { changed: true, steps: steps(toInstall.length > 0 ? dpkg(false) : null, false, toInstall.length > 0 ? dpkg(true) : null), result: { changed: true } };
  }

  const { installed, configFiles } = parseStatus(text('status'));
  const aptGet = text('aptget').trim() || 'apt-get';
  if (state === 'absent') {
    // a removed package's leftover conffiles count for a purge
    const remove = names.filter((n) => installed.has(splitSpec(n).name) || (given.purge === true && configFiles.has(splitSpec(n).name)));
    if (remove.length === 0 && !needUpdate) return { changed: false, reason: 'none of the packages is installed', result: { changed: false } };
    if (remove.length === 0) return { changed: true, steps: steps(null, false), result: { changed: false } };
    const removeCmd = (simulate: boolean): string => aptRemoveCommand({ aptGet, dpkgOptions, packages: remove, purge: given.purge, force: given.force, autoremove: given.autoremove, simulate });
    return { changed: true, steps: { ...steps(removeCmd(false), false, removeCmd(true)), failure: { kind: 'remove', packages: remove } }, result: { changed: true } };
  }
  const policies = parsePolicy(text('policy'));
  const install: string[] = [];
  // in Ansible's order: the first package apt cannot install fails the task before anything runs
  for (const spec of names) {
    const { name, version } = splitSpec(spec);
    const policy = policies.get(name);
    const have = installed.get(name);
    // a name apt does not know at all (a glob is expanded by apt-get itself)
    if (!policy && !/[*?[]/.test(name)) return failWith(`No package matching '${name}' is available`);
    // only_upgrade leaves a package that is not installed alone
    if (have === undefined && given.only_upgrade === true) continue;
    const best = policy ? bestMatch(policy, version) : null;
    const haveMatches = have !== undefined && (version === null || fnmatch(version, have));
    if (policy && !haveMatches && best === null) {
      const msg = `no available installation candidate for ${spec}`;
      return { changed: false, reason: msg, result: { failed: true, msg, ...cacheKeys } };
    }
    if (have === undefined || !haveMatches || (state === 'latest' && best !== null && best !== have)) {
      // like apt.py, a package apt knows goes to apt-get as name=the version it picked
      install.push(best !== null ? `${name}=${best}` : spec);
    }
  }
  if (install.length === 0 && !needUpdate) return { changed: false, reason: 'every package is installed', result: { changed: false, ...cacheKeys } };
  if (install.length === 0) return { changed: true, steps: steps(null, true), result: { changed: false, cache_updated: true, cache_update_time: cacheUpdateTime } };
  const recommends = raw.install_recommends ?? raw['install-recommends'];
  const installCmd = (simulate: boolean): string =>
    aptInstallCommand({
      aptGet,
      dpkgOptions,
      packages: install,
      onlyUpgrade: given.only_upgrade,
      force: given.force,
      autoremove: given.autoremove,
      failOnAutoremove: raw.fail_on_autoremove === true,
      simulate,
      defaultRelease: given.default_release ?? (raw['default-release'] as string | undefined),
      installRecommends: recommends as boolean | undefined,
      allowUnauthenticated: raw.allow_unauthenticated === true,
      allowDowngrade: raw.allow_downgrade === true,
      allowChangeHeldPackages: raw.allow_change_held_packages === true,
    });
  return { changed: true, steps: { ...steps(installCmd(false), true, installCmd(true)), failure: { kind: 'install', packages: install } }, result: { changed: true, ...cacheKeys } };
}

/** Update the cache if asked, then run the one command; results in Ansible's keys. One round trip. */
export async function applyApt(steps: AptSteps, ctx: ModuleContext): Promise<ModuleResult> {
  const script = [PROLOGUE];
  if (steps.updateCache) script.push('echo "@@update"; apt-get update -q 2>&1; echo "@@rc $?"');
  // the echo after each output ends its last line, so the section keeps the output exactly (a final newline too)
  if (steps.command) script.push(`echo "@@run"; { ${steps.command}; } 2>"\${TMPDIR:-/tmp}/.tsible-apt-err.$$"; rc=$?; echo; echo "@@rc $rc"; echo "@@stderr"; cat "\${TMPDIR:-/tmp}/.tsible-apt-err.$$"; echo; rm -f "\${TMPDIR:-/tmp}/.tsible-apt-err.$$"`);
  script.push(CACHE_TIME);
  const out = await ctx.conn.exec(script.join('\n'), { become: ctx.become });
  const sections = splitSections(out.stdout);
  const at = (name: string): number => sections.findIndex((s) => s.name === name);
  const cacheTime = Number(sections[at('cachetime')]?.text.trim()) || steps.cacheUpdateTime;
  const update = at('update');
  // python-apt's cache.update() fails when any index fails to download; apt-get update only warns
  const updateText = sections[update]?.text ?? '';
  if (update >= 0 && (sections[update + 1]?.arg !== '0' || /^(E: |W: Failed to fetch|W: Some index files failed to download)/m.test(updateText))) {
    return { changed: false, failed: true, msg: `Failed to update apt cache: ${updateText.split('\n').filter((l) => /^[EW]: /.test(l)).join('\n') || 'unknown reason'}` };
  }
  const cacheKeys = { cache_updated: update >= 0 && cacheTime !== steps.cacheUpdateTime, cache_update_time: cacheTime };
  const run = at('run');
  if (run < 0) return { changed: steps.updateOnly && cacheKeys.cache_updated, ...cacheKeys };
  const stdout = sections[run]?.text ?? '';
  const stderr = sections[at('stderr')]?.text ?? '';
  const rc = Number(sections[run + 1]?.arg ?? '1');
  const lines = { stdout, stderr, stdout_lines: splitLines(stdout), stderr_lines: splitLines(stderr) };
  if (rc !== 0) {
    const msg = steps.failure ? aptFailureMessage(steps.failure.kind, steps.command ?? '', steps.failure.packages, stderr) : `'${steps.command}' failed: ${stderr}`;
    return { changed: false, failed: true, msg, rc, ...lines };
  }
  // apt-get runs report what they did as the diff; dpkg -i of a .deb does not
  const diff = /^\S*apt-get /.test(steps.command ?? '') ? { diff: parseDiff(stdout) } : {};
  return { changed: true, ...lines, ...diff, ...(steps.withCacheKeys ? cacheKeys : {}) };
}

/**
 * Check mode: the command runs with --simulate, as Ansible's does, so -v shows what apt would do (stdout, stdout_lines,
 * and the diff). Check mode never updates the cache; Ansible counts it as updated.
 */
export async function checkApt(plan: ChangePlan<AptSteps>, _args: AptArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const changed = plan.steps.command !== null || plan.steps.updateOnly;
  if (plan.steps.simulated === null) return { ...plan.result, changed };
  const simulated = await applyApt({ ...plan.steps, updateCache: false, command: plan.steps.simulated, withCacheKeys: false }, ctx);
  return { ...plan.result, ...simulated };
}

export const apt: ModuleDefinition<AptArgs, AptSteps> = {
  name: 'ansible.builtin.apt',
  aliases: ['apt', 'ansible.legacy.apt'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planApt,
  apply: (plan, _args, ctx) => applyApt(plan.steps, ctx),
  checkResult: checkApt,
};
