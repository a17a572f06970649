// Compares tsible's inventory with what real Ansible 2.14 printed for the same fixtures
// (captured by fixtures/regen.sh, so this test does not need Ansible installed).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inventoryListJson } from '../../../src/inventory/list-json.js';
import { loadInventory } from '../../../src/inventory/load.js';
import { limitHosts, selectHosts } from '../../../src/inventory/pattern.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtures = readdirSync(fixturesDir).filter((d) => existsSync(path.join(fixturesDir, d, 'sources')));

interface PatternCase {
  pattern: string;
  limit?: string;
  hosts?: string[];
  error?: string;
  warnings: string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function sourcesOf(dir: string): string[] {
  return readFileSync(path.join(dir, 'sources'), 'utf8')
    .split('\n')
    .filter((s) => s)
    .map((s) => (s.includes(',') ? s : path.join(dir, s)));
}

async function load(dir: string): Promise<{ inv: Awaited<ReturnType<typeof loadInventory>>; warnings: string[] }> {
  const warnings: string[] = [];
  const inv = await loadInventory(sourcesOf(dir), (m) => warnings.push(m.split(dir).join('<FIXTURE>')));
  return { inv, warnings };
}

describe('inventories match ansible-inventory --list', () => {
  it('has at least six fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of fixtures) {
    const dir = path.join(fixturesDir, name);

    it(`${name}: same groups, members and merged hostvars`, async () => {
      const { inv } = await load(dir);
      expect(inventoryListJson(inv)).toEqual(readJson(path.join(dir, 'expected.json')));
    });

    it(`${name}: same warnings (each shown once, as Ansible's display does)`, async () => {
      const { warnings } = await load(dir);
      const expected = [...new Set(readJson<string[]>(path.join(dir, 'expected-warnings.json')))];
      expect(warnings).toEqual(expected);
    });

    const patternsFile = path.join(dir, 'expected-patterns.json');
    if (!existsSync(patternsFile)) continue;
    for (const c of readJson<PatternCase[]>(patternsFile)) {
      it(`${name}: pattern '${c.pattern}'${c.limit ? ` --limit '${c.limit}'` : ''}`, async () => {
        const { inv } = await load(dir);
        const warnings: string[] = [];
        const warn = (m: string): void => void warnings.push(m);
        const run = (): string[] => {
          const selected = selectHosts(inv, c.pattern, warn);
          return (c.limit ? limitHosts(inv, selected, c.limit, warn) : selected).map((h) => h.name);
        };
        if (c.error !== undefined) expect(run).toThrow(c.error);
        else expect(run()).toEqual(c.hosts);
        expect(warnings).toEqual(c.warnings);
      });
    }
  }
});
