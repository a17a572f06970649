import { describe, expect, it } from 'vitest';
import { shlexSplit, ShlexError } from '../../../src/parsing/shlex-split.js';

describe('shlexSplit', () => {
  it('splits on whitespace and removes quotes like a POSIX shell', () => {
    expect(shlexSplit(`web1 owner="ops team" motd='a b' path=a\\ b`)).toEqual(['web1', 'owner=ops team', 'motd=a b', 'path=a b']);
  });

  it('treats # as the start of a comment only when asked, even inside a word', () => {
    expect(shlexSplit('h1 a=1 # note', true)).toEqual(['h1', 'a=1']);
    expect(shlexSplit('h1#x', true)).toEqual(['h1']);
    expect(shlexSplit('h1 "#kept"', true)).toEqual(['h1', '#kept']);
    expect(shlexSplit('h1 # x')).toEqual(['h1', '#', 'x']);
  });

  it('keeps empty quoted words', () => {
    expect(shlexSplit(`a= b="" ''`)).toEqual(['a=', 'b=', '']);
  });

  it("raises Python's errors", () => {
    expect(() => shlexSplit('a "open')).toThrow(new ShlexError('No closing quotation'));
    expect(() => shlexSplit('a\\')).toThrow(new ShlexError('No escaped character'));
  });
});
