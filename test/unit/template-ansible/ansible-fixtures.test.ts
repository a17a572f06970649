// Every filter, test and lookup against outputs captured from real Ansible 2.14 (fixtures/regen.py).
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, loadCases, runCase } from './fixture-cases.js';

const cases = loadCases();
process.chdir(FIXTURE_FILES);

function label(c: (typeof cases)[number], i: number): string {
  const input = JSON.stringify(c.input) ?? 'undefined';
  const args = c.args.length ? ` ${JSON.stringify(c.args)}` : '';
  const kwargs = Object.keys(c.kwargs).length ? ` ${JSON.stringify(c.kwargs)}` : '';
  return `#${i} ${input.length > 60 ? `${input.slice(0, 57)}...` : input}${args}${kwargs}`;
}

for (const kind of ['filter', 'test', 'lookup'] as const) {
  describe(kind, () => {
    const byName = new Map<string, [number, (typeof cases)[number]][]>();
    cases.forEach((c, i) => {
      if (c.kind !== kind) return;
      byName.set(c.name, [...(byName.get(c.name) ?? []), [i, c]]);
    });
    for (const [name, list] of byName) {
      describe(name, () => {
        for (const [i, c] of list) {
          // a known difference stays visible: the test fails loudly once it starts matching Ansible
          const test = c.known ? it.fails : it;
          test(c.known ? `${label(c, i)} [known difference: ${c.known}]` : label(c, i), () => {
            if (c.error !== undefined) {
              let message: string | undefined;
              try {
                runCase(c);
              } catch (error) {
                message = (error as Error).message.split('\n')[0];
              }
              expect(message, `expected an error like: ${c.error}`).toBeDefined();
              // Ansible appends the wrapped exception's text to some messages; ours must be a prefix
              expect(c.error.startsWith(message as string) || (message as string).startsWith(c.error), `${message} vs ${c.error}`).toBe(true);
            } else {
              // the fixtures were captured in another checkout: absolute paths differ only in where the repo is
              const here = (text: string): string => text.split(FIXTURE_FILES).join('<fixtures>').replace(/\/[^'"\s]*\/test\/unit\/template-ansible\/fixtures\/files/g, '<fixtures>');
              expect(here(runCase(c))).toBe(here(c.repr));
            }
          });
        }
      });
    }
  });
}
