import { describe, expect, it } from 'vitest';
import { parseStat, stat, statScript } from '../../../modules/stat.js';
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

const FILE = ['st=81a4|65024|2146333|1|3|8|4096|0|0|0|root|root|1795313359.289563027|1795313359.289563027|1795313359.289563027', 'r=1', 'w=1', 'sum=55ca6286e3e4f4fba5d0448333fa99fc5a404a73', 'mime=/tmp/st.txt: text/plain; charset=us-ascii', 'attr=2146333 --------------e------- /tmp/st.txt', ''].join('\n');

describe('stat', () => {
  it('asks everything in one exec and never changes anything', async () => {
    const { calls, ctx } = scripted([FILE]);
    const plan = await stat.plan({ path: '/tmp/st.txt' }, ctx());
    expect(plan.changed).toBe(false);
    expect(calls).toHaveLength(1);
    expect(plan.result?.stat).toMatchObject({ exists: true, path: '/tmp/st.txt', mode: '0644', isreg: true, isdir: false, islnk: false, size: 3, uid: 0, pw_name: 'root', checksum: '55ca6286e3e4f4fba5d0448333fa99fc5a404a73', mimetype: 'text/plain', charset: 'us-ascii', attributes: ['extents'], attr_flags: 'e', version: '2146333', readable: true, executable: false });
  });

  it('times are Python floats: sec + nsec * 1e-9', () => {
    expect(parseStat(FILE, { path: '/tmp/st.txt' }).mtime).toBe(1795313359.289563);
  });

  it('a missing path is only exists: false', async () => {
    const { ctx } = scripted(['missing\n']);
    expect((await stat.plan({ path: '/nope' }, ctx())).result).toEqual({ changed: false, stat: { exists: false } });
  });

  it('links: lnk_source/lnk_target unless followed; checksum by the chosen algorithm', () => {
    const s = statScript({ path: '/l', follow: false, get_checksum: true, checksum_algorithm: 'sha256', get_mime: false, get_attributes: false });
    expect(s).toContain('sha256sum');
    expect(s).toContain('readlink -f');
    expect(s).not.toContain('lsattr');
    const out = parseStat('st=a1ff|1|2|1|4|0|4096|0|0|0|root|root|1.5|1.5|1.5\nsrc=/t\ntgt=t\n', { path: '/l', get_mime: false, get_attributes: false });
    expect(out).toMatchObject({ islnk: true, isreg: false, mode: '0777', lnk_source: '/t', lnk_target: 't' });
    expect(out).not.toHaveProperty('checksum');
  });
});
