import { describe, expect, it } from 'vitest';
import { editReplace, replace } from '../../../modules/replace.js';
import { scripted } from './fake-connection.js';

const fileReply = (content: string, mode = '644') => `file\n/etc/x.conf\n \n${mode} 0 0\n${Buffer.from(content).toString('base64')}\n`;

describe('replace', () => {
  it('reads once and changes nothing without a match', async () => {
    const { calls, ctx } = scripted([fileReply('abc\n')]);
    const plan = await replace.plan({ path: '/etc/x.conf', regexp: 'zz', replace: 'y' }, ctx());
    expect(plan).toMatchObject({ changed: false, result: { changed: false, msg: '', rc: 0 } });
    expect(calls).toHaveLength(1);
  });

  it('counts replacements, diffs with plain path headers, writes once', async () => {
    const { conn, calls, ctx } = scripted([fileReply('a1 a2\n')]);
    const args = { path: '/etc/x.conf', regexp: 'a(\\d)', replace: 'b\\1' };
    const plan = await replace.plan(args, ctx());
    expect(plan.result).toMatchObject({ changed: true, msg: '2 replacements made', diff: { before_header: '/etc/x.conf', before: 'a1 a2\n', after: 'b1 b2\n' } });
    if (plan.changed) await replace.apply(plan, args, ctx());
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'put']);
    expect(conn.roundTrips.total).toBe(2);
  });

  it('uses Python re: MULTILINE always, DOTALL for after/before, named groups', () => {
    expect(editReplace('a \nb  \n', { path: 'f', regexp: '\\s+$', replace: '' })).toEqual({ text: 'a\nb', count: 2 });
    expect(editReplace('x\n[a]\nx\n[b]\nx\n', { path: 'f', regexp: 'x', replace: 'y', after: '\\[a\\]', before: '\\[b\\]' })).toEqual({ text: 'x\n[a]\ny\n[b]\nx\n', count: 1 });
    expect(editReplace('k=v\n', { path: 'f', regexp: '(?P<k>\\w)=(?P<v>\\w)', replace: '\\g<v>=\\g<k>' })).toEqual({ text: 'v=k\n', count: 1 });
    expect(editReplace('abc', { path: 'f', regexp: 'a', replace: 'b', after: 'zz' })).toEqual({ missing: 'zz(?P<subsection>.*)' });
  });

  it('a replacement that changes nothing is no change', () => {
    expect(editReplace('aaa\n', { path: 'f', regexp: 'a', replace: 'a' })).toEqual({ text: 'aaa\n', count: 0 });
  });
});
