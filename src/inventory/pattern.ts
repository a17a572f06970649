import { readFileSync, statSync } from 'node:fs';
import { fnmatchToRegExp } from './fnmatch.js';
import { groupHosts } from './host-vars.js';
import { implicitLocalhost } from './implicit-localhost.js';
import { LOCALHOST_NAMES } from './inventory-data.js';
import { compilePythonMatch } from './python-regex.js';
import { splitHostPattern } from './split-host-pattern.js';
import type { Host, Inventory, Warn } from './types.js';

/** A host pattern that cannot be applied (bad regex, subscript past the end, missing limit file). */
export class HostPatternError extends Error {
  override name = 'HostPatternError';
}

// `pattern[3]`, `pattern[-1]`, `pattern[1:3]`, `pattern[1:]` (and the removed `[1-3]` form)
const SUBSCRIPT_RE = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/s;

type Subscript = { start: number; end: number | undefined };

/** Plain patterns first, then `&` intersections, then `!` exclusions, whatever the written order. */
function orderPatterns(patterns: string[]): string[] {
  const nonEmpty = patterns.filter((p) => p);
  const regular = nonEmpty.filter((p) => p[0] !== '!' && p[0] !== '&');
  const intersect = nonEmpty.filter((p) => p[0] === '&');
  const exclude = nonEmpty.filter((p) => p[0] === '!');
  return [...(regular.length > 0 ? regular : ['all']), ...intersect, ...exclude];
}

function splitSubscript(pattern: string, warn: Warn): [string, Subscript | undefined] {
  if (pattern[0] === '~') return [pattern, undefined];
  const m = SUBSCRIPT_RE.exec(pattern);
  if (!m) return [pattern, undefined];
  const [, expr, idx, start, sep, end] = m;
  if (idx !== undefined) return [expr as string, { start: Number(idx), end: undefined }];
  if (sep === '-') warn('Use [x:y] inclusive subscripts instead of [x-y] which has been removed');
  return [expr as string, { start: Number(start), end: end ? Number(end) : -1 }];
}

/** Python's `hosts[start:end + 1]` or `[hosts[start]]` (an end of 0 counts as "no end", a quirk kept). */
function applySubscript(hosts: Host[], sub: Subscript | undefined, pattern: string): Host[] {
  if (hosts.length === 0 || !sub) return hosts;
  if (sub.end) {
    const end = sub.end === -1 ? hosts.length - 1 : sub.end;
    return hosts.slice(sub.start, end + 1);
  }
  const index = sub.start < 0 ? hosts.length + sub.start : sub.start;
  const host = hosts[index];
  if (!host) throw new HostPatternError(`No hosts matched the subscripted pattern '${pattern}'`);
  return [host];
}

function matcher(pattern: string): RegExp {
  const re = pattern[0] === '~' ? compilePythonMatch(pattern.slice(1)) : fnmatchToRegExp(pattern);
  if (!re) throw new HostPatternError(`Invalid host list pattern: ${pattern}`);
  return re;
}

function enumerateMatches(inv: Inventory, pattern: string, warn: Warn): Host[] {
  const re = matcher(pattern);
  const results: Host[] = [];
  const matchingGroups = [...inv.groups.keys()].filter((g) => re.test(g));
  for (const g of matchingGroups) {
    for (const name of groupHosts(inv, g)) results.push(inv.hosts.get(name) as Host);
  }
  // a glob or regex may name hosts as well as groups; a plain word names hosts only if no group has that name
  if (matchingGroups.length === 0 || pattern[0] === '~' || /[.?*[]/.test(pattern)) {
    for (const host of inv.hosts.values()) if (re.test(host.name)) results.push(host);
  }
  if (results.length === 0 && LOCALHOST_NAMES.includes(pattern)) {
    const local = implicitLocalhost(inv, pattern);
    if (local) results.push(local);
  }
  if (results.length === 0 && matchingGroups.length === 0 && pattern !== 'all') {
    warn(`Could not match supplied host pattern, ignoring: ${pattern}`);
  }
  return results;
}

function matchOnePattern(inv: Inventory, pattern: string, warn: Warn): Host[] {
  const bare = pattern[0] === '&' || pattern[0] === '!' ? pattern.slice(1) : pattern;
  const [expr, sub] = splitSubscript(bare, warn);
  return applySubscript(enumerateMatches(inv, expr, warn), sub, bare);
}

function evaluatePatterns(inv: Inventory, patterns: string[], warn: Warn): Host[] {
  let hosts: Host[] = [];
  for (const p of orderPatterns(patterns)) {
    const exact = inv.hosts.get(p);
    if (exact) {
      hosts.push(exact);
      continue;
    }
    const that = matchOnePattern(inv, p, warn);
    if (p[0] === '!') {
      const drop = new Set(that);
      hosts = hosts.filter((h) => !drop.has(h));
    } else if (p[0] === '&') {
      const keep = new Set(that);
      hosts = hosts.filter((h) => keep.has(h));
    } else {
      const existing = new Set(hosts.map((h) => h.name));
      hosts.push(...that.filter((h) => !existing.has(h.name)));
    }
  }
  return [...new Set(hosts)];
}

/**
 * The hosts a play's `hosts:` (or an ad-hoc pattern) selects, in inventory order: groups, hosts,
 * globs, `~regex`, subscripts, `a:b`/`a,b` unions, `&` intersections, `!` exclusions, implicit localhost.
 * Throws HostPatternError for an invalid regex or a subscript past the end.
 */
export function selectHosts(inv: Inventory, pattern: string | string[], warn: Warn): Host[] {
  return evaluatePatterns(inv, splitHostPattern(pattern), warn);
}

/** `--limit` items: patterns, or `@file` with one host name per line. */
function limitPatterns(limit: string | string[]): string[] {
  const out: string[] = [];
  for (const item of splitHostPattern(limit)) {
    if (item[0] !== '@') {
      out.push(item);
      continue;
    }
    const file = item.slice(1);
    let isFile: boolean;
    try {
      isFile = statSync(file).isFile();
    } catch {
      throw new HostPatternError(`Unable to find limit file ${file}`);
    }
    if (!isFile) throw new HostPatternError(`Limit starting with "@" must be a file, not a directory: ${file}`);
    out.push(...readFileSync(file, 'utf8').split('\n').map((l) => l.trim()));
  }
  return out;
}

/** Applies `--limit` (same pattern language, plus `@file`) to a selection, keeping the selection's order. */
export function limitHosts(inv: Inventory, hosts: Host[], limit: string | string[], warn: Warn): Host[] {
  const patterns = limitPatterns(limit);
  if (patterns.length === 0) return hosts;
  const allowed = new Set(evaluatePatterns(inv, patterns, warn));
  return hosts.filter((h) => allowed.has(h));
}
