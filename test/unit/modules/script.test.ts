import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { script } from '../../../modules/script.js';
import type { Connection, ExecOptions, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

function scripted(replies: ExecResult[]) {
  const calls: { command: string; options?: ExecOptions }[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command, options): Promise<ExecResult> => (calls.push({ command, options }), replies.shift() ?? { rc: 0, stdout: '', stderr: '' }),
    put: async () => void calls.push({ command: 'put' }),
    get: async () => (calls.push({ command: 'get' }), Buffer.alloc(0)),
    close: async () => {},
  };
  const dir = mkdtempSync(join(tmpdir(), 'script-'));
  writeFileSync(join(dir, 'hello.sh'), '#!/bin/sh\necho hi "$@"\n');
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: false, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [dir] });
  return { calls, ctx };
}

describe('script', () => {
  it('upload, run and removal are one exec (the script on stdin); no put', async () => {
    const { calls, ctx } = scripted([{ rc: 0, stdout: 'hi a b\n', stderr: '' }]);
    const args = { _raw_params: 'hello.sh a "b"', chdir: '/srv' };
    const plan = await script.plan(args, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await script.apply(plan, args, ctx())).toEqual({ changed: true, rc: 0, stderr: '', stdout: 'hi a b\n' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.options?.stdin?.toString()).toBe('#!/bin/sh\necho hi "$@"\n');
    expect(calls[0]?.command).toContain(`cd /srv`);
    expect(calls[0]?.command).toContain(`("$f" a "b"); rc=$?`);
    expect(calls[0]?.command).toContain('rm -rf "$d"');
  });
  it('creates: one probe and a skip; check mode without creates/removes skips; a missing script fails', async () => {
    const { calls, ctx } = scripted([{ rc: 0, stdout: 'yes\n', stderr: '' }]);
    expect(await script.plan({ _raw_params: 'hello.sh', creates: '/etc/x' }, ctx())).toMatchObject({ changed: false, result: { skipped: true, msg: 'skipped, since /etc/x exists' } });
    expect(calls).toHaveLength(1);
    expect(await script.plan({ _raw_params: 'hello.sh' }, ctx(true))).toMatchObject({ result: { skipped: true } });
    expect(await script.plan({ _raw_params: 'nope.sh' }, ctx())).toMatchObject({ result: { failed: true, msg: expect.stringContaining("Could not find or access 'nope.sh' on the Ansible Controller.") } });
  });
  it('a non-zero exit is a failure with rc', async () => {
    const { ctx } = scripted([{ rc: 3, stdout: '', stderr: '' }]);
    const plan = await script.plan({ _raw_params: 'hello.sh' }, ctx());
    if (!plan.changed) throw new Error('expected a change');
    expect(await script.apply(plan, { _raw_params: 'hello.sh' }, ctx())).toMatchObject({ changed: true, failed: true, rc: 3, msg: 'non-zero return code' });
  });
});
