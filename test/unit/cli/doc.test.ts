import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../modules/index.js';
import { listText, moduleText, snippetText } from '../../../src/cli/doc-text.js';
import { run } from '../../../src/cli/main.js';

const modules = [...new Set(MODULES.values())];

function capture(): { sink: { out: (t: string) => void; err: (t: string) => void; isTty: boolean; columns: number }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { sink: { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, columns: 80 }, out: () => out, err: () => err };
}

describe('tsible-doc', () => {
  it.each(modules.map((m) => [m.name, m] as const))('%s: the doc lists every schema option, with its type and required mark', (_name, module) => {
    const text = moduleText(module, '/x.js');
    expect(text.startsWith(`> ${module.name.toUpperCase()}    (/x.js)\n`)).toBe(true);
    expect(text).toContain('OPTIONS (= is mandatory):');
    const required = new Set((module.schema.required ?? []) as string[]);
    const shownAliases = [...text.matchAll(/aliases: \[([^\]]*)\]/g)].flatMap((m) => (m[1] ?? '').split(', '));
    for (const option of Object.keys((module.schema.properties ?? {}) as object)) {
      if (option.startsWith('_') && option !== '_raw_params') continue;
      const name = option === '_raw_params' ? 'free_form' : option;
      const listed = new RegExp(`^${required.has(option) ? '=' : '-'} ${name}$`, 'm').test(text) || shownAliases.includes(option);
      expect(listed, `${module.name} option ${option}`).toBe(true);
    }
    expect(snippetText(module)).toContain(`  ${module.aliases[0]}:`);
  });

  it('lists every module once, sorted, with its short description', () => {
    const lines = listText(modules).trimEnd().split('\n');
    expect(lines).toHaveLength(modules.length);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(modules.map((m) => m.name).sort());
    expect(lines.find((l) => l.startsWith('ansible.builtin.pause '))).toMatch(/Pause playbook execution$/);
  });

  it('shows choices and defaults the way ansible-doc does', async () => {
    const c = capture();
    expect(await run('tsible-doc', ['include_vars'], c.sink)).toBe(0);
    expect(c.out()).toMatch(/^- hash_behaviour\n(?: {8}.*\n)*? {8}choices: \[replace, merge\]\n {8}default: null\n {8}type: str$/m);
    expect(c.out()).toContain('\nEXAMPLES:\n');
    expect(c.out()).toContain('\nRETURN VALUES:\n- ansible_included_var_files\n');
  });

  it('warns about an unknown module and exits 0, as ansible-doc does; no name at all is an options error', async () => {
    const c = capture();
    expect(await run('tsible-doc', ['nosuchmod'], c.sink)).toBe(0);
    expect(c.err()).toContain('[WARNING]: nosuchmod was not found');
    expect(c.out()).toBe('');
    const none = capture();
    expect(await run('tsible-doc', [], none.sink)).toBe(5);
    expect(none.err()).toContain('ERROR! Missing name(s), incorrect options passed for detailed documentation.');
  });
});
