// The modules the paas benchmark uses (../shared/bench/paas), and service, must not take more round trips on a no-change run than
// the measured table in the round-trips report says (bench/round-trips.ts, the same cases). Fewer is fine: the
// budgets are ceilings. Runs on one lab host, TSIBLE_RTT_HOST (default labh15, which no other test uses).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRoundTripCases } from '../../bench/round-trip-cases.js';
import { measureCase } from '../../bench/round-trip-run.js';
import { labExec, labHosts } from '../lab/lab.js';
import { ROOT } from './cli.js';

/** module -> round trips of its no-change run, as measured (bench/round-trips.ts on labh23) */
const NO_CHANGE_BUDGET: Record<string, number> = {
  command: 1,
  shell: 1,
  copy: 1,
  template: 1,
  file: 1,
  lineinfile: 1,
  sysctl: 1,
  // without facts too: the service_mgr fact is found in the round trip that probes the service
  service: 1,
};

const host = (() => {
  try {
    return labHosts().find((h) => h.name === (process.env['TSIBLE_RTT_HOST'] ?? 'labh15'));
  } catch {
    return undefined;
  }
})();

describe.runIf(host !== undefined)('round trips of the paas modules on a no-change run', () => {
  const work = mkdtempSync(join(tmpdir(), 'tsible-rtt-test-'));
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    labExec(host!.name, 'rm -rf /srv/rtt; sysctl -qw net.ipv4.ip_forward=0');
  });
  for (const [module, budget] of Object.entries(NO_CHANGE_BUDGET)) {
    it(`${module}: changed, then ok in at most ${budget} round trip(s)`, async () => {
      const c = loadRoundTripCases(ROOT).find((x) => x.module === module);
      expect(c, `a round-trip case for ${module}`).toBeDefined();
      const n = await measureCase(c!, { root: ROOT, host: host!, work, served: 'http://unused.invalid/' });
      expect(n.first.verdict).toBe('changed');
      expect(n.second.verdict).toBe('ok');
      expect(n.second.trips).toBeGreaterThan(0);
      expect(n.second.trips).toBeLessThanOrEqual(budget);
    }, 60_000);
  }
});
