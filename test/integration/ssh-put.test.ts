import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnection } from '../../src/connection/ssh.js';
import { loadLocalFile } from '../../modules/lib/local-file-load.js';
import { labExec, labHome, labHosts } from '../lab/lab.js';

const BIG = 50 * 1024 * 1024;

function open(host = 'labh1'): Promise<SshConnection> {
  const ip = labHosts().find((h) => h.name === host)?.ip as string;
  return SshConnection.open({
    host,
    address: ip,
    port: 22,
    user: 'root',
    privateKeyFiles: [join(labHome(), '.ssh', 'id_ed25519')],
    hostKeyChecking: true,
    knownHostsFiles: [join(labHome(), '.ssh', 'known_hosts')],
    timeoutMs: 10_000,
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('ssh connection: one connection, many commands, atomic puts', () => {
  let conn: SshConnection;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(() => conn.close());

  it('runs many commands at once over one connection (more than sshd allows sessions)', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => conn.exec(`echo ${i}; echo e${i} >&2; exit ${i % 3}`)));
    results.forEach((r, i) => expect(r).toEqual({ rc: i % 3, stdout: `${i}\n`, stderr: `e${i}\n` }));
    // all of that went over a single TCP connection to the host's sshd
    const tcp = labExec('labh1', "ss -Htn state established '( sport = :22 )' | wc -l");
    expect(tcp.stdout.trim()).toBe('1');
  });

  it('puts 50 MB intact, with mode and owner, and reads it back', async () => {
    const data = randomBytes(BIG);
    const started = performance.now();
    await conn.put(data, '/root/big.bin', { mode: '0640', owner: 'tsuser', group: 'root' });
    console.log(`put 50 MB: ${(performance.now() - started).toFixed(0)} ms`);
    const check = labExec('labh1', 'sha256sum /root/big.bin; stat -c "%a %U %G %s" /root/big.bin');
    expect(check.stdout).toBe(`${createHash('sha256').update(data).digest('hex')}  /root/big.bin\n640 tsuser root ${BIG}\n`);
    const back = await conn.get('/root/big.bin');
    expect(back.equals(data)).toBe(true);
  });

  it('a connection cut half way through a 50 MB put leaves the old file intact and no temp file', async () => {
    labExec('labh1', 'printf old > /root/atomic.conf; rm -f /root/.tsible-tmp.*');
    const victim = await open();
    const upload = victim.put(randomBytes(BIG), '/root/atomic.conf').then(
      () => 'finished',
      (error: Error) => error.message,
    );
    // wait until the temp file holds some megabytes, then drop the TCP connection from our side
    let partial = 0;
    for (let i = 0; i < 200 && partial < 5 * 1024 * 1024; i++) {
      await sleep(20);
      partial = Number(labExec('labh1', 'stat -c %s /root/.tsible-tmp.* 2>/dev/null | head -1').stdout.trim() || 0);
    }
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(BIG);
    victim.abort();
    expect(await upload).not.toBe('finished');
    // the remote side notices the dead channel, finds the size short, and removes its temp file
    let left = '';
    for (let i = 0; i < 100; i++) {
      left = labExec('labh1', 'ls -a /root | grep tsible-tmp || true').stdout.trim();
      if (left === '') break;
      await sleep(100);
    }
    expect(left).toBe('');
    expect(labExec('labh1', 'cat /root/atomic.conf').stdout).toBe('old');
  });

  it('a put into a missing directory fails with the path and the reason, small or streamed', async () => {
    await expect(conn.put('x', '/no/such/dir/f')).rejects.toThrow(/Could not write \/no\/such\/dir\/f on labh1: .*\/no\/such\/dir\/\.tsible-tmp\.\w+: Directory nonexistent/);
    await expect(conn.put(Buffer.alloc(1024 * 1024), '/no/such/dir/f')).rejects.toThrow(/Could not write \/no\/such\/dir\/f on labh1: mktemp: .*No such file or directory/);
  });

  it('a small put (inside the command, through the shell session) keeps bytes, mode and owner as the streamed one does', async () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
    labExec('labh1', 'rm -rf /root/small && mkdir /root/small && cd /root/small && printf old > kept && chmod 0604 kept && chown tsuser kept');
    await conn.put(bytes, '/root/small/new');
    await conn.put(bytes, '/root/small/kept');
    await conn.put('given\n', '/root/small/given', { mode: '0751', owner: 'tsuser', group: 'root' });
    const listing = labExec('labh1', 'cd /root/small && stat -c "%n %a %U %G" * .tsible-tmp* 2>/dev/null; sha256sum < new; sha256sum < kept');
    const sum = createHash('sha256').update(bytes).digest('hex');
    // a new file gets the umask's mode (022 here), a replaced one keeps its mode and owner; no temp file is left
    expect(listing.stdout).toBe(`given 751 tsuser root\nkept 604 tsuser root\nnew 644 root root\n${sum}  -\n${sum}  -\n`);
  });

  it('streams a controller file while it is read; a source that fails mid-way leaves the old file and no temp file', async () => {
    const data = randomBytes(BIG);
    const file = join(mkdtempSync(join(tmpdir(), 'tsible-stream-')), 'big.bin');
    writeFileSync(file, data);
    const load = loadLocalFile(file);
    await conn.put({ chunks: load.chunks(), size: load.size }, '/root/streamed.bin', { mode: '0600' });
    const sha = createHash('sha256').update(data).digest('hex');
    expect(labExec('labh1', 'sha256sum < /root/streamed.bin; stat -c %a /root/streamed.bin').stdout).toBe(`${sha}  -\n600\n`);

    labExec('labh1', 'printf old > /root/streamed.conf');
    async function* failing(): AsyncGenerator<Buffer> {
      yield data.subarray(0, 4 * 1024 * 1024);
      throw new Error('the source went away');
    }
    await expect(conn.put({ chunks: failing(), size: BIG }, '/root/streamed.conf')).rejects.toThrow('the source went away');
    expect(labExec('labh1', 'cat /root/streamed.conf; ls -a /root | grep tsible-tmp || true').stdout).toBe('old');
  });
});
