import { ActionFailure } from '../../../src/executor/module-contract.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha1 } from '../../../modules/copy.js';
import { template } from '../../../modules/template.js';
import { statBlock, WHO } from './copy-probe-replies.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

function role(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-tpl-'));
  mkdirSync(join(dir, 'templates'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'templates', name), text);
  return dir;
}

describe('template plan', () => {
  it('renders on the controller with task vars and hands the bytes to copy', async () => {
    const dir = role({ 'app.conf.j2': '# {{ ansible_managed }}\nport={{ port }}\n{% if tls %}\ntls=on\n{% endif %}\n' });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'absent' })}\n${statBlock({ type: 'absent' })}\n` }));
    const ctx = fakeContext(conn, { searchPath: [dir], vars: { port: 8080, tls: true }, diff: true });
    const args = { src: 'app.conf.j2', dest: '/etc/app.conf', mode: '0600' };
    const plan = await template.plan(args, ctx);
    if (!plan.changed) throw new Error('expected a change');
    const text = '# Ansible managed\nport=8080\ntls=on\n';
    expect(plan.diff).toEqual([{ before: '', after_header: join(dir, 'templates', 'app.conf.j2'), after: text }]);
    await template.apply(plan, args, ctx);
    expect(conn.calls.map((c) => c.kind)).toEqual(['exec', 'put']);
    expect(conn.puts[0]).toMatchObject({ path: '/etc/app.conf', content: text, options: { mode: '0600' } });
  });

  it('an up-to-date destination is one exec and no upload', async () => {
    const dir = role({ 'x.j2': 'v={{ v }}\n' });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'file', checksum: sha1(Buffer.from('v=1\n')) })}\n${statBlock({ type: 'absent' })}\n` }));
    const plan = await template.plan({ src: 'x.j2', dest: '/x' }, fakeContext(conn, { searchPath: [dir], vars: { v: 1 } }));
    expect(plan.changed).toBe(false);
    expect(conn.calls).toHaveLength(1);
  });

  it('newline_sequence, trim_blocks and lstrip_blocks', async () => {
    const dir = role({ 'n.j2': 'a\n  {% if true %}\nb\n  {% endif %}\nc\n' });
    const conn = new FakeConnection(() => ({ stdout: `${WHO}\n@parent=yes\n${statBlock({ type: 'absent' })}\n${statBlock({ type: 'absent' })}\n` }));
    const ctx = fakeContext(conn, { searchPath: [dir], diff: true });
    const render = async (extra: Record<string, unknown>): Promise<unknown> => {
      const plan = await template.plan({ src: 'n.j2', dest: '/n', ...extra }, ctx);
      return plan.changed ? plan.diff?.[0]?.after : plan.result;
    };
    expect(await render({})).toBe('a\n  b\n  c\n');
    expect(await render({ lstrip_blocks: true })).toBe('a\nb\nc\n');
    expect(await render({ trim_blocks: false, lstrip_blocks: true })).toBe('a\n\nb\n\nc\n');
    expect(await render({ newline_sequence: '\r\n', lstrip_blocks: true })).toBe('a\r\nb\r\nc\r\n');
  });

  it('fails like Ansible on state, a missing template and template errors', async () => {
    const dir = role({ 'bad.j2': '{{ nope }}' });
    const conn = new FakeConnection(() => ({}));
    const ctx = fakeContext(conn, { searchPath: [dir] });
    expect((await template.plan({ src: 'bad.j2', dest: '/x', state: 'file' }, ctx)).result?.msg).toBe("'state' cannot be specified on a template");
    const failure = async (args: { src: string; dest: string }): Promise<ActionFailure> => (await template.plan(args, ctx).catch((e: unknown) => e)) as ActionFailure;
    expect(String((await failure({ src: 'missing.j2', dest: '/x' })).result.msg)).toMatch(/^Could not find or access 'missing.j2'/);
    expect((await failure({ src: 'bad.j2', dest: '/x' })).result).toMatchObject({ failed: true, msg: "AnsibleUndefinedVariable: 'nope' is undefined. 'nope' is undefined" });
    expect(conn.calls).toHaveLength(0);
  });
});
