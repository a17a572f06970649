import { shellQuote } from '../../src/connection/shell-quote.js';

/** The yum/dnf arguments that become dnf command-line options. */
export interface DnfOptionArgs {
  conf_file?: string | undefined;
  installroot?: string | undefined;
  enablerepo: string[];
  disablerepo: string[];
  exclude: string[];
  disable_gpg_check?: boolean | undefined;
  releasever?: string | undefined;
  install_weak_deps?: boolean | undefined;
  nobest?: boolean | undefined;
  autoremove?: boolean | undefined;
  allowerasing?: boolean | undefined;
  cacheonly?: boolean | undefined;
  security?: boolean | undefined;
  bugfix?: boolean | undefined;
}

/** Shell prologue of every dnf round trip: a C locale (dnf's table is parsed) and $DNF, the dnf (or yum4) binary. */
export const DNF_PROLOGUE = [
  'PATH="$PATH:/sbin:/usr/sbin:/usr/local/sbin"; LANG=C; LC_ALL=C; export PATH LANG LC_ALL',
  'DNF=$(command -v dnf || command -v dnf-3 || command -v yum); [ -n "$DNF" ] || { echo "@@nodnf"; exit 0; }',
].join('\n');

/**
 * dnf options with _configure_base's and _specify_repositories' meaning (the transaction table stays: it is parsed): repositories are disabled before they are
 * enabled, Ansible's clean_requirements_on_remove (= autoremove) and install_weak_deps.
 */
export function dnfOptions(a: DnfOptionArgs): string[] {
  const o: string[] = [`--setopt=clean_requirements_on_remove=${a.autoremove ? 'True' : 'False'}`];
  if (a.conf_file) o.push('-c', a.conf_file);
  if (a.installroot && a.installroot !== '/') o.push(`--installroot=${a.installroot}`);
  for (const r of a.disablerepo) o.push(`--disablerepo=${r}`);
  for (const r of a.enablerepo) o.push(`--enablerepo=${r}`);
  for (const x of a.exclude) o.push(`--exclude=${x}`);
  if (a.disable_gpg_check) o.push('--nogpgcheck');
  if (a.releasever !== undefined && a.releasever !== null && a.releasever !== '') o.push(`--releasever=${a.releasever}`);
  if (a.install_weak_deps === false) o.push('--setopt=install_weak_deps=False');
  if (a.nobest) o.push('--nobest');
  if (a.allowerasing) o.push('--allowerasing');
  if (a.cacheonly) o.push('--cacheonly');
  if (a.security) o.push('--security');
  if (a.bugfix) o.push('--bugfix');
  return o;
}

/** `"$DNF" OPTIONS...` with every option quoted for sh. */
export function dnfCommand(a: DnfOptionArgs): string {
  return ['"$DNF"', ...dnfOptions(a).map(shellQuote)].join(' ');
}

/** Output of a marked script, cut at its `@@name` lines: each section's text under its name (first word after @@). */
export function splitSections(stdout: string): { name: string; arg: string; text: string }[] {
  const out: { name: string; arg: string; text: string }[] = [];
  let current: { name: string; arg: string; lines: string[] } | null = null;
  for (const line of stdout.split('\n')) {
    const m = /^@@(\S+)(?: (.*))?$/.exec(line);
    if (m) {
      if (current) out.push({ name: current.name, arg: current.arg, text: current.lines.join('\n') });
      current = { name: m[1] ?? '', arg: m[2] ?? '', lines: [] };
      continue;
    }
    current?.lines.push(line);
  }
  if (current) out.push({ name: current.name, arg: current.arg, text: current.lines.join('\n') });
  return out;
}
