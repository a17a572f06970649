import { describe, expect, it } from 'vitest';
import { ipvsadm, parseProbe } from '../../../modules/ipvsadm.js';
import { mergeThresholds, parseList, parseSave, renderSave } from '../../../modules/lib/ipvs-model.js';
import { changesFor } from '../../../modules/lib/ipvs-plan.js';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

// Outputs of the real ipvsadm (1.26 formats, spec §2.2): the lab kernel has no IPVS, so the parser is judged on these.
const SAVE = `-A -t 10.0.0.1:80 -s wlc
-a -t 10.0.0.1:80 -r 192.168.1.11:80 -m -w 1
-A -f 100 -s rr -p 300
-a -f 100 -r 192.168.1.12:0 -g -w 5
-A -u 10.0.0.1:53 -s sh -p 600 -M 255.255.255.0 ops
-A -t [2001:db8::1]:443 -s wrr
-a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -i -w 0
`;
const LIST = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.0.0.1:80 wlc
  -> 192.168.1.11:80              Masq    1      0          0
FWM  100 rr persistent 300
  -> 192.168.1.12:0               Route   5      3          12
UDP  10.0.0.1:53 sh persistent 600 mask 255.255.255.0 ops
TCP  [2001:db8::1]:443 wrr
  -> [2001:db8::10]:443           Tunnel  0      0          0
`;
const THRESHOLDS = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn
  -> RemoteAddress:Port
TCP  10.0.0.1:80
  -> 192.168.1.11:80              100        10         0          0
FWM  100
  -> 192.168.1.12:0               0          0          3          12
`;

describe('ipvsadm -S -n / -L -n parsing', () => {
  it('reads every service and real server of the save format', () => {
    const s = parseSave(SAVE);
    expect(s.map((x) => [x.protocol, x.address, x.scheduler, x.persistent, x.netmask, x.ops])).toEqual([
      ['tcp', '10.0.0.1:80', 'wlc', null, null, false],
      ['fwmark', '100', 'rr', 300, null, false],
      ['udp', '10.0.0.1:53', 'sh', 600, '255.255.255.0', true],
      ['tcp', '[2001:db8::1]:443', 'wrr', null, null, false],
    ]);
    expect(s[0]?.dests).toEqual([{ address: '192.168.1.11:80', forwarding: 'nat', weight: 1, uThreshold: 0, lThreshold: 0 }]);
    expect(s[1]?.dests[0]).toMatchObject({ address: '192.168.1.12:0', forwarding: 'dr', weight: 5 });
    expect(s[3]?.dests[0]).toMatchObject({ address: '[2001:db8::10]:443', forwarding: 'tunnel', weight: 0 });
  });
  it('the list format gives the same table as the save format', () => {
    const strip = (x: ReturnType<typeof parseSave>) => renderSave(x);
    expect(strip(parseList(LIST))).toBe(strip(parseSave(SAVE)));
  });
  it('takes thresholds from -L -n --thresholds (1.26 does not save them)', () => {
    const merged = mergeThresholds(parseSave(SAVE), parseList(THRESHOLDS));
    expect(merged[0]?.dests[0]).toMatchObject({ uThreshold: 100, lThreshold: 10 });
    expect(merged[1]?.dests[0]).toMatchObject({ uThreshold: 0, lThreshold: 0 });
  });
  it('refuses a line that is not a rule, naming it', () => {
    expect(() => parseSave('-A -t 10.0.0.1:80 -s wlc\n-Z nonsense\n')).toThrow(/line 2: not an ipvsadm rule: -Z nonsense/);
    expect(() => parseSave('-a -t 10.0.0.1:80 -r 1.2.3.4:80 -g -w 1\n')).toThrow(/real server before its service/);
  });
});

describe('the minimal commands', () => {
  const table = parseSave(SAVE);
  const cmd = (args: Parameters<typeof changesFor>[1]) => changesFor(table, args).commands.map((c) => c.join(' '));
  it('nothing when the service already matches, -E when an option differs', () => {
    expect(cmd({ vip: '10.0.0.1', port: 80, real_servers: [{ address: '192.168.1.11', forwarding: 'nat' }] })).toEqual([]);
    expect(cmd({ vip: '10.0.0.1:80', scheduler: 'rr', persistent: true })).toEqual(['-E -t 10.0.0.1:80 -s rr -p 300']);
    expect(cmd({ protocol: 'udp', vip: '10.0.0.1', port: 53, scheduler: 'sh', persistent: 600, netmask: '255.255.255.0', ops: true })).toEqual([]);
  });
  it('-A then -a for a new service; a DR real server sits on the service port', () => {
    expect(cmd({ vip: '10.0.0.2', port: 8080, real_servers: [{ address: '192.168.1.20', port: 9999 }, { address: '192.168.1.21', port: 9000, forwarding: 'masq', weight: 3 }] })).toEqual([
      '-A -t 10.0.0.2:8080 -s wlc',
      '-a -t 10.0.0.2:8080 -r 192.168.1.20:8080 -g -w 1',
      '-a -t 10.0.0.2:8080 -r 192.168.1.21:9000 -m -w 3',
    ]);
  });
  it('real_server mode: -e when the weight differs, -d when absent, and never touches the service options', () => {
    expect(cmd({ vip: '10.0.0.1', port: 80, real_server: '192.168.1.11', forwarding: 'nat', weight: 4 })).toEqual(['-e -t 10.0.0.1:80 -r 192.168.1.11:80 -m -w 4']);
    expect(cmd({ vip: '10.0.0.1', port: 80, real_server: '192.168.1.11', state: 'absent' })).toEqual(['-d -t 10.0.0.1:80 -r 192.168.1.11:80']);
    expect(cmd({ vip: '10.9.9.9', port: 80, real_server: '192.168.1.11', state: 'absent' })).toEqual([]);
    expect(cmd({ protocol: 'fwmark', vip: 100, real_server: '192.168.1.12', weight: 5 })).toEqual([]);
  });
  it('purge removes undeclared real servers; rules+purge removes undeclared services; flushed clears', () => {
    expect(cmd({ vip: '10.0.0.1', port: 80, purge: true, real_servers: [{ address: '192.168.1.30' }] })).toEqual(['-d -t 10.0.0.1:80 -r 192.168.1.11:80', '-a -t 10.0.0.1:80 -r 192.168.1.30:80 -g -w 1']);
    expect(cmd({ purge: true, rules: [{ protocol: 'fwmark', vip: 100, scheduler: 'rr', persistent: 300, real_servers: [{ address: '192.168.1.12', weight: 5 }] }] })).toEqual([
      '-D -t 10.0.0.1:80',
      '-D -u 10.0.0.1:53',
      '-D -t [2001:db8::1]:443',
    ]);
    expect(cmd({ state: 'flushed' })).toEqual(['-C']);
    expect(changesFor([], { state: 'flushed' }).commands).toEqual([]);
    expect(cmd({ vip: '10.0.0.1:80', state: 'absent' })).toEqual(['-D -t 10.0.0.1:80']);
  });
  it('bad combinations are clear errors', () => {
    expect(() => cmd({ port: 80 })).toThrow('one of the following is required: vip, rules');
    expect(() => cmd({ vip: '10.0.0.1' })).toThrow(/needs a port/);
    expect(() => cmd({ vip: '10.0.0.1:80', netmask: '255.255.0.0' })).toThrow(/netmask needs persistent/);
  });
});

/** A scripted connection: each exec gets the next reply; every call is counted. */
function scripted(replies: string[]) {
  const calls: { kind: 'exec' | 'put' | 'get'; text: string }[] = [];
  const conn: Connection = {
    host: 'h',
    transport: 'local',
    exec: async (command): Promise<ExecResult> => {
      calls.push({ kind: 'exec', text: command });
      return { rc: 0, stdout: replies.shift() ?? '', stderr: '' };
    },
    put: async (content) => void calls.push({ kind: 'put', text: content.toString() }),
    get: async () => (calls.push({ kind: 'get', text: '' }), Buffer.alloc(0)),
    close: async () => {},
  };
  const ctx = (check = false): ModuleContext => ({ host: 'h', conn, check, diff: true, verbosity: 0, evaluate: () => undefined, vars: {}, searchPath: [] });
  return { calls, ctx };
}
const probe = (save: string, list = THRESHOLDS, file?: string) => `@@save\n${save}@@list\n${list}${file === undefined ? '' : `@@file present /etc/ipvsadm.rules\n${file}`}`;

describe('ipvsadm module round trips', () => {
  const args = { vip: '10.0.0.1', port: 80, real_servers: [{ address: '192.168.1.11', forwarding: 'nat', weight: 2 }], save: true };
  it('first run: one probe + one apply; no-change run: one probe', async () => {
    const { calls, ctx } = scripted([probe(SAVE, THRESHOLDS, SAVE), probe(SAVE.replace('-m -w 1', '-m -w 2'))]);
    const plan = await ipvsadm.plan(args, ctx());
    expect(plan.changed).toBe(true);
    if (!plan.changed) return;
    expect(plan.result).toMatchObject({ commands: ['ipvsadm -e -t 10.0.0.1:80 -r 192.168.1.11:80 -m -w 2'], save_file: '/etc/ipvsadm.rules' });
    expect((plan.result?.services as unknown[])[0]).toMatchObject({ vip: '10.0.0.1', port: 80, real_servers: [{ address: '192.168.1.11', weight: 2, u_threshold: 0 }] });
    expect(plan.diff?.[0]).toMatchObject({ before_header: 'ipvsadm -S -n' });
    const result = await ipvsadm.apply(plan, args, ctx());
    expect(result).toMatchObject({ changed: true, rc: 0 });
    expect(calls.map((c) => c.kind)).toEqual(['exec', 'exec']);
    expect(calls[1]?.text).toContain(`"$b" -e -t 10.0.0.1:80 -r 192.168.1.11:80 -m -w 2 ||`);
    expect(calls[1]?.text).toContain('-S -n > "$t"');

    const again = scripted([probe(SAVE, '', SAVE)]);
    const plan2 = await ipvsadm.plan({ ...args, real_servers: [{ address: '192.168.1.11', forwarding: 'nat' }] }, again.ctx());
    expect(plan2).toMatchObject({ changed: false, result: { changed: false, commands: [] } });
    expect(again.calls).toHaveLength(1);
  });
  it('save: a stale rules file alone is a change (the save, no ipvsadm command)', async () => {
    const { ctx } = scripted([probe(SAVE, THRESHOLDS, '-A -t 10.0.0.1:80 -s wlc\n')]);
    const plan = await ipvsadm.plan({ vip: '10.0.0.1:80', save: true }, ctx());
    expect(plan).toMatchObject({ changed: true, steps: { commands: [], saveFile: '/etc/ipvsadm.rules' } });
  });
  it('a failing command stops the rest and says which', async () => {
    const { ctx } = scripted([probe(''), '@@failed 0 1\n']);
    const plan = await ipvsadm.plan({ vip: '10.0.0.1:80' }, ctx());
    if (!plan.changed) throw new Error('expected a change');
    const result = await ipvsadm.apply(plan, { vip: '10.0.0.1:80' }, ctx());
    expect(result).toMatchObject({ failed: true, changed: false, rc: 1, msg: 'ipvsadm -A -t 10.0.0.1:80 -s wlc failed: ' });
  });
  it('no ipvsadm, or no IPVS in the kernel: a clear failure', () => {
    expect(parseProbe('@@missing\n', 'ipvsadm')).toEqual({ ok: false, msg: 'ipvsadm not found on the target (install the ipvsadm package)' });
    const noKernel = parseProbe("@@failed 1\nCan't initialize ipvs: Protocol not available\nAre you sure that IP Virtual Server is built in the kernel or as module?\n", 'ipvsadm');
    expect(noKernel).toEqual({ ok: false, msg: "IPVS is not available in this host's kernel (load the ip_vs module first): Can't initialize ipvs: Protocol not available" });
  });
});
