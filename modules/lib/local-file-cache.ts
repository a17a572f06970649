// A controller file that a task copies to many hosts is read and hashed once, not once per host: 50 hosts x a
// 50 MB src would otherwise hold 2.5 GB and hash it 100 times.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ByteBoundedMap, fileVersionKey } from './byte-bounded-map.js';

// bounded: entries are dropped oldest first past this many bytes (plans in flight keep their own reference)
const files = new ByteBoundedMap<Buffer>(256 * 1024 * 1024, (b) => b.length);
const digests = new WeakMap<Buffer, Map<string, string>>();

/** The file's bytes; the same Buffer while the file is unchanged (same inode, size, mtime and ctime in ns). */
export function readLocalFile(path: string): Buffer {
  const key = fileVersionKey(path, statSync(path, { bigint: true }));
  const cached = files.get(key);
  if (cached) return cached;
  const data = readFileSync(path);
  files.set(key, data);
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
