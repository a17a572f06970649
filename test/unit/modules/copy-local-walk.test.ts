import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkLocalTree } from '../../../modules/lib/copy-local-walk.js';
import { copy, sha1 } from '../../../modules/copy.js';
import { statBlock, WHO } from './copy-probe-replies.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

/** tree/: a, sub/b, a link to a, a link to sub, a dangling link, a link back to tree itself; outside/c linked from tree */
function fixture(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'tsible-walk-'));
  const root = join(base, 'tree');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'a'), 'a');
  writeFileSync(join(root, 'sub', 'b'), 'b');
  writeFileSync(join(outside, 'c'), 'c');
  symlinkSync('a', join(root, 'to-a'));
  symlinkSync('sub', join(root, 'to-sub'));
  symlinkSync('nowhere', join(root, 'dangling'));
  symlinkSync('..', join(root, 'sub', 'up'));
  symlinkSync(join(outside, 'c'), join(root, 'to-c'));
  return { root, outside };
}

describe('the copy action walk of a local directory (_walk_dirs)', () => {
  it('local_follow (the default): links to files are uploaded as files, links to directories walked, a dangling or looping link kept', () => {
    const { root, outside } = fixture();
    const tree = walkLocalTree(root, true);
    expect(tree.files).toEqual([
      { abs: join(root, 'a'), rel: 'a' },
      { abs: join(root, 'sub', 'b'), rel: 'sub/b' },
      { abs: join(root, 'a'), rel: 'to-a' },
      { abs: join(outside, 'c'), rel: 'to-c' },
      { abs: join(root, 'sub', 'b'), rel: 'to-sub/b' },
    ]);
    expect(tree.dirs.map((d) => d.rel)).toEqual(['sub', 'to-sub']);
    expect(tree.links).toEqual([
      { target: 'nowhere', rel: 'dangling' },
      { target: '..', rel: 'sub/up' },
      { target: '..', rel: 'to-sub/up' },
    ]);
  });

  it('local_follow=no keeps every link as a link', () => {
    const { root, outside } = fixture();
    const tree = walkLocalTree(root, false);
    expect(tree.files.map((f) => f.rel)).toEqual(['a', 'sub/b']);
    expect(tree.links).toEqual([
      { target: 'nowhere', rel: 'dangling' },
      { target: '..', rel: 'sub/up' },
      { target: 'a', rel: 'to-a' },
      { target: join(outside, 'c'), rel: 'to-c' },
      { target: 'sub', rel: 'to-sub' },
    ]);
  });

  it('copy makes a kept link with ln -s in its own exec, and leaves one that already points there alone', async () => {
    const base = mkdtempSync(join(tmpdir(), 'tsible-walk-'));
    mkdirSync(join(base, 'tree'));
    writeFileSync(join(base, 'tree', 'a'), 'a');
    writeFileSync(join(base, 'tree', 'b'), 'b');
    symlinkSync('a', join(base, 'tree', 'to-a'));
    const file = (text: string): string => statBlock({ type: 'file', checksum: sha1(Buffer.from(text)) });
    const reply = (link: string): string => [WHO, statBlock({ type: 'directory' }), file('a'), file('b'), link].join('\n');
    const conn = new FakeConnection(() => ({ stdout: reply(statBlock({ type: 'absent' })) }));
    const args = { src: join(base, 'tree/'), dest: '/srv', local_follow: false };
    const plan = await copy.plan(args, fakeContext(conn));
    if (!plan.changed) throw new Error('expected a change');
    expect(await copy.apply(plan, args, fakeContext(conn))).toEqual({ dest: '/srv/', src: join(base, 'tree/'), changed: true });
    expect(conn.execs[1]).toBe('ln -sfn -- a /srv/to-a');
    const again = new FakeConnection(() => ({ stdout: reply(statBlock({ type: 'link', target: 'a' })) }));
    expect((await copy.plan(args, fakeContext(again))).changed).toBe(false);
  });
});
