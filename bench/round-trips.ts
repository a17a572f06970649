// Round trips per module, measured: one representative task per module (round-trip-cases.ts) run twice against one
// lab host with `tsible-playbook -vvv`; prints a markdown table (module, task, round trips of the first run and of the
// no-change run, with each run's verdict). Run inside the lab's controller netns:
//   npx tsc -p bench && ip netns exec tsl-ctl node dist/bench/round-trips.js --host labh23 [--only copy,file]
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labHosts } from '../test/lab/lab.js';
import { loadRoundTripCases } from './round-trip-cases.js';
import { measureCase } from './round-trip-run.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const hostName = option('--host') ?? 'labh23';
  const host = labHosts().find((h) => h.name === hostName);
  if (!host) throw new Error(`--host ${hostName}: not a host of the running lab`);
  const only = option('--only')?.split(',');
  const cases = loadRoundTripCases(ROOT).filter((c) => !only || only.includes(c.module));
  // get_url downloads on the controller: serve its URL from the controller's lab address
  const server = createServer((_req, res) => res.end('served\n'));
  await new Promise<void>((done) => server.listen(0, '10.77.0.1', done));
  const served = `http://10.77.0.1:${(server.address() as AddressInfo).port}/served.txt`;
  const work = mkdtempSync(join(tmpdir(), 'tsible-rtt-'));
  let failed = 0;
  const rows = ['| module | task | round trips, first run | round trips, no-change run |', '|---|---|---|---|'];
  try {
    for (const c of cases) {
      process.stderr.write(`${c.module} ...\n`);
      const task = c.label.replace(/\|/g, '\\|');
      const n = await measureCase(c, { root: ROOT, host, work, served }).catch((e: unknown) => {
        process.stderr.write(`${c.module}: ${e instanceof Error ? e.message : String(e)}\n`);
        failed++;
        return undefined;
      });
      const cell = (r: { trips: number; verdict: string } | undefined): string => (r ? `${r.trips} (${r.verdict})` : 'error');
      rows.push(`| ${c.module} | \`${task}\` | ${cell(n?.first)} | ${cell(n?.second)} |`);
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${rows.join('\n')}\n`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`round-trips: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
