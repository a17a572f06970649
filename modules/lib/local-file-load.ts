// A big controller file that copy sends: read once per run in chunks, hashed on the way, and streamed to every
// host that needs it as the chunks arrive. The upload starts while the file is still being read and hashed, so
// reading, hashing and the network overlap; 50 hosts still share one read and one hash.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { ByteBoundedMap, fileVersionKey } from './byte-bounded-map.js';

/** files from this size are streamed (smaller ones are read whole: they may be diffed or sent inline) */
export const STREAM_MIN_BYTES = 1024 * 1024;
const CHUNK_BYTES = 2 * 1024 * 1024;
// loads kept for later tasks, oldest dropped first past this many bytes (a transfer in flight keeps its own)
const MAX_HELD_BYTES = 256 * 1024 * 1024;

export interface FileDigests {
  sha1: string;
  md5: string;
}

export class LocalFileLoad {
  private readonly parts: Buffer[] = [];
  private finished = false;
  private failure: Error | undefined;
  private wake: (() => void)[] = [];
  /** sha1 and md5 of the whole file, once it has been read */
  readonly digests: Promise<FileDigests>;

  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    this.digests = this.read();
    this.digests.catch(() => undefined);
  }

  /** The file's bytes, chunk by chunk, as soon as each has been read (from the start, for every caller). */
  async *chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; ; ) {
      if (i < this.parts.length) {
        yield this.parts[i++] as Buffer;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.finished) return;
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
  }

  private async read(): Promise<FileDigests> {
    const sha1 = createHash('sha1');
    const md5 = createHash('md5');
    try {
      const fh = await open(this.path, 'r');
      try {
        // exactly the size that was stat'ed, which is what the target checks it received
        for (let at = 0; at < this.size; ) {
          const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, this.size - at));
          const { bytesRead } = await fh.read(buf, 0, buf.length, at);
          if (bytesRead === 0) throw new Error(`${this.path} shrank while it was read (${at} of ${this.size} bytes)`);
          const part = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
          sha1.update(part);
          md5.update(part);
          this.parts.push(part);
          at += bytesRead;
          this.notify();
        }
      } finally {
        await fh.close();
      }
    } catch (error) {
      this.failure = new Error(`Could not read ${this.path}: ${(error as Error).message}`);
      this.notify();
      throw this.failure;
    }
    this.finished = true;
    this.notify();
    return { sha1: sha1.digest('hex'), md5: md5.digest('hex') };
  }

  private notify(): void {
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }
}

const loads = new ByteBoundedMap<LocalFileLoad>(MAX_HELD_BYTES, (load) => load.size);

/** The run's one load of this file while it is unchanged (same inode, size, mtime and ctime in ns). */
export function loadLocalFile(path: string): LocalFileLoad {
  const st = statSync(path, { bigint: true });
  const key = fileVersionKey(path, st);
  const known = loads.get(key);
  if (known) return known;
  const load = new LocalFileLoad(path, Number(st.size));
  loads.set(key, load);
  return load;
}
