// What the apt module reads from the target: dpkg-query's status lines and `apt-cache policy`.
import { fnmatchToRegExp } from '../../src/inventory/fnmatch.js';
import { splitLines } from './pkg-output.js';

/** `name=version` (fnmatch on the version) and `name` alike: the package name and the version pattern. */
export function splitSpec(spec: string): { name: string; version: string | null } {
  const eq = spec.indexOf('=');
  return eq < 0 ? { name: spec, version: null } : { name: spec.slice(0, eq), version: spec.slice(eq + 1) };
}

export function fnmatch(pattern: string, text: string): boolean {
  return fnmatchToRegExp(pattern).test(text);
}

export interface DpkgStatus {
  /** installed versions by package name */
  installed: Map<string, string>;
  /** removed packages whose files (conffiles) are still there: a purge removes them (python-apt's has_files) */
  configFiles: Set<string>;
}

/** dpkg-query lines `name<TAB>status-abbrev<TAB>version`. */
export function parseStatus(text: string): DpkgStatus {
  const installed = new Map<string, string>();
  const configFiles = new Set<string>();
  for (const line of text.split('\n')) {
    const [full, status = '', version = ''] = line.split('\t');
    if (!full) continue;
    const name = full.split(':')[0] ?? full;
    if (/^.[iUFWt]/.test(status)) installed.set(name, version);
    else if (/^.c/.test(status)) configFiles.add(name);
  }
  return { installed, configFiles };
}

export interface AptPolicy {
  /** null: apt knows the package but has no version to install */
  candidate: string | null;
  /** every version apt knows, as the version table lists them (highest first) */
  versions: string[];
}

/** `apt-cache policy NAME...`: each package apt knows (an unknown name is left out), its candidate and versions. */
export function parsePolicy(text: string): Map<string, AptPolicy> {
  const out = new Map<string, AptPolicy>();
  let current: AptPolicy | null = null;
  let inTable = false;
  for (const line of text.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head?.[1]) {
      current = { candidate: null, versions: [] };
      out.set(head[1].split(':')[0] ?? head[1], current);
      inTable = false;
      continue;
    }
    if (!current) continue;
    const cand = /^\s+Candidate:\s+(\S+)/.exec(line);
    if (cand?.[1]) current.candidate = cand[1] === '(none)' ? null : cand[1];
    if (/^\s+Version table:/.test(line)) inTable = true;
    const version = inTable ? /^\s*(?:\*\*\* )?(\S+) -?\d+$/.exec(line) : null;
    if (version?.[1]) current.versions.push(version[1]);
  }
  return out;
}

/** package_best_match: with a version pattern, the highest version that matches it; else the candidate. */
export function bestMatch(policy: AptPolicy, version: string | null): string | null {
  if (version === null) return policy.candidate;
  return policy.versions.find((v) => fnmatch(version, v)) ?? null;
}

/** parse_diff: what --diff shows of an apt-get run, from after "Reading state information..." to the "N upgraded" line. */
export function parseDiff(stdout: string): { prepared: string } {
  const lines = splitLines(stdout);
  const start = lines.indexOf('Reading state information...') + 1;
  const end = lines.findIndex((l) => /^[0-9]+ (packages )?upgraded/.test(l));
  return { prepared: lines.slice(start, end < 0 ? lines.length : end + 1).join('\n') };
}
