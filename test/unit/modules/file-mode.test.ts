import { describe, expect, it } from 'vitest';
import { formatMode, resolveMode } from '../../../modules/lib/file-mode.js';

describe('resolveMode', () => {
  it('takes octal strings and YAML-octal ints as they are', () => {
    expect(resolveMode('0644', 0o777, false)).toBe(0o644);
    expect(resolveMode('644', 0o777, false)).toBe(0o644);
    expect(resolveMode(0o600, 0o777, false)).toBe(0o600);
    expect(resolveMode('01777', 0, true)).toBe(0o1777);
  });
  it('applies symbolic modes to the current bits', () => {
    expect(resolveMode('u=rw,g=r,o=', 0o777, false)).toBe(0o640);
    expect(resolveMode('g+w', 0o644, false)).toBe(0o664);
    expect(resolveMode('a-x', 0o755, false)).toBe(0o644);
    expect(resolveMode('u=rwX,g=rX,o=', 0o644, false)).toBe(0o640);
    expect(resolveMode('u=rwX,g=rX,o=', 0o644, true)).toBe(0o750);
    expect(resolveMode('+t', 0o755, true)).toBe(0o1755);
    expect(resolveMode('u+s', 0o755, false)).toBe(0o4755);
  });
  it('rejects nonsense', () => {
    expect(resolveMode('rwx', 0, false)).toBeInstanceOf(Error);
  });
  it('formats four digits', () => {
    expect(formatMode(0o644)).toBe('0644');
    expect(formatMode(0o1777)).toBe('1777');
  });
});
