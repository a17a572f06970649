// `npm run bench`: the same playbooks run by tsible-playbook and ansible-playbook (defaults, tuned, Mitogen)
// on the SSH lab, tools alternating, several rounds; prints medians and ratios to tsible, writes JSON.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labHome } from '../test/lab/lab.js';
import { BENCH_CASES, BIG_FILE_BYTES, BIG_FILE_PLACEHOLDER, playbookPath, type BenchCase } from './cases.js';
import { labDown, labUp, labVariant, pickHosts, resetHosts, shellOnHosts, writeInventory } from './lab-control.js';
import { abortRunning, measure } from './measure.js';
import { parseOptions, USAGE, type BenchOptions, type ToolName } from './options.js';
import { changedSummary, parseRecap } from './recap.js';
import { renderTable, type GroupResult } from './table.js';
import { toolCommand, toolUnavailable, type ToolRun } from './tools.js';
import { judge, summarize, type RunRecord } from './verdict.js';

const CTL_NETNS = 'tsl-ctl';
const here = dirname(fileURLToPath(import.meta.url));
// dist/bench/main.js -> the project root; bench/main.ts (vitest, tsx) -> also the project root
const projectRoot = existsSync(join(here, '..', 'package.json')) ? resolve(here, '..') : resolve(here, '..', '..');
const casesDir = join(projectRoot, 'bench', 'cases');

let aborted = false;

function which(bin: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1" >/dev/null', 'sh', bin]).status === 0;
}

function writeBigFile(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (let done = 0; done < BIG_FILE_BYTES; done += 1 << 20) writeSync(fd, randomBytes(1 << 20));
  } finally {
    closeSync(fd);
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length ? by % items.length : 0;
  return [...items.slice(k), ...items.slice(0, k)];
}

interface Context {
  o: BenchOptions;
  work: string;
  home: string;
  ansibleCfg: string;
  bigFile: string;
  unavailable: Map<string, string>;
  results: { started: string; options: BenchOptions; machine: object; groups: object[] };
  jsonFile: string;
}

function saveJson(ctx: Context): void {
  writeFileSync(ctx.jsonFile, `${JSON.stringify(ctx.results, null, 2)}\n`);
}

/** One case on one host count: its hosts, inventory and tools, and the runs so far. */
interface Group {
  c: BenchCase;
  n: number;
  hosts: ReturnType<typeof pickHosts>;
  tools: ToolName[];
  toolRun: () => ToolRun;
  playbook: string;
  logDir: string;
  label: string;
  runs: RunRecord[];
}

/** The inventory, then (untimed) the converge run that leaves the timed runs nothing to change. */
async function prepareGroup(ctx: Context, c: BenchCase, n: number, first: number): Promise<Group> {
  const hosts = pickHosts(first, n);
  const inventory = join(ctx.work, `inventory-${first}-${n}.ini`);
  writeInventory(inventory, hosts);
  const tools = ctx.o.tools.filter((t) => c.tools(t));
  const playbook = playbookPath(casesDir, c);
  const extraVars = Object.fromEntries(
    Object.entries(c.extraVars ?? {}).map(([k, v]) => [k, v === BIG_FILE_PLACEHOLDER ? ctx.bigFile : v]),
  );
  let serial = 0;
  const toolRun = (): ToolRun => {
    const controlDir = join(ctx.work, 'cp', String(++serial));
    mkdirSync(controlDir, { recursive: true });
    return {
      playbook, inventory, hostCount: n, ips: hosts.map((h) => h.ip), extraVars, home: ctx.home,
      ansibleCfg: ctx.ansibleCfg, controlDir, projectRoot,
      ...(ctx.o.cpuProf ? { cpuProfDir: resolve(ctx.o.cpuProf) } : {}),
    };
  };
  const logDir = join(ctx.work, 'logs');
  mkdirSync(logDir, { recursive: true });
  const label = `[${c.name} x${n}]`;

  if (c.converge) {
    // untimed: converge with the judge (ansible) when it takes part, so the timed runs change nothing
    const by = (['tuned', 'ansible', 'mitogen', 'tsible'] as ToolName[]).find((t) => tools.includes(t) && !ctx.unavailable.has(t)) ?? 'tsible';
    const { cpuProfDir: _unprofiled, ...prep } = toolRun();
    const tc = toolCommand(by, prep);
    const m = await measure(tc.cmd, { env: tc.env, cwd: dirname(playbook), logFile: join(logDir, `${c.name}-${n}-converge-${by}.log`), timeoutS: ctx.o.timeoutS, netns: CTL_NETNS });
    console.log(`${label} converge with ${by}: rc ${m.rc}, ${m.wallS.toFixed(1)} s`);
  }
  return { c, n, hosts, tools, toolRun, playbook, logDir, label, runs: [] };
}

/** One round: every tool once, in an order that rotates from round to round. */
async function runRound(g: Group, ctx: Context, round: number): Promise<void> {
  const { c, n, hosts, label } = g;
  for (const tool of rotate(g.tools, round - 1)) {
    if (aborted || ctx.unavailable.has(tool)) continue;
    if (c.beforeEach && 'reset' in c.beforeEach) await resetHosts(hosts);
    else if (c.beforeEach) await shellOnHosts(hosts, c.beforeEach.shell);
    const tc = toolCommand(tool, g.toolRun());
    const log = join(g.logDir, `${c.name}-${n}-${tool}-r${round}.log`);
    const m = await measure(tc.cmd, { env: tc.env, cwd: dirname(g.playbook), logFile: log, timeoutS: ctx.o.timeoutS, netns: CTL_NETNS });
    const recap = tc.recap ? parseRecap(m.stdout) : undefined;
    const rec: RunRecord = {
      case: c.name, hosts: n, tool, round, wallS: m.wallS, cpuS: m.cpuS, machineCpuS: m.machineCpuS, maxRssKb: m.maxRssKb,
      rc: m.rc, timedOut: m.timedOut, needsRecap: tc.recap, log,
      ...(recap ? { recap: Object.fromEntries(recap) } : {}),
    };
    g.runs.push(rec);
    console.log(
      `${label} round ${round} ${tool.padEnd(7)} ${m.wallS.toFixed(2).padStart(7)} s wall, ${m.cpuS.toFixed(2).padStart(6)} s CPU (${m.cpuSource}), ${m.machineCpuS.toFixed(1)} s machine CPU, ` +
        `${(m.maxRssKb / 1024).toFixed(0)} MB, rc ${m.rc}${m.timedOut ? ' TIMED OUT' : ''}${recap ? `, ${changedSummary(recap)}` : ''}`,
    );
  }
}

/** The verdicts and medians of a group's runs, saved with them. */
function finishGroup(g: Group, ctx: Context): GroupResult {
  const names = g.hosts.map((h) => h.name);
  const { verdicts, reference } = judge(g.tools, g.runs, names, ctx.unavailable);
  const rows = summarize(verdicts, g.runs, (r) => (r.recap ? changedSummary(new Map(Object.entries(r.recap))) : undefined));
  const group: GroupResult = { case: g.c.name, hosts: g.n, rows, ...(reference ? { reference } : {}) };
  ctx.results.groups.push({ ...group, hostNames: names, runs: g.runs });
  saveJson(ctx);
  return group;
}

/** A case on one host count, its rounds one after another. */
async function runGroup(ctx: Context, c: BenchCase, n: number, first: number): Promise<GroupResult> {
  const g = await prepareGroup(ctx, c, n, first);
  for (let round = 1; round <= ctx.o.rounds && !aborted; round++) await runRound(g, ctx, round);
  return finishGroup(g, ctx);
}

/**
 * A case on several host counts of one running lab (--reuse-lab): each round runs every count, in an order that
 * rotates, so that the counts are compared on the machine as it is at the same time (its speed drifts over minutes).
 */
async function runInterleaved(ctx: Context, c: BenchCase, counts: number[], first: number): Promise<GroupResult[]> {
  const groups: Group[] = [];
  for (const n of counts) if (!aborted) groups.push(await prepareGroup(ctx, c, n, first));
  for (let round = 1; round <= ctx.o.rounds && !aborted; round++) {
    for (const g of rotate(groups, round - 1)) if (!aborted) await runRound(g, ctx, round);
  }
  return groups.map((g) => finishGroup(g, ctx));
}

/** The running lab fits the tools; its key and known_hosts go in a HOME of our own (ansible writes ~/.ansible there). */
function useLab(o: BenchOptions, home: string): void {
  if (o.tools.some((t) => t === 'ansible' || t === 'tuned' || t === 'mitogen') && labVariant() !== 'python') {
    throw new Error(`the running lab is '${labVariant() || 'not up'}', Ansible needs the python image (lab up N --python)`);
  }
  cpSync(join(labHome(), '.ssh'), join(home, '.ssh'), { recursive: true });
}

async function main(): Promise<number> {
  let o: BenchOptions;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  if (process.getuid?.() !== 0) {
    console.error('bench: needs root (the SSH lab: network namespaces, overlay mounts, cgroups)');
    return 1;
  }
  if (!existsSync(join(projectRoot, 'dist', 'src', 'cli', 'main.js'))) {
    console.error('bench: tsible is not built (npm run build)');
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'tsible-bench-'));
  const home = join(work, 'home');
  const ansibleCfg = join(work, 'ansible.cfg');
  writeFileSync(ansibleCfg, '[defaults]\n');
  const unavailable = new Map<string, string>();
  for (const t of o.tools) {
    const why = toolUnavailable(t, which);
    if (why) {
      unavailable.set(t, why);
      console.log(`bench: ${t} cannot run: ${why}`);
    }
  }
  const ctx: Context = {
    o, work, home, ansibleCfg, bigFile: join(work, 'big.bin'), unavailable,
    results: {
      started: new Date().toISOString(),
      options: o,
      machine: { cpus: cpus().length, loadavg: loadavg(), node: process.version, unavailable: Object.fromEntries(unavailable) },
      groups: [],
    },
    jsonFile: o.json ? resolve(o.json) : join(work, 'results.json'),
  };
  if (o.cases.includes('copy50m')) writeBigFile(ctx.bigFile);
  const onSignal = (): void => {
    aborted = true;
    abortRunning();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  console.log(`bench: work dir ${work} (logs, results.json)`);

  const groups: GroupResult[] = [];
  try {
    if (o.reuseLab && o.hosts.length > 1) {
      // one lab holds every count: the counts take turns within each round
      useLab(o, home);
      for (const name of o.cases) {
        if (aborted) break;
        const done = await runInterleaved(ctx, BENCH_CASES[name], o.hosts, o.first);
        groups.push(...done);
        console.log(renderTable(done));
      }
    }
    for (const n of o.reuseLab && o.hosts.length > 1 ? [] : o.hosts) {
      if (aborted) break;
      if (!o.reuseLab) await labUp(n);
      useLab(o, home);
      for (const name of o.cases) {
        if (aborted) break;
        const g = await runGroup(ctx, BENCH_CASES[name], n, o.reuseLab ? o.first : 1);
        groups.push(g);
        console.log(renderTable([g]));
      }
    }
  } finally {
    if (o.down && !o.reuseLab) await labDown();
  }
  console.log(`\nbench: medians over ${o.rounds} round(s); x ts = tool / tsible; CPU = controller user+sys of every process a run started`);
  console.log(renderTable(groups));
  console.log(`bench: results ${ctx.jsonFile}; logs ${join(work, 'logs')}`);
  return aborted ? 130 : 0;
}

main().then(
  (rc) => process.exit(rc),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
