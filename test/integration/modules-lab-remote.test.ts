// Remote-file and network modules on two lab hosts (labh9, labh10 only), run with tsible-playbook as a user would.
//
// ipvsadm: the lab kernel has NO IPVS, so the real ipvsadm cannot work there. These tests install a STAND-IN on labh9
// (fixtures/ipvsadm-standin.sh at /usr/local/sbin/ipvsadm): a small sh script that keeps the table in a file, applies
// -A/-E/-D/-a/-e/-d/-C/-R with ipvsadm's option parsing, defaults and errors, and answers `-S -n` / `-L -n` in the real
// format. What they prove is the module's command sequences and idempotence, not IPVS itself. labh10 has no ipvsadm at
// all: there the module must fail with a clear message, as it must on labh9 when the stand-in answers like a kernel
// without ip_vs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labExec, labHosts } from '../lab/lab.js';
import { ROOT, runCli } from './cli.js';

const MINE = ['labh9', 'labh10'];
const hosts = (() => {
  try {
    return labHosts().filter((h) => MINE.includes(h.name));
  } catch {
    return [];
  }
})();
const work = mkdtempSync(join(tmpdir(), 'tsible-lab-remote-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, 'inventory.ini'), `[lab]\n${hosts.map((h) => `${h.name} ansible_host=${h.ip} ansible_user=root`).join('\n')}\n`);

let seq = 0;
/** Write a playbook of these tasks for `hosts`, run it with tsible-playbook. */
async function play(target: string, tasks: string, extra: string[] = []) {
  const file = join(work, `play${seq++}.yml`);
  writeFileSync(file, `- hosts: ${target}\n  gather_facts: false\n  tasks:\n${tasks.replace(/^/gm, '    ')}\n`);
  return runCli('tsible-playbook', ['-i', join(work, 'inventory.ini'), file, ...extra], { cwd: work });
}
const recap = (stdout: string, host: string) => {
  const m = new RegExp(`^${host}\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)`, 'm').exec(stdout);
  return m ? { ok: Number(m[1]), changed: Number(m[2]), failed: Number(m[4]) } : null;
};
const on = (host: string, cmd: string) => {
  const r = labExec(host, cmd);
  if (r.rc !== 0) throw new Error(`${cmd} on ${host}: rc ${r.rc} ${r.stderr}`);
  return r.stdout;
};

describe.runIf(hosts.length === 2)('ipvsadm on the lab (stand-in ipvsadm on labh9: the kernel has no IPVS)', () => {
  const standin = readFileSync(join(ROOT, 'test', 'integration', 'fixtures', 'ipvsadm-standin.sh')).toString('base64');
  const reset = 'rm -rf /var/lib/ipvsadm-standin /etc/ipvsadm.rules /etc/ipvsadm-standin-noipvs';
  beforeAll(() => {
    on('labh9', `echo ${standin} | base64 -d > /usr/local/sbin/ipvsadm && chmod 755 /usr/local/sbin/ipvsadm && ${reset}`);
    on('labh10', 'rm -f /usr/local/sbin/ipvsadm');
  });
  afterAll(() => {
    labExec('labh9', `rm -f /usr/local/sbin/ipvsadm; ${reset}`);
  });
  const service = (weight: number, extra = '') => `- name: web service
  ipvsadm:
    vip: 10.0.0.1
    port: 80
    scheduler: rr
    save: true
    real_servers:
      - {address: 192.168.1.11, forwarding: nat, weight: 2}
      - {address: 192.168.1.12, weight: ${weight}}${extra}
  register: r
- debug: var=r.commands`;
  const table = () => on('labh9', 'ipvsadm -S -n');

  it('check mode reports the change and leaves the table and rules file alone', async () => {
    const run = await play('labh9', service(1), ['--check']);
    expect(run.code).toBe(0);
    expect(recap(run.stdout, 'labh9')).toMatchObject({ changed: 1, failed: 0 });
    expect(run.stdout).toContain('"ipvsadm -A -t 10.0.0.1:80 -s rr"');
    expect(table()).toBe('');
    expect(on('labh9', 'test -e /etc/ipvsadm.rules && echo yes || echo no')).toBe('no\n');
  });

  it('first run adds the service and its real servers and saves; second run changes nothing', async () => {
    const first = await play('labh9', service(1));
    expect(first.code).toBe(0);
    expect(recap(first.stdout, 'labh9')).toMatchObject({ changed: 1, failed: 0 });
    const expected = '-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 192.168.1.11:80 -m -w 2\n-a -t 10.0.0.1:80 -r 192.168.1.12:80 -g -w 1\n';
    expect(table()).toBe(expected);
    expect(on('labh9', 'cat /etc/ipvsadm.rules')).toBe(expected);
    const second = await play('labh9', service(1));
    expect(recap(second.stdout, 'labh9')).toMatchObject({ changed: 0, failed: 0 });
    expect(second.stdout).toContain('"r.commands": []');
  });

  it('--diff shows the table before and after; only the differing real server is edited (-e)', async () => {
    const checked = await play('labh9', service(3), ['--check', '--diff']);
    expect(checked.stdout).toContain('-a -t 10.0.0.1:80 -r 192.168.1.12:80 -g -w 1');
    expect(checked.stdout).toContain('+-a -t 10.0.0.1:80 -r 192.168.1.12:80 -g -w 3');
    expect(table()).toContain('192.168.1.12:80 -g -w 1');
    const run = await play('labh9', service(3), ['--diff']);
    expect(recap(run.stdout, 'labh9')).toMatchObject({ changed: 1 });
    expect(run.stdout).toContain('"ipvsadm -e -t 10.0.0.1:80 -r 192.168.1.12:80 -g -w 3"');
    expect(run.stdout).not.toContain('ipvsadm -E');
    expect(on('labh9', 'cat /etc/ipvsadm.rules')).toContain('192.168.1.12:80 -g -w 3');
  });

  it('thresholds (not in -S output) are read from -L -n --thresholds: idempotent too', async () => {
    const task = `- ipvsadm: {vip: 10.0.0.1, port: 80, real_server: 192.168.1.11, forwarding: masq, weight: 2, u_threshold: 50}`;
    expect(recap((await play('labh9', task)).stdout, 'labh9')).toMatchObject({ changed: 1 });
    expect(on('labh9', 'ipvsadm -L -n --thresholds')).toMatch(/192\.168\.1\.11:80\s+50\s+0/);
    expect(recap((await play('labh9', task)).stdout, 'labh9')).toMatchObject({ changed: 0, failed: 0 });
  });

  it('purge removes undeclared real servers; a whole table with rules + purge; state=flushed', async () => {
    const purge = await play('labh9', `- ipvsadm: {vip: 10.0.0.1, port: 80, scheduler: rr, purge: true, real_servers: [{address: 192.168.1.12, weight: 3}]}\n  register: r\n- debug: var=r.commands`);
    expect(purge.stdout).toContain('"ipvsadm -d -t 10.0.0.1:80 -r 192.168.1.11:80"');
    expect(table()).toBe('-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 192.168.1.12:80 -g -w 3\n');
    const rules = `- ipvsadm:
    purge: true
    rules:
      - {protocol: fwmark, vip: 100, scheduler: wlc, persistent: 600, real_servers: [{address: 192.168.1.20, weight: 5}]}
      - {protocol: udp, vip: 10.0.0.2, port: 53, real_servers: [{address: 192.168.1.21, forwarding: tunnel}]}`;
    const first = await play('labh9', rules);
    expect(recap(first.stdout, 'labh9')).toMatchObject({ changed: 1, failed: 0 });
    expect(table()).toBe('-A -f 100 -s wlc -p 600\n-a -f 100 -r 192.168.1.20:0 -g -w 5\n-A -u 10.0.0.2:53 -s wlc\n-a -u 10.0.0.2:53 -r 192.168.1.21:53 -i -w 1\n');
    expect(recap((await play('labh9', rules)).stdout, 'labh9')).toMatchObject({ changed: 0 });
    expect(recap((await play('labh9', '- ipvsadm: {state: flushed}')).stdout, 'labh9')).toMatchObject({ changed: 1 });
    expect(table()).toBe('');
    expect(recap((await play('labh9', '- ipvsadm: {state: flushed}')).stdout, 'labh9')).toMatchObject({ changed: 0 });
  });

  it('no ipvsadm on labh10, no IPVS in the kernel on labh9: a clear failure, nothing else', async () => {
    on('labh9', 'touch /etc/ipvsadm-standin-noipvs');
    const run = await play('all', '- ipvsadm: {vip: 10.0.0.1, port: 80}');
    on('labh9', 'rm -f /etc/ipvsadm-standin-noipvs');
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/fatal: \[labh10\]: FAILED! => .*"msg": "ipvsadm not found on the target \(install the ipvsadm package\)"/);
    expect(run.stdout).toMatch(/fatal: \[labh9\]: FAILED! => .*"msg": "IPVS is not available in this host's kernel \(load the ip_vs module first\): Can't initialize ipvs: Protocol not available"/);
  });
});

describe.runIf(hosts.length === 2)('fetch, find, tempfile, wait_for and script on labh9 and labh10', () => {
  beforeAll(() => {
    for (const h of MINE) on(h, `rm -rf /srv/rf && mkdir -p /srv/rf/sub/.hid && printf '${h}\\n' > /srv/rf/host.txt && echo log > /srv/rf/sub/a.log && echo x > /srv/rf/sub/.hid/b.log && echo needle > /srv/rf/sub/c.log`);
  });
  afterAll(() => {
    for (const h of MINE) labExec(h, 'rm -rf /srv/rf /tmp/tsible-wf');
  });

  it('fetch: check mode skips and writes nothing; first run changed, second ok; dest/inventory_hostname/src and flat', async () => {
    const dest = join(work, 'fetched');
    const task = `- fetch: {src: /srv/rf/host.txt, dest: ${dest}}\n- fetch:\n    src: /srv/rf/host.txt\n    dest: "${dest}/flat-{{ inventory_hostname }}.txt"\n    flat: true`;
    const checked = await play('all', task, ['--check']);
    expect(checked.stdout).toMatch(/skipping: \[labh9\]/);
    expect(() => readFileSync(join(dest, 'labh9', 'srv/rf/host.txt'))).toThrow();
    const first = await play('all', task);
    expect(recap(first.stdout, 'labh9')).toMatchObject({ changed: 2, failed: 0 });
    expect(readFileSync(join(dest, 'labh9', 'srv/rf/host.txt'), 'utf8')).toBe('labh9\n');
    expect(readFileSync(join(dest, 'flat-labh10.txt'), 'utf8')).toBe('labh10\n');
    const second = await play('all', task);
    expect(recap(second.stdout, 'labh10')).toMatchObject({ ok: 2, changed: 0 });
    const missing = await play('labh9', '- fetch: {src: /srv/rf/nope, dest: /tmp}');
    expect(missing.stdout).toContain('the remote file does not exist, not transferring, ignored');
  });

  it('find: patterns, recurse, hidden, contains, in one task; never changed', async () => {
    const task = `- find: {paths: /srv/rf, patterns: '*.log', recurse: true}\n  register: plain\n- find: {paths: /srv/rf, patterns: '*.log', recurse: true, hidden: true, contains: 'need.*'}\n  register: needle\n- debug: msg="{{ plain.matched }} {{ plain.examined }} {{ plain.files | map(attribute='path') | sort | join(',') }} {{ needle.files | map(attribute='path') | join(',') }}"`;
    for (const args of [[], ['--check']]) {
      const run = await play('labh10', task, args);
      expect(recap(run.stdout, 'labh10')).toMatchObject({ changed: 0, failed: 0 });
      expect(run.stdout).toContain('"msg": "3 6 /srv/rf/sub/.hid/b.log,/srv/rf/sub/a.log,/srv/rf/sub/c.log /srv/rf/sub/c.log"');
    }
  });

  it('tempfile: a new file or directory each run (changed), skipped in check mode', async () => {
    const task = `- tempfile: {state: directory, prefix: tsible., suffix: .d}\n  register: t\n- debug: var=t.path`;
    const checked = await play('labh9', task, ['--check']);
    expect(checked.stdout).toMatch(/skipping: \[labh9\]/);
    const run = await play('labh9', task);
    expect(recap(run.stdout, 'labh9')).toMatchObject({ changed: 1, failed: 0 });
    const path = /"t\.path": "(\/tmp\/tsible\.\w{8}\.d)"/.exec(run.stdout)?.[1];
    expect(path).toBeDefined();
    expect(on('labh9', `stat -c '%F %a' ${path}; rmdir ${path}`)).toBe('directory 700\n');
  });

  it('wait_for: a path that appears later, sshd port started, Ansible\'s timeout message', async () => {
    on('labh9', 'rm -f /tmp/tsible-wf; (sleep 8; echo ready > /tmp/tsible-wf) >/dev/null 2>&1 &');
    const run = await play('labh9', `- wait_for: {path: /tmp/tsible-wf, search_regex: 'rea(?P<rest>dy)', timeout: 40}\n  register: w\n- wait_for: {port: 22, timeout: 5}\n- debug: msg="{{ w.elapsed >= 1 }} {{ w.match_groupdict.rest }}"`);
    expect(recap(run.stdout, 'labh9')).toMatchObject({ changed: 0, failed: 0 });
    expect(run.stdout).toContain('"msg": "True dy"');
    const late = await play('labh9', '- wait_for: {port: 1, timeout: 2}');
    expect(late.stdout).toMatch(/fatal: \[labh9\]: FAILED! => .*"msg": "Timeout when waiting for 127\.0\.0\.1:1"/);
  });

  it('script: runs with args and chdir, leaves nothing behind; creates skips the second run', async () => {
    writeFileSync(join(work, 'mark.sh'), '#!/bin/sh\necho "in $(pwd) with $*"; touch /srv/rf/marked\n');
    const task = `- script: mark.sh one "two three" creates=/srv/rf/marked chdir=/srv/rf/sub\n  register: s\n- debug: var=s.stdout`;
    const checked = await play('labh10', task, ['--check']);
    expect(recap(checked.stdout, 'labh10')).toMatchObject({ changed: 1 });
    expect(on('labh10', 'test -e /srv/rf/marked && echo yes || echo no')).toBe('no\n');
    const first = await play('labh10', task);
    expect(recap(first.stdout, 'labh10')).toMatchObject({ changed: 1, failed: 0 });
    expect(first.stdout).toContain('"s.stdout": "in /srv/rf/sub with one two three\\n"');
    expect(on('labh10', 'ls /tmp | grep -c tsible-script || true')).toBe('0\n');
    const second = await play('labh10', task);
    expect(recap(second.stdout, 'labh10')).toMatchObject({ changed: 0 });
  });
});

describe.runIf(hosts.length === 2)('unarchive on labh9 (tar, gzip; no unzip in the lab image)', () => {
  afterAll(() => void labExec('labh9', 'rm -rf /srv/ua'));
  it('a local .tar.gz: extracted once, then unchanged; check mode leaves dest alone; a zip without unzip fails clearly', async () => {
    on('labh9', 'rm -rf /srv/ua && mkdir -p /srv/ua');
    const src = join(work, 'bundle');
    mkdirSync(join(src, 'app'), { recursive: true });
    writeFileSync(join(src, 'app', 'conf.ini'), 'x=1\n');
    execFileSync('tar', ['-C', src, '-czf', join(work, 'bundle.tgz'), 'app']);
    const task = '- unarchive: {src: bundle.tgz, dest: /srv/ua, list_files: true}\n  register: u\n- debug: var=u.files';
    const checked = await play('labh9', task, ['--check']);
    expect(recap(checked.stdout, 'labh9')).toMatchObject({ changed: 1, failed: 0 });
    expect(on('labh9', 'ls -A /srv/ua')).toBe('');
    const first = await play('labh9', task);
    expect(recap(first.stdout, 'labh9')).toMatchObject({ changed: 1, failed: 0 });
    expect(on('labh9', 'cat /srv/ua/app/conf.ini; ls /tmp | grep -c "^tmp\\." || true')).toBe('x=1\n0\n');
    const second = await play('labh9', task);
    expect(recap(second.stdout, 'labh9')).toMatchObject({ changed: 0, failed: 0 });
    expect(second.stdout).toContain('"app/conf.ini"');
    writeFileSync(join(work, 'fake.zip'), Buffer.from('504b0506000000000000000000000000000000000000', 'hex'));
    const zip = await play('labh9', '- unarchive: {src: fake.zip, dest: /srv/ua}');
    expect(zip.stdout).toContain('Failed to find handler for');
    expect(zip.stdout).toContain('Make sure the required command to extract the file is installed.');
  });
});

// get_url downloads on the controller (the lab image has no curl or wget): the test serves the URL itself, from the
// controller netns (this test runs inside tsl-ctl), on the controller's lab address 10.77.0.1 and a free port.
describe.runIf(hosts.length === 2)('get_url on labh10 (served from the controller at 10.77.0.1)', () => {
  let server: Server;
  let base = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/pkg.txt') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Auth-Seen': String(req.headers['x-token'] ?? '') });
        res.end(req.headers['x-token'] === 'abc' ? 'payload v1\n' : 'no token\n');
      } else {
        res.writeHead(404, 'Not Found');
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '10.77.0.1', resolve));
    base = `http://10.77.0.1:${(server.address() as AddressInfo).port}`;
    on('labh10', 'rm -rf /srv/gu && mkdir -p /srv/gu');
  });
  afterAll(async () => {
    labExec('labh10', 'rm -rf /srv/gu');
    await new Promise((resolve) => server.close(resolve));
  });
  it('downloads with headers and mode once; check mode writes nothing; checksum makes the next run ok; 404 fails', async () => {
    const sum = 'sha256:' + (await import('node:crypto')).createHash('sha256').update('payload v1\n').digest('hex');
    const task = `- get_url:\n    url: ${base}/pkg.txt\n    dest: /srv/gu/\n    mode: '0640'\n    checksum: ${sum}\n    headers: {X-Token: abc}\n  register: g\n- debug: var=g.dest`;
    const checked = await play('labh10', task, ['--check']);
    expect(recap(checked.stdout, 'labh10')).toMatchObject({ changed: 1, failed: 0 });
    expect(on('labh10', 'ls -A /srv/gu')).toBe('');
    const first = await play('labh10', task);
    expect(recap(first.stdout, 'labh10')).toMatchObject({ changed: 1, failed: 0 });
    expect(first.stdout).toContain('"g.dest": "/srv/gu/pkg.txt"');
    expect(on('labh10', "cat /srv/gu/pkg.txt; stat -c '%a' /srv/gu/pkg.txt")).toBe('payload v1\n640\n');
    const before = hits;
    const second = await play('labh10', task);
    expect(recap(second.stdout, 'labh10')).toMatchObject({ changed: 0, failed: 0 });
    expect(hits).toBe(before);
    const missing = await play('labh10', `- get_url: {url: '${base}/nope', dest: /srv/gu/x}`);
    expect(missing.stdout).toMatch(/"msg": "Request failed"/);
    expect(missing.stdout).toContain('"response": "HTTP Error 404: Not Found"');
  });
});
