// Small inventories, each parsed alone, compared with what real Ansible 2.14 built from them
// (groups, members, vars, warnings; captured by fixtures/regen.sh into fixtures/snippets/expected.json).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../../src/inventory/load.js';

const snippetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'snippets');
const cases = JSON.parse(readFileSync(path.join(snippetsDir, 'cases.json'), 'utf8')) as Record<string, [string, string]>;
const expected = JSON.parse(readFileSync(path.join(snippetsDir, 'expected.json'), 'utf8')) as Record<
  string,
  { groups: Record<string, unknown>; hosts: Record<string, unknown>; warnings: string[] }
>;

describe('single inventory files behave as in Ansible', () => {
  for (const [name, [file, content]] of Object.entries(cases)) {
    it(name, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tsible-inv-'));
      try {
        writeFileSync(path.join(dir, file), content);
        const warnings: string[] = [];
        const inv = await loadInventory([path.join(dir, file)], (m) => warnings.push(m.split(dir).join('<DIR>')));
        const want = expected[name];
        const groups = Object.fromEntries(
          [...inv.groups.values()].map((g) => [g.name, { hosts: g.hosts, children: g.children, vars: g.vars }]),
        );
        const hosts = Object.fromEntries([...inv.hosts.values()].map((h) => [h.name, h.vars]));
        expect(groups).toEqual(want?.groups);
        expect(hosts).toEqual(want?.hosts);
        expect(warnings).toEqual([...new Set(want?.warnings)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
