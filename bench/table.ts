// The results table (cli-table3): medians per tool and their ratios to tsible, void rows with the reason.
import Table from 'cli-table3';
import type { ToolSummary } from './verdict.js';

export interface GroupResult {
  case: string;
  hosts: number;
  reference?: string;
  rows: ToolSummary[];
}

const secs = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(2));
const mb = (kb: number | undefined): string => (kb === undefined || Number.isNaN(kb) ? '-' : (kb / 1024).toFixed(0));
const times = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? '-' : `${v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2)}x`;

/** One table for all groups; ratios are tool / tsible (above 1: tsible is that many times better). */
export function renderTable(groups: readonly GroupResult[]): string {
  const table = new Table({
    head: ['case', 'hosts', 'tool', 'wall s', 'x ts', 'CPU s', 'x ts', 'machine CPU s', 'max RSS MB', 'x ts', 'runs', 'changed', 'status'],
    style: { head: [], border: [], compact: true },
  });
  for (const g of groups) {
    for (const r of g.rows) {
      const status = r.void ? `VOID: ${r.reason ?? ''}` : r.tool === g.reference ? 'ok (reference)' : 'ok';
      table.push([
        g.case,
        String(g.hosts),
        r.tool,
        secs(r.wallS),
        times(r.wallRatio),
        secs(r.cpuS),
        times(r.cpuRatio),
        secs(r.machineCpuS),
        mb(r.maxRssKb),
        times(r.rssRatio),
        String(r.runs),
        r.changed ?? '-',
        status.length > 70 ? `${status.slice(0, 67)}...` : status,
      ]);
    }
  }
  return table.toString();
}
