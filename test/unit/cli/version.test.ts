import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type Program } from '../../../src/cli/main.js';
import { versionText } from '../../../src/cli/version.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('--version', () => {
  it.each(['tsible', 'tsible-playbook', 'tsible-inventory', 'tsible-doc'] as Program[])('%s --version prints the version and exits 0, with no other argument needed', async (program) => {
    let out = '';
    let err = '';
    const sink = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTty: false, columns: 80 };
    expect(await run(program, ['--version'], sink)).toBe(0);
    expect(out.split('\n')[0]).toBe(`${program} [tsible ${VERSION}]`);
    expect(err).toBe('');
  });

  it('names the ansible.cfg it would read, as ansible --version does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-version-'));
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\n');
    expect(versionText('tsible', { ANSIBLE_CONFIG: '' }, dir)).toContain(`  config file = ${join(dir, 'ansible.cfg')}\n`);
    expect(versionText('tsible', { HOME: dir }, tmpdir())).toMatch(/ {2}config file = (None|\/etc\/ansible\/ansible\.cfg)\n/);
  });
});
