import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { includeVars } from '../../../modules/include-vars.js';
import { ActionError } from '../../../src/executor/module-contract.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-iv-'));
  mkdirSync(join(dir, 'vars', 'conf', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'vars', 'main.yml'), 'a: 1\nd: {x: 1}\n');
  writeFileSync(join(dir, 'vars', 'conf', 'b.yml'), 'b: 2\n');
  writeFileSync(join(dir, 'vars', 'conf', 'c.json'), '{"c": 3, "b": 20}');
  writeFileSync(join(dir, 'vars', 'conf', 'README'), 'text');
  writeFileSync(join(dir, 'vars', 'conf', 'deeper', 'e.yml'), 'e: 5\n');
  writeFileSync(join(dir, 'list.yml'), '- 1\n');
  return dir;
}

describe('include_vars', () => {
  it('finds a relative file under vars/ of the playbook dir, on the controller only', async () => {
    const dir = project();
    const conn = new FakeConnection();
    const plan = await includeVars.plan({ _raw_params: 'main.yml' }, fakeContext(conn, { taskDir: dir, searchPath: [dir] }));
    expect(plan).toMatchObject({ changed: false, result: { ansible_facts: { a: 1, d: { x: 1 } }, ansible_included_var_files: [join(dir, 'vars', 'main.yml')] } });
    expect(conn.roundTrips.total).toBe(0);
  });

  it('reads a directory sorted, later files winning (c.json over b.yml), to the given depth, skipping unknown extensions when asked', async () => {
    const dir = project();
    const ctx = fakeContext(new FakeConnection(), { taskDir: dir, searchPath: [dir] });
    const all = await includeVars.plan({ dir: 'vars/conf', ignore_unknown_extensions: true, name: 'conf' }, ctx);
    expect(all.result).toMatchObject({ ansible_facts: { conf: { b: 20, c: 3, e: 5 } } });
    expect((all.result?.ansible_included_var_files as string[]).map((f) => f.slice(dir.length))).toEqual(['/vars/conf/b.yml', '/vars/conf/c.json', '/vars/conf/deeper/e.yml']);
    const shallow = await includeVars.plan({ dir: 'vars/conf', depth: 1, files_matching: '^[bc]', ignore_files: ['c.json'] }, ctx);
    expect(shallow.result?.ansible_facts).toEqual({ b: 2 });
    const strict = await includeVars.plan({ dir: 'vars/conf' }, ctx);
    expect(strict.result).toMatchObject({ failed: true, message: `${join(dir, 'vars/conf/README')} does not have a valid extension: yaml, yml, json` });
  });

  it("fails with Ansible's messages: missing file, not a dict, mixed arguments, unknown option, merging into nothing", async () => {
    const dir = project();
    const ctx = fakeContext(new FakeConnection(), { taskDir: dir, searchPath: [dir], vars: { d: { y: 2 } } });
    expect((await includeVars.plan({ file: 'nope.yml' }, ctx)).result?.message).toMatch(/^Could not find or access 'nope.yml'\nSearched in:\n\t.*\/vars\/nope.yml\n/);
    expect((await includeVars.plan({ file: 'list.yml' }, ctx)).result).toMatchObject({ failed: true, message: `${join(dir, 'list.yml')} must be stored as a dictionary/hash` });
    await expect(includeVars.plan({ file: 'main.yml', dir: 'vars' }, ctx)).rejects.toThrow(new ActionError('You are mixing file only and dir only arguments, these are incompatible'));
    await expect(includeVars.plan({ file: 'main.yml', bogus: 1 }, ctx)).rejects.toThrow('bogus is not a valid option in include_vars');
    await expect(includeVars.plan({ file: 'main.yml', hash_behaviour: 'merge' }, ctx)).rejects.toThrow("failed to combine variables, expected dicts but got a 'NoneType' and a 'int': \nnull\n1");
  });

  it('hash_behaviour=merge merges a dict with the one the host already has', async () => {
    const dir = project();
    writeFileSync(join(dir, 'vars', 'dict.yml'), 'd: {x: 1}\n');
    const ctx = fakeContext(new FakeConnection(), { taskDir: dir, searchPath: [dir], vars: { d: { y: 2 } } });
    expect((await includeVars.plan({ file: 'dict.yml', hash_behaviour: 'merge' }, ctx)).result?.ansible_facts).toEqual({ d: { y: 2, x: 1 } });
  });
});
