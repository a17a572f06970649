// tsible-inventory side by side with the real ansible-inventory (ansible-core 2.14) on every inventory form:
// INI (ranges, steps, typed values, children), YAML, JSON, a directory of sources with group_vars/host_vars,
// several -i, `h1,h2,` lists, the implicit localhost, and the PaaS inventory in inventories/prod.
// Nothing connects anywhere: inventory commands only read files.
//
// tsible runs in-process (the TypeScript source, through vitest), not as `node bin/tsible-inventory.js`: the
// bin imports dist/, which needs a build, and src/cli/main.ts does not route `tsible-inventory` to
// inventoryCommand yet. `runTsible` maps errors to exit codes as main.ts's run() does; once main.ts is wired,
// `runCli('tsible-inventory', ...)` from ./cli.js can replace it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { inventoryCommand } from '../../src/cli/inventory.js';
import { OptionsError } from '../../src/cli/run-options.js';
import { Display, type Sink } from '../../src/output/display.js';
import { ParseError } from '../../src/parsing/parse-error.js';
import { ExtraVarsError } from '../../src/vars/extra-vars.js';
import { ROOT } from './cli.js';

const FIXTURES = 'test/unit/inventory/fixtures';
const EMPTY_CFG = join(ROOT, FIXTURES, 'empty-ansible.cfg');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Case {
  name: string;
  args: string[];
  /** a host to ask --host about */
  host: string;
  /** floats with no fraction (1000.0): tsible keeps them as plain numbers, so their text is `1000` */
  integralFloats?: boolean;
  /** a Python tuple from an INI value: tsible keeps a list, so --graph --vars shows [1, 2], not (1, 2) */
  tuples?: boolean;
}

const CASES: Case[] = [
  { name: 'INI: ranges, steps, typed values, comments', args: ['-i', `${FIXTURES}/ini-quirks/quirks.ini`], host: 'typed', integralFloats: true, tuples: true },
  { name: 'INI: children and :vars', args: ['-i', `${FIXTURES}/ini-webapp/hosts`], host: 'web01.example.com' },
  { name: 'INI with group_vars/ and host_vars/ beside it', args: ['-i', `${FIXTURES}/ini-nested/production.ini`], host: 'db1' },
  { name: 'YAML: YAML 1.1 typing, ranges, nested children', args: ['-i', `${FIXTURES}/yaml-cluster/inventory.yml`], host: 'gpu-worker.k8s.local' },
  { name: 'YAML: quoting, long strings, anchors, a group under two parents', args: ['-i', 'test/unit/inventory-cli/fixtures/yaml-quoting.yml'], host: 'web1' },
  { name: 'JSON', args: ['-i', `${FIXTURES}/json-hosts/hosts.json`], host: 'www1.example.org', integralFloats: true },
  { name: 'a directory of sources with group_vars/', args: ['-i', `${FIXTURES}/dir-inventory/inventory`], host: 'vm-b.cloud.example.net' },
  {
    name: 'several -i: INI, YAML and a host list',
    args: ['-i', `${FIXTURES}/multi-source/base.ini`, '-i', `${FIXTURES}/multi-source/overlay.yml`, '-i', 'adhoc1,adhoc2:2201,db1'],
    host: 'adhoc2',
  },
  { name: 'a host list h1,h2,', args: ['-i', 'h1,h2,'], host: 'h2' },
  { name: 'the implicit localhost', args: ['-i', 'web1,'], host: 'localhost' },
  { name: 'an unparsable source: warnings, only the implicit localhost', args: ['-i', `${FIXTURES}/ini-broken/broken.ini`], host: '127.0.0.1' },
  { name: 'a host that is not there (options error, exit 5)', args: ['-i', 'h1,'], host: 'nosuchhost' },
  { name: 'inventories/prod (the PaaS)', args: ['-i', 'inventories/prod'], host: '203.0.113.11' },
  { name: 'inventories/prod with --playbook-dir and -e', args: ['-i', 'inventories/prod', '--playbook-dir', `${FIXTURES}/ini-nested`, '-e', 'release=42'], host: '198.51.100.12' },
];

const VIEWS: Array<{ name: string; args: (c: Case) => string[]; format: 'json' | 'yaml' | 'text' }> = [
  { name: '--list', args: () => ['--list'], format: 'json' },
  { name: '--list --export', args: () => ['--list', '--export'], format: 'json' },
  { name: '--list -y', args: () => ['--list', '-y'], format: 'yaml' },
  { name: '--list -y --export', args: () => ['--list', '-y', '--export'], format: 'yaml' },
  { name: '--graph', args: () => ['--graph'], format: 'text' },
  { name: '--graph --vars', args: () => ['--graph', '--vars'], format: 'text' },
  { name: '--host', args: (c) => ['--host', c.host], format: 'json' },
  { name: '--host -y', args: (c) => ['--host', c.host, '-y'], format: 'yaml' },
];

function ansibleInventoryAvailable(): boolean {
  try {
    execFileSync('ansible-inventory', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const home = mkdtempSync(join(tmpdir(), 'tsible-inventory-home-'));
const ENV = { ANSIBLE_CONFIG: EMPTY_CFG, ANSIBLE_NOCOLOR: '1' };

function runAnsible(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('ansible-inventory', args, { cwd: ROOT, env: { ...process.env, HOME: home, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** inventoryCommand with main.ts's error-to-exit-code mapping (see the note at the top). */
async function runTsible(args: string[]): Promise<Run> {
  const run: Run = { code: 0, stdout: '', stderr: '' };
  const sink: Sink = { out: (t) => (run.stdout += t), err: (t) => (run.stderr += t), isTty: false, columns: 0 };
  try {
    run.code = await inventoryCommand(args, sink);
  } catch (error) {
    new Display(sink).error((error as Error).message);
    const userError = error instanceof ExtraVarsError || (error as { userError?: boolean }).userError === true;
    run.code = error instanceof OptionsError ? 5 : error instanceof ParseError ? 4 : userError ? 1 : 250;
  }
  return run;
}

/** A float with no fraction as Python prints it (`: 1000.0`, `= 1.0}`), as tsible prints it. */
const integralFloatsAsInts = (text: string): string => text.replace(/([:=] -?\d+)\.0(?=[,}\n]|$)/gm, '$1');
// Warnings are the same words; Display and Python's textwrap break long lines at different places.
const words = (text: string): string => text.replace(/\s+/g, '');

describe.runIf(ansibleInventoryAvailable())('tsible-inventory side by side with ansible-inventory', () => {
  beforeAll(() => {
    Object.assign(process.env, ENV);
  });

  describe.each(CASES)('$name', (c) => {
    it.concurrent.each(VIEWS)('$name', async (view) => {
      const args = [...c.args, ...view.args(c)];
      const [theirs, ours] = await Promise.all([runAnsible(args), runTsible(args)]);
      expect(ours.code, ours.stderr).toBe(theirs.code);
      expect(words(ours.stderr)).toBe(words(theirs.stderr));
      if (theirs.code === 5) return; // an options error prints the tool's own --help first: not a behaviour to copy
      let expected = c.integralFloats ? integralFloatsAsInts(theirs.stdout) : theirs.stdout;
      if (c.tuples) expected = expected.replace(/= \(([^()]*)\)\}/g, '= [$1]}');
      if (view.format === 'json') expect(JSON.parse(ours.stdout)).toEqual(JSON.parse(expected));
      if (view.format === 'yaml') expect(parseYaml(ours.stdout, { version: '1.1', maxAliasCount: -1 })).toEqual(parseYaml(expected, { version: '1.1', maxAliasCount: -1 }));
      // the same data, and the same text too: json.dumps(indent=4, sort_keys=True), PyYAML's block style, the graph
      expect(ours.stdout).toBe(expected);
    });
  });
});
