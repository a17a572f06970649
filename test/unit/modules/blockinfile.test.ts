import { describe, expect, it } from 'vitest';
import { blockinfile, editBlock } from '../../../modules/blockinfile.js';
import { scripted } from './fake-connection.js';

const fileReply = (content: string, mode = '644') => `file\n/etc/x.conf\n \n${mode} 0 0\n${Buffer.from(content).toString('base64')}\n`;

describe('blockinfile', () => {
  it('reads once and changes nothing when the block is in place', async () => {
    const { calls, ctx } = scripted([fileReply('a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n')]);
    const plan = await blockinfile.plan({ path: '/etc/x.conf', block: 'x' }, ctx());
    expect(plan).toMatchObject({ changed: false, result: { changed: false, msg: '' } });
    expect(calls).toHaveLength(1);
  });

  it('inserts, then writes once; check mode stops at the plan', async () => {
    const { calls, ctx } = scripted([fileReply('a\n'), fileReply('a\n')]);
    const args = { path: '/etc/x.conf', block: 'x' };
    const checked = await blockinfile.plan(args, ctx(true));
    expect(checked.result).toMatchObject({ changed: true, msg: 'Block inserted' });
    const plan = await blockinfile.plan(args, ctx());
    if (plan.changed) await blockinfile.apply(plan, args, ctx());
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec', 'put']);
    expect(calls[2]?.text).toBe('a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n');
  });

  it('reports a missing file without create, and "File created" with it', async () => {
    const miss = 'missing\n/n/f\n \n644 0 0\nparent\n';
    expect((await blockinfile.plan({ path: '/n/f', block: 'x' }, scripted([miss]).ctx())).result).toMatchObject({ failed: true, rc: 257, msg: 'Path /n/f does not exist !' });
    expect((await blockinfile.plan({ path: '/n/f', block: 'x', create: true }, scripted([miss]).ctx())).result).toMatchObject({ changed: true, msg: 'File created' });
    // as in Ansible, the create check comes first: absent on a missing file fails unless create
    expect((await blockinfile.plan({ path: '/n/f', state: 'absent' }, scripted([miss]).ctx())).result).toMatchObject({ failed: true, rc: 257 });
    expect((await blockinfile.plan({ path: '/n/f', state: 'absent', create: true }, scripted([miss]).ctx())).result).toMatchObject({ changed: false, msg: 'File /n/f not present' });
  });

  it('places the block: replace in place, remove, BOF, after the last regexp match, custom markers', () => {
    const marked = 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nz\n';
    expect(editBlock(marked, { path: 'f', block: 'new' })).toBe('a\n# BEGIN ANSIBLE MANAGED BLOCK\nnew\n# END ANSIBLE MANAGED BLOCK\nz\n');
    expect(editBlock(marked, { path: 'f', state: 'absent' })).toBe('a\nz\n');
    expect(editBlock(marked, { path: 'f', block: '' })).toBe('a\nz\n');
    expect(editBlock('a\n', { path: 'f', block: 'b', insertbefore: 'BOF' })).toBe('# BEGIN ANSIBLE MANAGED BLOCK\nb\n# END ANSIBLE MANAGED BLOCK\na\n');
    expect(editBlock('s\nx\ns\ny\n', { path: 'f', block: 'b', insertafter: '^s', marker: '<!-- {mark} -->', marker_begin: 'B', marker_end: 'E' })).toBe('s\nx\ns\n<!-- B -->\nb\n<!-- E -->\ny\n');
    expect(editBlock('a', { path: 'f', block: 'b' })).toBe('a\n# BEGIN ANSIBLE MANAGED BLOCK\nb\n# END ANSIBLE MANAGED BLOCK\n');
  });
});
