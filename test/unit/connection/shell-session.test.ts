import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientChannel } from 'ssh2';
import { runChannel } from '../../../src/connection/run-channel.js';
import { ShellSession } from '../../../src/connection/shell-session.js';

// The session's protocol against a real /bin/sh; only the SSH channel around it is stood in for:
// a child process whose pipes play the channel's stdout, stderr and stdin. `chunkSize` cuts what the
// shell prints into pieces that small, as a slow link would.
function shellChannel(command: string, chunkSize = 0): { channel: ClientChannel; kill: () => void } {
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const channel = new EventEmitter() as EventEmitter & { stderr: EventEmitter; write: (s: string) => boolean; end: () => void; signal: (name: string) => void; close: () => void };
  channel.stderr = new EventEmitter();
  const forward = (target: EventEmitter) => (chunk: Buffer) => {
    if (chunkSize === 0) return target.emit('data', chunk);
    for (let at = 0; at < chunk.length; at += chunkSize) target.emit('data', chunk.subarray(at, at + chunkSize));
  };
  child.stdout.on('data', forward(channel));
  child.stderr.on('data', forward(channel.stderr));
  child.on('close', () => channel.emit('close'));
  channel.write = (text: string) => child.stdin.write(text);
  channel.end = () => child.stdin.end();
  // as sshd does with a `signal` request and a channel close: the shell gets the signal, its pipes go
  channel.signal = (name: string) => process.kill(-child.pid!, `SIG${name}` as NodeJS.Signals);
  channel.close = () => child.stdin.destroy();
  return { channel: channel as unknown as ClientChannel, kill: () => process.kill(-child.pid!, 'SIGKILL') };
}

const sessions: ShellSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});

async function open(chunkSize = 0, probe?: string): Promise<{ session: ShellSession; kill: () => void }> {
  let kill = (): void => {};
  const session = await ShellSession.open(async (line) => {
    const made = shellChannel(line, chunkSize);
    kill = made.kill;
    return made.channel;
  }, probe);
  sessions.push(session);
  return { session, kill };
}

async function run(session: ShellSession, command: string) {
  return runChannel(session.run(command), {});
}

describe('ShellSession: many commands through one shell', () => {
  it('keeps stdout, stderr and the exit code of each command apart', async () => {
    const { session } = await open();
    expect(await run(session, 'echo out; echo err >&2; exit 3')).toEqual({ rc: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(await run(session, 'printf "no newline"')).toEqual({ rc: 0, stdout: 'no newline', stderr: '' });
    expect(await run(session, 'true')).toEqual({ rc: 0, stdout: '', stderr: '' });
  });

  it('finds its markers when the output arrives a byte at a time', async () => {
    const { session } = await open(1);
    expect(await run(session, 'echo a; echo b >&2; exit 7')).toEqual({ rc: 7, stdout: 'a\n', stderr: 'b\n' });
    expect(await run(session, 'printf x')).toEqual({ rc: 0, stdout: 'x', stderr: '' });
  });

  it('gives a command its own subshell: cd, variables, exit, traps and syntax errors do not leak', async () => {
    const { session } = await open();
    const home = (await run(session, 'pwd')).stdout;
    expect(await run(session, 'cd /proc; X=1; export Y=2; trap "echo bye" EXIT; echo in')).toMatchObject({ stdout: 'in\nbye\n' });
    expect((await run(session, 'pwd; echo "[$X][$Y]"')).stdout).toBe(`${home}[][]\n`);
    const broken = await run(session, 'echo start; if then');
    expect(broken.rc).toBe(2);
    expect(broken.stderr).toMatch(/syntax error/i);
    expect(await run(session, 'echo alive')).toEqual({ rc: 0, stdout: 'alive\n', stderr: '' });
  });

  it('does not hand the command the session stdin', async () => {
    const { session } = await open();
    expect((await run(session, 'cat; echo done')).stdout).toBe('done\n');
    expect((await run(session, 'echo next')).stdout).toBe('next\n');
  });

  it('carries binary and large output intact', async () => {
    const { session } = await open();
    const bytes = await new Promise<Buffer>((resolve) => {
      const channel = session.run(`printf '${Array.from({ length: 255 }, (_, i) => `\\${(i + 1).toString(8).padStart(3, '0')}`).join('')}'`);
      const out: Buffer[] = [];
      channel.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      void channel.done.then(() => resolve(Buffer.concat(out)));
    });
    expect([...bytes]).toEqual(Array.from({ length: 255 }, (_, i) => i + 1));
    const big = await run(session, 'yes 0123456789abcdef | head -c 4000000');
    expect(big.stdout.length).toBe(4_000_000);
    expect(big.rc).toBe(0);
  });

  it('takes one command at a time', async () => {
    const { session } = await open();
    const first = session.run('sleep 0.1; echo first');
    expect(session.usable).toBe(false);
    expect(() => session.run('echo second')).toThrow(/busy/);
    await runChannel(first, {});
    expect(session.usable).toBe(true);
  });

  it('ends a command with exit code 255 and what it printed when the shell dies under it', async () => {
    const { session, kill } = await open();
    const channel = session.run('echo partial; sleep 5');
    setTimeout(kill, 200);
    const result = await runChannel(channel, {});
    expect(result).toEqual({ rc: 255, stdout: 'partial\n', stderr: '' });
    expect(session.closed).toBe(true);
    expect(session.usable).toBe(false);
  });

  it('runs a well-behaved read of tsible\'s own in the shell itself, one process less, its variables unexported', async () => {
    const { session } = await open();
    const shellPid = (await run(session, 'echo $$')).stdout;
    const parent = 'sh -c "echo \\$PPID"; true';
    expect((await runChannel(session.run(parent, true), {})).stdout).toBe(shellPid);
    expect((await run(session, parent)).stdout).not.toBe(shellPid);
    expect(await runChannel(session.run('p=/etc; echo "in $p"; false', true), {})).toEqual({ rc: 1, stdout: 'in /etc\n', stderr: '' });
    // a later command's programs do not see what the read left in the shell
    expect((await run(session, 'sh -c \'echo "[$p]"\'')).stdout).toBe('[]\n');
  });

  it('a command that runs out of time ends at its timeout, and takes the shell (and what it started) with it', async () => {
    const { session } = await open();
    const started = Date.now();
    const channel = session.run('echo partial; sleep 30; echo never');
    await expect(runChannel(channel, { timeoutMs: 300 })).rejects.toThrow(/did not finish within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(session.closed).toBe(true);
  });
});

describe('ShellSession: a probe written at open', () => {
  for (const chunkSize of [0, 1, 7]) {
    it(`answers apart from the first command, whose output follows it (${chunkSize === 0 ? 'whole' : `${chunkSize}-byte`} chunks)`, async () => {
      const { session } = await open(chunkSize, 'uname; printf "no newline"');
      const first = run(session, 'echo first; echo err >&2');
      expect(await session.probed).toBe('Linux\nno newline');
      expect(await first).toEqual({ rc: 0, stdout: 'first\n', stderr: 'err\n' });
      expect(await run(session, 'echo second')).toEqual({ rc: 0, stdout: 'second\n', stderr: '' });
    });
  }

  it('answers nothing when the shell goes first', async () => {
    const { session, kill } = await open(0, 'sleep 5');
    kill();
    expect(await session.probed).toBeUndefined();
  });
});
