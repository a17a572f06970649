import { describe, expect, it } from 'vitest';
import { checkModuleArgs } from '../../../src/executor/module-args.js';
import { findModule } from '../../../modules/index.js';

describe('module argument coercion', () => {
  it('a YAML-octal int for a str-or-int option stays a number (mode: 0700 is 448, i.e. 0o700), a k=v string stays a string', () => {
    const copy = findModule('copy')!;
    expect(checkModuleArgs(copy, { src: 'a', dest: 'b', directory_mode: 0o700, mode: 0o644 })).toMatchObject({ ok: true, args: { directory_mode: 448, mode: 420 } });
    expect(checkModuleArgs(copy, { src: 'a', dest: 'b', mode: '0644' })).toMatchObject({ ok: true, args: { mode: '0644' } });
  });

  it('a value of no allowed type is still coerced to the first one', () => {
    expect(checkModuleArgs(findModule('file')!, { path: 'p', mode: true })).toMatchObject({ ok: true, args: { mode: 'True' } });
  });
});
