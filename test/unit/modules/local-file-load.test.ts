import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocalFile, LocalFileLoad } from '../../../modules/lib/local-file-load.js';

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

describe('LocalFileLoad', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-lfl-'));

  it('streams the whole file to every reader, started at once or late, and hashes it once', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 3);
    const file = join(dir, 'big.bin');
    writeFileSync(file, data);
    const load = loadLocalFile(file);
    expect(loadLocalFile(file), 'the same load while the file is unchanged').toBe(load);
    const [a, b] = await Promise.all([collect(load.chunks()), collect(load.chunks())]);
    expect(a.equals(data)).toBe(true);
    expect(b.equals(data)).toBe(true);
    expect((await collect(load.chunks())).equals(data), 'a reader after the end').toBe(true);
    expect(await load.digests).toEqual({
      sha1: createHash('sha1').update(data).digest('hex'),
      md5: createHash('md5').update(data).digest('hex'),
    });
    writeFileSync(file, 'changed');
    expect(loadLocalFile(file)).not.toBe(load);
  });

  it('a file that cannot be read fails its readers and its digests with the path', async () => {
    const missing = join(dir, 'gone.bin');
    const load = new LocalFileLoad(missing, 10);
    await expect(collect(load.chunks())).rejects.toThrow(`Could not read ${missing}`);
    await expect(load.digests).rejects.toThrow(/ENOENT/);
  });

  it('a file that shrank since it was stat-ed is an error, not a short upload', async () => {
    const file = join(dir, 'short.bin');
    writeFileSync(file, 'abc');
    await expect(collect(new LocalFileLoad(file, 10).chunks())).rejects.toThrow(/shrank while it was read \(3 of 10 bytes\)/);
  });
});
