import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveValueScript, parseSysctlValue, rewriteSysctlFile, sysctl, SYSCTL_RC_MARKER, sysctlValuesEqual } from '../../../modules/sysctl.js';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

/** A scripted connection: each exec gets the next reply; every call is recorded. */
function scripted(replies: string[]) {
  const calls: { kind: 'exec' | 'put'; text: string; path?: string; options?: unknown }[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command): Promise<ExecResult> => {
      calls.push({ kind: 'exec', text: command });
      return { rc: 0, stdout: replies.shift() ?? '', stderr: '' };
    },
    put: async (content, path, options) => {
      calls.push({ kind: 'put', text: content.toString(), path, options });
    },
    get: async () => Buffer.alloc(0),
    close: async () => {},
  };
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: true, verbosity: 0, evaluate: () => undefined });
  return { calls, ctx };
}

/** The one read: the live value as sysctl prints it and the marker line with its exit code, then the file as line-edit's read prints it. */
const reply = (live: string | null, file: string | null) =>
  `${live ?? ''}\n${SYSCTL_RC_MARKER}${live === null ? 255 : 0}\n` +
  (file === null ? 'missing\n/etc/s.conf\n \n644 0 0\nparent\n' : `file\n/etc/s.conf\n \n644 0 0\n${Buffer.from(file).toString('base64')}\n`);

describe('sysctl values and file rewrite (ansible.posix 1.5.4)', () => {
  it('normalises values', () => {
    expect(parseSysctlValue(true)).toBe('1');
    expect(parseSysctlValue('off')).toBe('0');
    expect(parseSysctlValue('True')).toBe('1');
    expect(parseSysctlValue(' 4096 87380 ')).toBe('4096 87380');
    expect(parseSysctlValue(5)).toBe('5');
  });
  it('compares whitespace-split', () => {
    expect(sysctlValuesEqual('4096\t87380\n', '4096 87380')).toBe(true);
    expect(sysctlValuesEqual(null, '1')).toBe(false);
  });
  it('replaces the first occurrence, drops duplicates, normalises other keys, appends when missing', () => {
    const file = '# c\n a.b = 1 \nnet.x=2\n\nnet.x = 3\n';
    expect(rewriteSysctlFile(file, 'net.x', '5', true)).toEqual({ fileValue: '3', lines: ['# c', 'a.b=1', 'net.x=5', ''] });
    expect(rewriteSysctlFile(file, 'net.x', '', false).lines).toEqual(['# c', 'a.b=1', '']);
    expect(rewriteSysctlFile('', 'k', 'v', true)).toEqual({ fileValue: null, lines: ['k=v'] });
  });
});

describe('sysctl planning', () => {
  it('one exec when file and live value already agree', async () => {
    const { calls, ctx } = scripted([reply('1\n', 'net.ipv4.ip_forward=1\n')]);
    const plan = await sysctl.plan({ name: 'net.ipv4.ip_forward', value: '1', sysctl_file: '/etc/s.conf' }, ctx());
    expect(plan).toMatchObject({ changed: false, result: { changed: false } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.text).toContain('sysctl -e -n net.ipv4.ip_forward');
  });

  it('file already right but live value differs: changed by reload only', async () => {
    const { calls, ctx } = scripted([reply('0\n', 'net.ipv4.ip_forward=1\n'), '']);
    const args = { name: 'net.ipv4.ip_forward', value: '1', sysctl_file: '/etc/s.conf' };
    const plan = await sysctl.plan(args, ctx());
    expect(plan.changed).toBe(true);
    if (plan.changed) await sysctl.apply(plan, args, ctx());
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec']);
    expect(calls[1]?.text).toContain('sysctl -p /etc/s.conf');
  });

  it('sysctl_set: sysctl -w, then the file, then sysctl -p, in that order', async () => {
    const { calls, ctx } = scripted([reply('0\n', '# x\n'), '', '']);
    const args = { name: 'net.ipv4.ip_forward', value: 'yes', sysctl_file: '/etc/s.conf', sysctl_set: true, ignoreerrors: true };
    const plan = await sysctl.plan(args, ctx());
    if (plan.changed) expect(await sysctl.apply(plan, args, ctx())).toEqual({ changed: true });
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec', 'put', 'exec']);
    expect(calls[1]?.text).toContain('sysctl -e -w net.ipv4.ip_forward=1');
    expect(calls[2]).toMatchObject({ text: '# x\nnet.ipv4.ip_forward=1\n', path: '/etc/s.conf' });
    expect(calls[3]?.text).toContain('sysctl -e -p /etc/s.conf');
  });

  it('reload: false and sysctl_set: false never touch the kernel', async () => {
    const { calls, ctx } = scripted([reply('0\n', null)]);
    const args = { name: 'net.ipv4.ip_forward', value: '1', sysctl_file: '/etc/s.conf', reload: false };
    const plan = await sysctl.plan(args, ctx());
    if (plan.changed) await sysctl.apply(plan, args, ctx());
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'put']);
  });

  it('fails like Ansible on bad arguments, reports "setting ... failed"', async () => {
    expect((await sysctl.plan({ name: 'k', value: '' }, scripted([]).ctx())).result).toMatchObject({ failed: true, msg: 'value cannot be blank' });
    const { ctx } = scripted([reply('0\n', 'k=0\n'), '']);
    const args = { name: 'k', value: '1', sysctl_file: '/etc/s.conf', sysctl_set: true, reload: false };
    const plan = await sysctl.plan(args, ctx());
    const failing = { ...ctx(), conn: { ...ctx().conn, exec: async () => ({ rc: 255, stdout: '', stderr: 'sysctl: permission denied on key "k"\n' }) } };
    if (plan.changed) expect(await sysctl.apply(plan, args, failing)).toMatchObject({ failed: true, msg: 'setting k failed: sysctl: permission denied on key "k"\n' });
  });
});

describe('the live value, read by the shell', () => {
  const run = (name: string): { out: string; rc: string } => {
    const out = execFileSync('sh', ['-c', `${liveValueScript(name)}; echo "@rc=$r"`], { encoding: 'utf8' });
    const at = out.lastIndexOf('@rc=');
    return { out: out.slice(0, at), rc: out.slice(at + 4).trim() };
  };
  const sysctlSays = (name: string): { out: string; rc: string } => {
    const r = spawnSync('sh', ['-c', `PATH="$PATH:/sbin:/usr/sbin" sysctl -e -n '${name}'`], { encoding: 'utf8' });
    return { out: r.stdout, rc: String(r.status) };
  };

  it.runIf(existsSync('/proc/sys/net/ipv4/ip_local_port_range') && existsSync('/usr/sbin/sysctl'))('prints what sysctl -e -n prints, with its exit code, for a key, a tab-separated one and an unknown one', () => {
    for (const name of ['net.ipv4.conf.all.arp_ignore', 'net.ipv4.ip_local_port_range', 'kernel.ostype', 'net.nosuch.key']) expect(run(name)).toEqual(sysctlSays(name));
  });

  it('leaves a name with shell characters, or one that climbs out of /proc/sys, to sysctl', () => {
    expect(liveValueScript("kernel.$(touch x)")).toMatch(/^PATH=.* sysctl -e -n 'kernel\.\$\(touch x\)'/);
    expect(liveValueScript('net/../../etc/passwd')).not.toContain('/proc/sys');
  });
});
