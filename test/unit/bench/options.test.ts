import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/options.js';
import { parseProcStatBusyS, parseTimeOutput } from '../../../bench/measure.js';

describe('parseOptions', () => {
  it('has the full matrix by default', () => {
    const o = parseOptions([]);
    expect(o.hosts).toEqual([1, 20, 50]);
    expect(o.rounds).toBe(3);
    expect(o.tools).toEqual(['tsible', 'ansible', 'tuned', 'mitogen', 'scp', 'ssh-cm']);
    expect(o.cases).toContain('paas-nochange');
    expect(o.reuseLab).toBe(false);
  });

  it('reads lists, numbers and --opt=value', () => {
    const o = parseOptions(['--hosts', '1,20', '--cases=paas-nochange,loop100', '--rounds', '5', '--tools', 'tsible,scp',
      '--reuse-lab', '--first', '13', '--json', 'r.json']);
    expect(o).toMatchObject({ hosts: [1, 20], cases: ['paas-nochange', 'loop100'], rounds: 5, tools: ['tsible', 'scp'],
      reuseLab: true, first: 13, json: 'r.json' });
  });

  it('names the bad value and the allowed ones', () => {
    expect(() => parseOptions(['--cases', 'paas'])).toThrow(/unknown 'paas' \(allowed: paas-converge, /);
    expect(() => parseOptions(['--hosts', '0'])).toThrow(/'0' is not a positive integer/);
    expect(() => parseOptions(['--rounds'])).toThrow(/needs a value/);
    expect(() => parseOptions(['--first', '3'])).toThrow(/only applies with --reuse-lab/);
    expect(() => parseOptions(['--frist'])).toThrow(/unknown option '--frist'/);
  });
});

describe('parseTimeOutput', () => {
  it('reads /usr/bin/time -f "%e %U %S %M", also after a non-zero status line', () => {
    expect(parseTimeOutput('12.50 3.20 0.40 81234\n')).toEqual({ userS: 3.2, sysS: 0.4, maxRssKb: 81234 });
    expect(parseTimeOutput('Command exited with non-zero status 2\n1.00 0.50 0.10 5000\n')).toEqual({
      userS: 0.5, sysS: 0.1, maxRssKb: 5000,
    });
    expect(parseTimeOutput('Command terminated by signal 9\n')).toBeUndefined();
  });
});

describe('parseProcStatBusyS', () => {
  it('counts user, nice, system, irq, softirq and steal of the cpu line, not idle or iowait', () => {
    const stat = 'cpu  1000 20 300 90000 500 7 3 10 0 0\ncpu0 500 10 150 45000 250 3 1 5 0 0\nintr 1 2 3\n';
    expect(parseProcStatBusyS(stat)).toBeCloseTo(13.4);
    expect(parseProcStatBusyS('intr 1 2 3\n')).toBeNaN();
  });
});
