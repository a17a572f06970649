import { describe, expect, it } from 'vitest';
import { DefaultReporter } from '../../../src/output/default-reporter.js';
import { Display, type Sink } from '../../../src/output/display.js';
import { LiveLine } from '../../../src/output/live-line.js';

function capture(isTty: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const sink: Sink = { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, columns: 0 };
  const reporter = new DefaultReporter(new Display(sink), new LiveLine({ isTty, write: (t) => err.push(t) }));
  const outcome = (host: string) => ({ host, status: 'ok' as const, result: {} });
  reporter.on({ type: 'task_start', name: 'TASK one', prefix: 'TASK', hosts: 2 });
  reporter.on({ type: 'host_result', outcome: outcome('h1'), module: 'ping', style: 'json' });
  reporter.on({ type: 'host_result', outcome: outcome('h2'), module: 'ping', style: 'json' });
  return { out: out.join(''), err: err.join('') };
}

describe('live line', () => {
  it('on a terminal, shows the task and hosts done on stderr and clears it before any output', () => {
    const { out, err } = capture(true);
    expect(err).toContain('TASK one: 0/2 hosts done');
    expect(err).toContain('TASK one: 1/2 hosts done');
    expect(err.endsWith('\r\u001b[K')).toBe(true);
    expect(out).toBe(`\nTASK [TASK one] ${'*'.repeat(79 - 'TASK [TASK one]'.length)}\nok: [h1]\nok: [h2]\n`);
  });

  it('off a terminal, prints nothing extra', () => {
    const { out, err } = capture(false);
    expect(err).toBe('');
    expect(out).toContain('ok: [h2]');
  });
});
