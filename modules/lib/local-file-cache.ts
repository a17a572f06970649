// A controller file that a task copies to many hosts is read and hashed once, not once per host: 50 hosts x a
// 50 MB src would otherwise hold 2.5 GB and hash it 100 times.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

// bounded: entries are dropped oldest first past this many bytes (plans in flight keep their own reference)
const MAX_BYTES = 256 * 1024 * 1024;
const files = new Map<string, Buffer>();
let held = 0;
const digests = new WeakMap<Buffer, Map<string, string>>();

/** The file's bytes; the same Buffer while the file is unchanged (same inode, size, mtime and ctime in ns). */
export function readLocalFile(path: string): Buffer {
  const st = statSync(path, { bigint: true });
  const key = `${path}\0${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  const cached = files.get(key);
  if (cached) return cached;
  const data = readFileSync(path);
  if (data.length <= MAX_BYTES) {
    files.set(key, data);
    held += data.length;
    for (const [k, v] of files) {
      if (held <= MAX_BYTES) break;
      files.delete(k);
      held -= v.length;
    }
  }
  return data;
}

/** Hex digest of data, computed once per Buffer. */
export function digestOf(data: Buffer, algorithm: 'sha1' | 'md5'): string {
  let byAlgo = digests.get(data);
  if (!byAlgo) {
    byAlgo = new Map();
    digests.set(data, byAlgo);
  }
  let hex = byAlgo.get(algorithm);
  if (hex === undefined) {
    hex = createHash(algorithm).update(data).digest('hex');
    byAlgo.set(algorithm, hex);
  }
  return hex;
}
