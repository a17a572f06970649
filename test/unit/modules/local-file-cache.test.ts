import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf, readLocalFile } from '../../../modules/lib/local-file-cache.js';

describe('readLocalFile', () => {
  it('hands every host the same bytes while the file is unchanged, and the new bytes once it changes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsible-lfc-')), 'src.bin');
    writeFileSync(file, 'one');
    const a = readLocalFile(file);
    expect(readLocalFile(file)).toBe(a);
    writeFileSync(file, 'two');
    const b = readLocalFile(file);
    expect(b.toString()).toBe('two');
    expect(a.toString()).toBe('one');
  });
});

describe('digestOf', () => {
  it('is the sha1 / md5 hex digest', () => {
    const data = Buffer.from('hello');
    expect(digestOf(data, 'sha1')).toBe(createHash('sha1').update(data).digest('hex'));
    expect(digestOf(data, 'md5')).toBe(createHash('md5').update(data).digest('hex'));
    expect(digestOf(data, 'sha1')).toBe('aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
  });
});
