import { shellQuote } from '../../src/connection/shell-quote.js';

/** rpm query format giving one `name<TAB>[epoch:]version-release<TAB>arch` line per installed package. */
export const RPM_QF = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\n";

export interface InstalledRpm {
  name: string;
  evr: string;
  arch: string;
}

/** `rpm -qa` of every installed package, in the query format parseInstalled reads. */
export function rpmQueryAll(root: string): string {
  const r = root !== '/' && root !== '' ? ` --root=${shellQuote(root)}` : '';
  return `rpm -qa${r} --qf ${shellQuote(RPM_QF)} 2>/dev/null`;
}

/** Lines printed by rpmQueryAll. */
export function parseInstalled(text: string): InstalledRpm[] {
  const out: InstalledRpm[] = [];
  for (const line of text.split('\n')) {
    const [name, evr, arch] = line.split('\t');
    if (name && evr && arch) out.push({ name, evr, arch });
  }
  return out;
}

/** One shell test: is a package matching SPEC installed (a glob goes through `rpm -qa`, anything else `rpm -q`). */
export function rpmInstalledTest(spec: string, root: string): string {
  const r = root !== '/' && root !== '' ? ` --root=${shellQuote(root)}` : '';
  if (/[*?[]/.test(spec)) return `[ -n "$(rpm -qa${r} ${shellQuote(spec)} 2>/dev/null)" ]`;
  // rpm -q also answers for name.arch, name-version and name-version-release; --whatprovides for a capability
  return `{ rpm -q${r} ${shellQuote(spec)} >/dev/null 2>&1 || rpm -q${r} --whatprovides ${shellQuote(spec)} >/dev/null 2>&1; }`;
}
