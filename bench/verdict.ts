// Which runs count: a tool's row is void when any of its runs failed or reached other changed counts
// than the reference tool (ansible-playbook, the judge, when it ran). Pure functions, unit-tested.
import type { HostCounts } from './recap.js';

/** One timed run of one tool (what the harness records and the JSON results file holds). */
export interface RunRecord {
  case: string;
  hosts: number;
  tool: string;
  round: number;
  /** wall time of the whole command, seconds */
  wallS: number;
  /** controller CPU (user + sys) of everything the command started, seconds */
  cpuS: number;
  /** CPU of the whole machine while it ran (controller and targets share it in the lab), seconds */
  machineCpuS?: number;
  /** largest max RSS of any process of the command, KiB */
  maxRssKb: number;
  rc: number;
  timedOut: boolean;
  /** per-host PLAY RECAP counts; absent for tools without one (scp) or when none was printed */
  recap?: Record<string, HostCounts>;
  /** false for tools that print no PLAY RECAP (scp) */
  needsRecap: boolean;
  log: string;
}

export interface ToolVerdict {
  tool: string;
  void: boolean;
  reason?: string;
}

/** Tools whose recap is the reference, best first: the judge is Ansible. */
export const REFERENCE_ORDER = ['ansible', 'tuned', 'mitogen', 'tsible'];

/** Why a single run does not count, or undefined when it does. */
export function runProblem(run: RunRecord, expectedHosts: readonly string[]): string | undefined {
  if (run.timedOut) return 'timed out';
  if (run.rc !== 0) return `exit code ${run.rc}`;
  if (!run.needsRecap) return undefined;
  if (!run.recap) return 'no PLAY RECAP';
  const seen = Object.keys(run.recap);
  const missing = expectedHosts.filter((h) => !(h in run.recap!));
  if (missing.length) return `no recap for ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}`;
  const extra = seen.filter((h) => !expectedHosts.includes(h));
  if (extra.length) return `unexpected hosts in recap: ${extra.slice(0, 3).join(', ')}`;
  for (const [host, c] of Object.entries(run.recap)) {
    if (c.failed || c.unreachable) return `${host}: failed=${c.failed} unreachable=${c.unreachable}`;
  }
  return undefined;
}

/** First difference in per-host changed counts, as "labh3 changed=2 vs 3", or undefined. */
export function changedDiff(
  got: Record<string, HostCounts>,
  want: Record<string, HostCounts>,
): string | undefined {
  for (const [host, w] of Object.entries(want)) {
    const g = got[host];
    if (!g) return `${host} missing`;
    if (g.changed !== w.changed) return `${host} changed=${g.changed} vs ${w.changed}`;
  }
  return undefined;
}

/**
 * Verdict per tool for one (case, host count) group. `unavailable` maps a tool that could not run at all
 * (e.g. Mitogen not installed) to why; its row is void with that reason.
 */
export function judge(
  tools: readonly string[],
  runs: readonly RunRecord[],
  expectedHosts: readonly string[],
  unavailable: ReadonlyMap<string, string> = new Map(),
): { verdicts: ToolVerdict[]; reference?: string } {
  const problems = new Map<string, string>();
  for (const tool of tools) {
    const why = unavailable.get(tool);
    if (why) {
      problems.set(tool, why);
      continue;
    }
    const own = runs.filter((r) => r.tool === tool);
    if (own.length === 0) {
      problems.set(tool, 'no runs');
      continue;
    }
    for (const r of own) {
      const p = runProblem(r, expectedHosts);
      if (p) {
        problems.set(tool, `round ${r.round}: ${p}`);
        break;
      }
    }
  }
  const refTool = [...REFERENCE_ORDER, ...tools].find(
    (t) => tools.includes(t) && !problems.has(t) && runs.some((r) => r.tool === t && r.needsRecap),
  );
  const refRun = refTool ? runs.find((r) => r.tool === refTool && r.recap) : undefined;
  const verdicts: ToolVerdict[] = tools.map((tool) => {
    const p = problems.get(tool);
    if (p) return { tool, void: true, reason: p };
    if (!refRun?.recap) {
      const needs = runs.some((r) => r.tool === tool && r.needsRecap);
      return needs ? { tool, void: true, reason: 'no valid run to compare changed counts with' } : { tool, void: false };
    }
    for (const r of runs.filter((x) => x.tool === tool && x.recap)) {
      const d = changedDiff(r.recap!, refRun.recap);
      if (d) return { tool, void: true, reason: `round ${r.round}: ${d} (${refTool})` };
    }
    return { tool, void: false };
  });
  return refTool ? { verdicts, reference: refTool } : { verdicts };
}

/** Median of the values; undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** tool / tsible, or undefined when either side is missing, void or zero. */
export function ratio(value: number | undefined, tsible: number | undefined): number | undefined {
  if (value === undefined || tsible === undefined || tsible <= 0) return undefined;
  return value / tsible;
}

export interface ToolSummary {
  tool: string;
  runs: number;
  wallS?: number;
  cpuS?: number;
  machineCpuS?: number;
  maxRssKb?: number;
  /** each metric divided by tsible's; absent when this row or tsible's is void */
  wallRatio?: number;
  cpuRatio?: number;
  rssRatio?: number;
  void: boolean;
  reason?: string;
  changed?: string;
}

/** Medians per tool and their ratios to tsible (void rows keep their medians, lose their ratios). */
export function summarize(
  verdicts: readonly ToolVerdict[],
  runs: readonly RunRecord[],
  changedOf: (r: RunRecord) => string | undefined = () => undefined,
): ToolSummary[] {
  const rows = verdicts.map((v): ToolSummary => {
    const own = runs.filter((r) => r.tool === v.tool && !r.timedOut);
    const row: ToolSummary = { tool: v.tool, runs: own.length, void: v.void };
    if (v.reason) row.reason = v.reason;
    const wall = median(own.map((r) => r.wallS));
    const cpu = median(own.map((r) => r.cpuS));
    const rss = median(own.map((r) => r.maxRssKb));
    const machine = median(own.flatMap((r) => (r.machineCpuS === undefined || Number.isNaN(r.machineCpuS) ? [] : [r.machineCpuS])));
    if (machine !== undefined) row.machineCpuS = machine;
    if (wall !== undefined) row.wallS = wall;
    if (cpu !== undefined) row.cpuS = cpu;
    if (rss !== undefined) row.maxRssKb = rss;
    const first = own[0];
    const changed = first ? changedOf(first) : undefined;
    if (changed) row.changed = changed;
    return row;
  });
  const ts = rows.find((r) => r.tool === 'tsible' && !r.void);
  for (const row of rows) {
    if (row.void || !ts) continue;
    const w = ratio(row.wallS, ts.wallS);
    const c = ratio(row.cpuS, ts.cpuS);
    const m = ratio(row.maxRssKb, ts.maxRssKb);
    if (w !== undefined) row.wallRatio = w;
    if (c !== undefined) row.cpuRatio = c;
    if (m !== undefined) row.rssRatio = m;
  }
  return rows;
}
