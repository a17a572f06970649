import { describe, expect, it } from 'vitest';
import { DefaultReporter } from '../../../src/output/default-reporter.js';
import { Display, type Sink } from '../../../src/output/display.js';
import { LiveLine } from '../../../src/output/live-line.js';
import { MinimalReporter } from '../../../src/output/minimal.js';

function sink(): { sink: Sink; lines: string[] } {
  const lines: string[] = [];
  return { lines, sink: { out: (t) => lines.push(`out:${t}`), err: (t) => lines.push(`err:${t}`), isTty: false, columns: 80 } };
}

const outcome = { host: 'web1', status: 'changed' as const, result: { changed: true, rc: 0, warnings: ['Consider using the file module.'] } };

describe("a module's warnings", () => {
  it('print as [WARNING]: on stderr before the status line, and leave the -v result JSON', () => {
    const { sink: s, lines } = sink();
    const reporter = new DefaultReporter(new Display(s, 1), new LiveLine({ isTty: false, write: () => undefined }));
    reporter.on({ type: 'host_result', outcome, module: 'command', style: 'command' });
    expect(lines[0]).toBe('err:[WARNING]: Consider using the file module.\n');
    expect(lines[1]).toMatch(/^out:changed: \[web1\] => \{/);
    expect(lines[1]).not.toContain('warnings');
  });

  it('ad hoc too', () => {
    const { sink: s, lines } = sink();
    new MinimalReporter(new Display(s)).on({ type: 'host_result', outcome, module: 'shell', style: 'json' });
    expect(lines[0]).toBe('err:[WARNING]: Consider using the file module.\n');
    expect(lines[1]).not.toContain('warnings');
  });
});
