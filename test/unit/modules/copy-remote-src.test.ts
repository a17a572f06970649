// copy remote_src=true on the target's own files (here through the local connection on temp dirs): a directory
// source is copied tree to tree as Ansible 2.14's module does, a source that is neither file nor directory fails first.
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModuleResult } from '../../../src/executor/module-contract.js';
import { copy, type CopyArgs } from '../../../modules/copy.js';
import { runLocal, scratchDirs } from './local-run.js';

const { root, fresh } = scratchDirs('tsible-remote-src-');
const run = (args: CopyArgs, check = false): Promise<ModuleResult> => runLocal(copy, args, check);

/** A fresh dir holding src/{a, sub/b}. */
function tree(): string {
  const d = fresh();
  mkdirSync(join(d, 'src', 'sub'), { recursive: true });
  writeFileSync(join(d, 'src', 'a'), 'a\n', { mode: 0o600 });
  writeFileSync(join(d, 'src', 'sub', 'b'), 'b\n');
  return d;
}

describe('copy remote_src of a directory', () => {
  it('src/ into a new dest/: check mode says the directory would be created, then it is, then nothing changes', async () => {
    const d = tree();
    const args = { remote_src: true, src: `${d}/src/`, dest: `${d}/out/` };
    expect(await run(args, true)).toEqual({ changed: true, msg: `dest directory ${d}/out would be created`, src: `${d}/src/` });
    expect(existsSync(join(d, 'out'))).toBe(false);
    expect(await run(args)).toMatchObject({ changed: true, dest: `${d}/out/`, src: `${d}/src/`, checksum: null, md5sum: null, state: 'directory' });
    expect(readFileSync(join(d, 'out', 'sub', 'b'), 'utf8')).toBe('b\n');
    expect(statSync(join(d, 'out', 'a')).mode & 0o777).toBe(0o600);
    expect(await run(args, true)).toMatchObject({ changed: false, dest: `${d}/out/` });
    expect(await run(args)).toMatchObject({ changed: false });
  });

  it('src without a slash into an existing directory lands in dest/src; a changed file is copied again', async () => {
    const d = tree();
    mkdirSync(join(d, 'have'));
    const args = { remote_src: true, src: `${d}/src`, dest: `${d}/have` };
    expect(await run(args)).toMatchObject({ changed: true, dest: `${d}/have/src` });
    expect(readFileSync(join(d, 'have', 'src', 'a'), 'utf8')).toBe('a\n');
    writeFileSync(join(d, 'src', 'a'), 'new content\n');
    expect(await run(args, true)).toMatchObject({ changed: true });
    expect(readFileSync(join(d, 'have', 'src', 'a'), 'utf8')).toBe('a\n');
    expect(await run(args)).toMatchObject({ changed: true });
    expect(readFileSync(join(d, 'have', 'src', 'a'), 'utf8')).toBe('new content\n');
  });

  it('a dest whose parent is missing fails in the module\'s words', async () => {
    const d = tree();
    expect(await run({ remote_src: true, src: `${d}/src`, dest: `${d}/no/such` })).toMatchObject({ failed: true, msg: `Destination directory ${d}/no does not exist` });
  });
});

describe('copy remote_src of something else', () => {
  it('/dev/null is not a file, whether or not dest\'s directory exists', async () => {
    const d = tree();
    for (const dest of [`${d}/missing/x`, `${d}/x`]) {
      expect(await run({ remote_src: true, src: '/dev/null', dest })).toEqual({ changed: false, failed: true, msg: "Cannot copy invalid source '/dev/null': not a file" });
    }
  });

  it('a missing source is not found', async () => {
    expect(await run({ remote_src: true, src: `${root}/nope`, dest: `${root}/x` })).toMatchObject({ failed: true, msg: `Source ${root}/nope not found` });
  });
});
