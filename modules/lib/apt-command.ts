// The apt-get command lines of Ansible's apt module, word for word (its spacing too): they show in a failure's msg.

export interface AptInstallOptions {
  /** the full path of apt-get (get_bin_path) */
  aptGet: string;
  dpkgOptions: string[];
  packages: string[];
  onlyUpgrade?: boolean | undefined;
  force?: boolean | undefined;
  autoremove?: boolean | undefined;
  failOnAutoremove?: boolean | undefined;
  simulate?: boolean | undefined;
  defaultRelease?: string | undefined;
  installRecommends?: boolean | undefined;
  allowUnauthenticated?: boolean | undefined;
  allowDowngrade?: boolean | undefined;
  allowChangeHeldPackages?: boolean | undefined;
}

/** expand_dpkg_options: `-o "Dpkg::Options::=--X"` for each option. */
export function expandDpkgOptions(options: string[]): string {
  return options.map((o) => `-o "Dpkg::Options::=--${o}"`).join(' ');
}

/** Each package as apt.py quotes it: in single quotes, as is. */
export function aptPackageList(packages: string[]): string {
  return packages.map((p) => `'${p}'`).join(' ');
}

/** install()'s cmd: `APT_GET -y OPTS ONLY FIXED FORCE AUTOREMOVE NOREMOVE CHECK install PKGS`, then -t, recommends, allow_*. */
export function aptInstallCommand(o: AptInstallOptions): string {
  const flag = (on: boolean | undefined, word: string): string => (on ? word : '');
  let cmd = [
    o.aptGet,
    '-y',
    expandDpkgOptions(o.dpkgOptions),
    flag(o.onlyUpgrade, '--only-upgrade'),
    '',
    flag(o.force, '--force-yes'),
    flag(o.autoremove, '--auto-remove'),
    flag(o.failOnAutoremove, '--no-remove'),
    flag(o.simulate, '--simulate'),
    'install',
    aptPackageList(o.packages),
  ].join(' ');
  if (o.defaultRelease) cmd += ` -t '${o.defaultRelease}'`;
  if (o.installRecommends === false) cmd += ' -o APT::Install-Recommends=no';
  else if (o.installRecommends === true) cmd += ' -o APT::Install-Recommends=yes';
  if (o.allowUnauthenticated) cmd += ' --allow-unauthenticated';
  if (o.allowDowngrade) cmd += ' --allow-downgrades';
  if (o.allowChangeHeldPackages) cmd += ' --allow-change-held-packages';
  return cmd;
}

export interface AptRemoveOptions {
  aptGet: string;
  dpkgOptions: string[];
  packages: string[];
  purge?: boolean | undefined;
  force?: boolean | undefined;
  autoremove?: boolean | undefined;
  simulate?: boolean | undefined;
}

/** remove()'s cmd: `APT_GET -q -y OPTS PURGE FORCE AUTOREMOVE CHECK remove PKGS`. */
export function aptRemoveCommand(o: AptRemoveOptions): string {
  const flag = (on: boolean | undefined, word: string): string => (on ? word : '');
  return [o.aptGet, '-q', '-y', expandDpkgOptions(o.dpkgOptions), flag(o.purge, '--purge'), flag(o.force, '--force-yes'), flag(o.autoremove, '--auto-remove'), flag(o.simulate, '--simulate'), 'remove', aptPackageList(o.packages)].join(' ');
}

/** The msg of a failed apt-get: install shows its whole command line, remove only `apt-get remove PKGS`. */
export function aptFailureMessage(kind: 'install' | 'remove', cmd: string, packages: string[], stderr: string): string {
  return kind === 'remove' ? `'apt-get remove ${aptPackageList(packages)}' failed: ${stderr}` : `'${cmd}' failed: ${stderr}`;
}
