import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wrapBecome } from '../../../src/connection/become.js';
import { BecomeError } from '../../../src/connection/errors.js';
import { runChannel, type Channel } from '../../../src/connection/run-channel.js';

/** A scripted sudo: prompts on stderr, checks the password line, then prints the marker and echoes stdin. */
function fakeSudo(marker: string, prompt: string, password: string | undefined): { channel: Channel; stdinSeen: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let received = '';
  let authed = password === undefined;
  let resolveDone: (rc: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const finish = (rc: number): void => {
    stdout.end();
    stderr.end();
    resolveDone(rc);
  };
  const stdin = new Writable({
    write(chunk: Buffer, _enc, cb) {
      received += chunk.toString();
      if (!authed && received.endsWith('\n')) {
        const line = received.trimEnd();
        received = '';
        if (line === password) {
          authed = true;
          stdout.write(`${marker}\n`);
        } else stderr.write(`Sorry, try again.\n${prompt}`);
      }
      cb();
    },
    final(cb) {
      if (authed) {
        stdout.write(`got:${received}`);
        finish(0);
      }
      cb();
    },
  });
  setImmediate(() => (password === undefined ? stdout.write(`${marker}\n`) : stderr.write(prompt)));
  return { channel: { stdout, stderr, stdin, done, kill: () => finish(137) }, stdinSeen: () => received };
}

describe('runChannel with become', () => {
  const become = { method: 'sudo' as const, user: 'root', password: 's3cret' };

  it('answers the prompt, hides the marker, and feeds stdin only to the real command', async () => {
    const wrapped = wrapBecome('cat', become);
    expect(wrapped.command).not.toContain('s3cret');
    const promptText = /-p '([^']+)'/.exec(wrapped.command)?.[1] ?? '';
    const { channel } = fakeSudo(wrapped.successMarker, promptText, 's3cret');
    const result = await runChannel(channel, { stdin: 'data', become: { wrapped, password: 's3cret', method: 'sudo' } });
    expect(result).toEqual({ rc: 0, stdout: 'got:data', stderr: '' });
  });

  it('reports a wrong password as "Incorrect sudo password"', async () => {
    const wrapped = wrapBecome('true', { ...become, password: 'wrong' });
    const promptText = /-p '([^']+)'/.exec(wrapped.command)?.[1] ?? '';
    const { channel } = fakeSudo(wrapped.successMarker, promptText, 's3cret');
    await expect(runChannel(channel, { become: { wrapped, password: 'wrong', method: 'sudo' } })).rejects.toThrow(new BecomeError('Incorrect sudo password'));
  });

  it('without a password, uses sudo -n and needs no prompt', async () => {
    const wrapped = wrapBecome('cat', { method: 'sudo', user: 'app' });
    expect(wrapped.command).toMatch(/^sudo -H -S -n -u app \/bin\/sh -c /);
    const { channel } = fakeSudo(wrapped.successMarker, '', undefined);
    const result = await runChannel(channel, { stdin: 'x', become: { wrapped, method: 'sudo' } });
    expect(result.stdout).toBe('got:x');
  });
});
