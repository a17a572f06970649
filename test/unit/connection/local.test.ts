import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';

describe('local connection', () => {
  const conn = new LocalConnection('localhost');

  it('runs through /bin/sh with stdin, env and cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-local-'));
    const result = await conn.exec('pwd; echo "$GREETING"; cat', { stdin: 'in', env: { GREETING: "it's me" }, cwd: dir });
    expect(result).toEqual({ rc: 0, stdout: `${dir}\nit's me\nin`, stderr: '' });
    expect((await conn.exec('exit 3')).rc).toBe(3);
  });

  it('writes atomically: mode applied, old file replaced whole, no temp file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-put-'));
    const path = join(dir, 'f.conf');
    writeFileSync(path, 'old');
    const data = Buffer.alloc(3 * 1024 * 1024, 7);
    await conn.put(data, path, { mode: '0640' });
    expect(readFileSync(path).equals(data)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['f.conf']);
    expect((await conn.get(path)).equals(data)).toBe(true);
  });

  it('keeps an existing file mode when none is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-put-'));
    const path = join(dir, 'keep');
    writeFileSync(path, 'old', { mode: 0o600 });
    await conn.put('new', path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('fails clearly when the directory does not exist, and kills a command past its timeout', async () => {
    await expect(conn.put('x', '/nonexistent-dir/f')).rejects.toThrow(/Could not write \/nonexistent-dir\/f/);
    await expect(conn.exec('sleep 5', { timeoutMs: 200 })).rejects.toThrow(/did not finish within 0.2 s/);
  });

  it('streams chunks into a put as they come; a source that fails leaves the old file and no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-put-'));
    const path = join(dir, 'streamed');
    writeFileSync(path, 'old');
    const parts = [Buffer.alloc(1024 * 1024, 1), Buffer.alloc(2 * 1024 * 1024, 2), Buffer.from('end')];
    async function* chunks(fail = false): AsyncGenerator<Buffer> {
      for (const p of parts) {
        await new Promise((r) => setTimeout(r, 5));
        yield p;
        if (fail) throw new Error('disk went away');
      }
    }
    const size = parts.reduce((n, p) => n + p.length, 0);
    await expect(conn.put({ chunks: chunks(true), size }, path)).rejects.toThrow('disk went away');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['streamed']);
    await expect(conn.put({ chunks: chunks(), size: size + 1 }, path)).rejects.toThrow(`received ${size} of ${size + 1} bytes`);
    expect(readdirSync(dir)).toEqual(['streamed']);
    await conn.put({ chunks: chunks(), size }, path, { mode: '0600' });
    expect(readFileSync(path).equals(Buffer.concat(parts))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
