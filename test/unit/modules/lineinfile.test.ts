import { describe, expect, it } from 'vitest';
import { scripted } from './fake-connection.js';
import { editAbsent, editPresent, lineinfile } from '../../../modules/lineinfile.js';
import { readLines } from '../../../modules/lib/line-edit.js';

const fileReply = (content: string, mode = '644') => `file\n/etc/x.conf\n \n${mode} 0 0\n${Buffer.from(content).toString('base64')}\n`;
const edit = (content: string, args: Record<string, unknown>) => editPresent(readLines(content), { path: 'f', ...args }).lines.join('');

describe('lineinfile planning', () => {
  it('reads once and changes nothing when the line is there', async () => {
    const { calls, ctx } = scripted([fileReply('a\nb\n')]);
    const plan = await lineinfile.plan({ path: '/etc/x.conf', line: 'b' }, ctx());
    expect(plan.changed).toBe(false);
    expect(plan.result).toMatchObject({ changed: false, msg: '' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.text).toContain("p=/etc/x.conf");
  });

  it('plans the new content with its diff, writes it with one put', async () => {
    const { conn, calls, ctx } = scripted([fileReply('a\n')]);
    const plan = await lineinfile.plan({ path: '/etc/x.conf', line: 'b' }, ctx());
    expect(plan.changed).toBe(true);
    if (!plan.changed) return;
    expect(plan.result).toMatchObject({ msg: 'line added', diff: [{ before: 'a\n', after: 'a\nb\n', before_header: '/etc/x.conf (content)' }, { before_header: '/etc/x.conf (file attributes)' }] });
    const result = await lineinfile.apply(plan, { path: '/etc/x.conf', line: 'b' }, ctx());
    expect(result).toMatchObject({ changed: true, msg: 'line added', backup: '' });
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'put']);
    expect(calls[1]).toMatchObject({ text: 'a\nb\n', path: '/etc/x.conf' });
    expect(conn.roundTrips).toEqual({ exec: 1, put: 1, get: 0, total: 2 });
  });

  it('check mode is the plan: same verdict, nothing written', async () => {
    const { calls, ctx } = scripted([fileReply('a\n')]);
    const plan = await lineinfile.plan({ path: '/etc/x.conf', regexp: '^a', line: 'A' }, ctx(true));
    expect(plan.changed && lineinfile.checkResult?.(plan, { path: '/etc/x.conf' }, ctx(true))).toMatchObject({ changed: true, msg: 'line replaced' });
    expect(calls).toHaveLength(1);
  });

  it('mode only: changed with the attributes message and diff, chmod without rewriting', async () => {
    const { calls, ctx } = scripted([fileReply('a\n'), '']);
    const args = { path: '/etc/x.conf', line: 'a', mode: '0600' };
    const plan = await lineinfile.plan(args, ctx());
    expect(plan.result).toMatchObject({ changed: true, msg: 'ownership, perms or SE linux context changed' });
    expect((plan.result?.diff as unknown[])[1]).toMatchObject({ before: { mode: '0644' }, after: { mode: '0600' } });
    if (plan.changed) await lineinfile.apply(plan, args, ctx());
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec']);
    expect(calls[1]?.text).toBe('chmod 0600 -- /etc/x.conf');
  });

  it('fails like Ansible on a missing file, a directory, or bad combinations', async () => {
    const missing = scripted(['missing\n/etc/x.conf\n \n644 0 0\nparent\n']);
    expect((await lineinfile.plan({ path: '/etc/x.conf', line: 'a' }, missing.ctx())).result).toMatchObject({ failed: true, rc: 257, msg: 'Destination /etc/x.conf does not exist !' });
    const dir = scripted(['dir\n/etc\n']);
    expect((await lineinfile.plan({ path: '/etc', line: 'a' }, dir.ctx())).result).toMatchObject({ failed: true, rc: 256, msg: 'Path /etc is a directory !' });
    const none = scripted([]);
    expect((await lineinfile.plan({ path: '/x', line: 'a', backrefs: true }, none.ctx())).result).toMatchObject({ failed: true, msg: 'regexp is required with backrefs=true' });
    expect(none.calls).toHaveLength(0);
  });

  it('creates a missing file (and its directory) when asked', async () => {
    const { calls, ctx } = scripted(['missing\n/new/dir/f\n \n644 0 0\nnoparent\n', '']);
    const args = { path: '/new/dir/f', line: 'x', create: true };
    const plan = await lineinfile.plan(args, ctx());
    expect(plan.result).toMatchObject({ changed: true, msg: 'line added' });
    if (plan.changed) await lineinfile.apply(plan, args, ctx());
    expect(calls.map((c) => c.text)).toEqual([expect.any(String), 'mkdir -p -- /new/dir', 'x\n']);
  });
});

describe('lineinfile on bytes that are not UTF-8', () => {
  it('keeps every other byte as it was', async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    const reply = `file\n/f\n \n644 0 0\n${latin1.toString('base64')}\n`;
    const { conn, ctx } = scripted([reply]);
    const plan = await lineinfile.plan({ path: '/f', line: 'x' }, ctx());
    if (plan.changed) await lineinfile.apply(plan, { path: '/f', line: 'x' }, ctx());
    const puts = conn.puts.map((p) => p.bytes);
    expect(puts[0]?.equals(Buffer.concat([latin1, Buffer.from('x\n')]))).toBe(true);
  });
});

describe('lineinfile edits (present)', () => {
  it('appends at EOF, adding the missing newline first', () => {
    expect(edit('a\nb', { line: 'c' })).toBe('a\nb\nc\n');
  });
  it('replaces the last regexp match, or the first with firstmatch', () => {
    expect(edit('x=1\nx=2\n', { regexp: '^x=', line: 'x=9' })).toBe('x=1\nx=9\n');
    expect(edit('x=1\nx=2\n', { regexp: '^x=', line: 'x=9', firstmatch: true })).toBe('x=9\nx=2\n');
  });
  it('inserts after/before the last match of insertafter/insertbefore, BOF and EOF', () => {
    expect(edit('a\nk\nk\nz\n', { line: 'n', insertafter: '^k' })).toBe('a\nk\nk\nn\nz\n');
    expect(edit('a\nk\nk\nz\n', { line: 'n', insertbefore: '^k' })).toBe('a\nk\nn\nk\nz\n');
    expect(edit('a\n', { line: 'n', insertbefore: 'BOF' })).toBe('n\na\n');
    expect(edit('a\n', { line: 'n', insertafter: 'nomatch' })).toBe('a\nn\n');
  });
  it('expands backrefs (\\1, \\g<name>) and does nothing without a match', () => {
    expect(edit('port=22\n', { regexp: '^port=(?P<n>\\d+)$', line: 'port=\\g<n>0', backrefs: true })).toBe('port=220\n');
    expect(edit('a\n', { regexp: '^zz(.)', line: '\\1', backrefs: true })).toBe('a\n');
  });
  it('search_string matches literally', () => {
    expect(edit('a.b\nab\n', { search_string: 'a.b', line: 'X' })).toBe('X\nab\n');
  });
  it('does not add a line already right after insertafter', () => {
    expect(editPresent(readLines('k\nn\n'), { path: 'f', line: 'n', insertafter: '^k' }).changed).toBe(false);
  });
});

describe('lineinfile edits (absent)', () => {
  it('removes every exact, regexp or search_string match and counts them', () => {
    expect(editAbsent(readLines('a\nb\na\n'), { path: 'f', line: 'a' })).toEqual({ lines: ['b\n'], found: 2 });
    expect(editAbsent(readLines('#a\nb\n'), { path: 'f', regexp: '^#' })).toEqual({ lines: ['b\n'], found: 1 });
    expect(editAbsent(readLines('x.y\nxy\n'), { path: 'f', search_string: 'x.y' })).toEqual({ lines: ['xy\n'], found: 1 });
  });
});
