// file on real paths (the local connection, temp dirs): Ansible 2.14's rules for a directory path, touch, links
// without src and timestamps, and the diff every file result carries.
import { linkSync, mkdirSync, statSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModuleResult } from '../../../src/executor/module-contract.js';
import { file, type FileArgs } from '../../../modules/file.js';
import { runLocal, scratchDirs } from './local-run.js';

const { root, fresh: dir } = scratchDirs('tsible-file-');
const run = (args: FileArgs, check = false): Promise<ModuleResult> => runLocal(file, args, check);

describe('file, as Ansible 2.14 does it', () => {
  it('modification_time: the result has a diff with the new mtime, then no change and a diff of the path alone', async () => {
    const f = join(dir(), 'f');
    writeFileSync(f, 'x');
    const args = { path: f, modification_time: '202202081414.00' };
    const checked = await run(args, true);
    expect(checked).toMatchObject({ changed: true, diff: { before: { path: f }, after: { path: f } } });
    expect(Object.keys((checked.diff as { after: object }).after)).toEqual(['path', 'mtime']);
    expect(statSync(f).mtime.getFullYear()).not.toBe(2022);
    expect(await run(args)).toMatchObject({ changed: true });
    expect(statSync(f).mtime.getFullYear()).toBe(2022);
    expect(await run(args)).toEqual(expect.objectContaining({ changed: false, diff: { before: { path: f }, after: { path: f } } }));
  });

  it('no src on an existing symlink keeps the link and sets the mode on what it points to', async () => {
    const d = dir();
    writeFileSync(join(d, 'somefile'), 'chicken', { mode: 0o600 });
    symlinkSync('somefile', join(d, 'somelink'));
    expect(await run({ path: join(d, 'somelink'), mode: '0644' })).toMatchObject({ changed: true, dest: join(d, 'somelink') });
    expect(statSync(join(d, 'somefile')).mode & 0o777).toBe(0o644);
    expect(await run({ path: join(d, 'somelink'), mode: '0644' })).toMatchObject({ changed: false, src: 'somefile', state: 'link' });
  });

  it('a hard link whose path is a directory is made inside it, named after src', async () => {
    const d = dir();
    writeFileSync(join(d, 'file_to_link'), 'hello');
    mkdirSync(join(d, 'sub1'));
    expect(await run({ path: join(d, 'sub1'), src: join(d, 'file_to_link'), state: 'hard' })).toMatchObject({ changed: true, dest: join(d, 'sub1', 'file_to_link') });
    expect(statSync(join(d, 'sub1', 'file_to_link')).ino).toBe(statSync(join(d, 'file_to_link')).ino);
    expect(statSync(join(d, 'sub1')).isDirectory()).toBe(true);
  });

  it('touch with both times preserved changes nothing; plain touch does', async () => {
    const d = dir();
    utimesSync(d, 1000, 1000);
    expect(await run({ path: d, state: 'touch', modification_time: 'preserve', access_time: 'preserve' })).toMatchObject({ changed: false, dest: d, state: 'directory' });
    expect(statSync(d).mtimeMs).toBe(1000_000);
    expect(await run({ path: d, state: 'touch' })).toMatchObject({ changed: true });
    expect(statSync(d).mtimeMs).toBeGreaterThan(1000_000);
  });

  it('touch in a missing directory fails with the module\'s message', async () => {
    const p = join(root, 'missing', 'x');
    expect(await run({ path: p, state: 'touch' })).toMatchObject({ failed: true, msg: `Error, could not touch target: [Errno 2] No such file or directory: b'${p}'` });
  });

  it('src with a state other than link or hard is refused', async () => {
    const f = join(dir(), 'f');
    writeFileSync(f, '');
    linkSync(f, `${f}2`);
    expect(await run({ path: f, src: `${f}2`, state: 'file' })).toMatchObject({ failed: true, msg: "src option requires state to be 'link' or 'hard'" });
  });
});
