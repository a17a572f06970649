import { describe, expect, it } from 'vitest';
import type { HostCounts } from '../../../bench/recap.js';
import { judge, median, ratio, summarize, type RunRecord } from '../../../bench/verdict.js';

const counts = (changed: number, extra: Partial<HostCounts> = {}): HostCounts => ({
  ok: 5, changed, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0, ...extra,
});

function run(tool: string, wallS: number, changed: number[] | undefined, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    case: 'paas-nochange', hosts: changed?.length ?? 2, tool, round: 1, wallS, cpuS: wallS / 2, maxRssKb: 100 * 1024,
    rc: 0, timedOut: false, needsRecap: changed !== undefined, log: '/dev/null',
    ...(changed ? { recap: Object.fromEntries(changed.map((c, i) => [`labh${i + 1}`, counts(c)])) } : {}),
    ...extra,
  };
}

const hosts = ['labh1', 'labh2'];

describe('median', () => {
  it('is the middle value, the mean of the two middle ones, or undefined', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('ratio', () => {
  it('divides by tsible and refuses missing or zero values', () => {
    expect(ratio(30, 2)).toBe(15);
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(3, 0)).toBeUndefined();
  });
});

describe('judge', () => {
  it('accepts tools that reach the reference changed counts; Ansible is the reference', () => {
    const runs = [run('tsible', 1, [0, 0]), run('ansible', 20, [0, 0]), run('tuned', 10, [0, 0])];
    const j = judge(['tsible', 'ansible', 'tuned'], runs, hosts);
    expect(j.reference).toBe('ansible');
    expect(j.verdicts.every((v) => !v.void)).toBe(true);
  });

  it('voids a tool whose changed counts differ from Ansible, naming the host', () => {
    const runs = [run('tsible', 1, [0, 1]), run('ansible', 20, [0, 0])];
    const v = judge(['tsible', 'ansible'], runs, hosts).verdicts;
    expect(v[0]).toMatchObject({ tool: 'tsible', void: true });
    expect(v[0]!.reason).toContain('labh2 changed=1 vs 0');
    expect(v[1]!.void).toBe(false);
  });

  it('voids failed, unreachable, crashed and timed-out runs and picks the next reference', () => {
    const failed = run('ansible', 20, [0, 0]);
    failed.recap!['labh1'] = counts(0, { failed: 1 });
    const runs = [
      failed,
      run('tuned', 10, [0, 0]),
      run('mitogen', 5, undefined, { rc: 2, needsRecap: true }),
      run('tsible', 1, [0, 0], { timedOut: true, rc: 137 }),
    ];
    const j = judge(['tsible', 'ansible', 'tuned', 'mitogen'], runs, hosts);
    expect(j.reference).toBe('tuned');
    const by = Object.fromEntries(j.verdicts.map((v) => [v.tool, v]));
    expect(by['ansible']!.reason).toContain('labh1: failed=1');
    expect(by['mitogen']!.reason).toContain('exit code 2');
    expect(by['tsible']!.reason).toContain('timed out');
    expect(by['tuned']!.void).toBe(false);
  });

  it('voids a recap that misses a host', () => {
    const v = judge(['tsible'], [run('tsible', 1, [0])], hosts).verdicts[0]!;
    expect(v.void).toBe(true);
    expect(v.reason).toContain('no recap for labh2');
  });

  it('voids a tool that could not run, with the reason; scp needs only exit code 0', () => {
    const runs = [run('tsible', 1, [1, 1]), run('scp', 1.1, undefined)];
    const j = judge(['tsible', 'mitogen', 'scp'], runs, hosts, new Map([['mitogen', 'not installed']]));
    expect(j.verdicts.map((v) => [v.tool, v.void, v.reason])).toEqual([
      ['tsible', false, undefined],
      ['mitogen', true, 'not installed'],
      ['scp', false, undefined],
    ]);
  });
});

describe('summarize', () => {
  it('takes medians per tool and divides by tsible', () => {
    const runs = [
      run('tsible', 1, [0, 0]), run('tsible', 3, [0, 0]), run('tsible', 2, [0, 0]),
      run('ansible', 50, [0, 0]), run('ansible', 40, [0, 0]), run('ansible', 60, [0, 0]),
    ];
    const rows = summarize(judge(['tsible', 'ansible'], runs, hosts).verdicts, runs);
    expect(rows[0]).toMatchObject({ tool: 'tsible', runs: 3, wallS: 2, cpuS: 1, wallRatio: 1 });
    expect(rows[1]).toMatchObject({ tool: 'ansible', wallS: 50, wallRatio: 25, cpuRatio: 25, rssRatio: 1 });
  });

  it('gives no ratios to void rows, and none at all when tsible is void', () => {
    const runs = [run('tsible', 1, [1, 0]), run('ansible', 50, [0, 0]), run('tuned', 20, [0, 0])];
    const rows = summarize(judge(['tsible', 'ansible', 'tuned'], runs, hosts).verdicts, runs);
    expect(rows[0]!.void).toBe(true);
    expect(rows.every((r) => r.wallRatio === undefined)).toBe(true);
    expect(rows[1]!.wallS).toBe(50);
  });
});
