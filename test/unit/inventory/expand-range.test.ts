import { describe, expect, it } from 'vitest';
import { expandHostPattern, expandHostRange } from '../../../src/inventory/expand-range.js';

describe('expandHostRange', () => {
  it('expands numeric ranges, keeping zero padding', () => {
    expect(expandHostRange('web[01:03].example.com')).toEqual(['web01.example.com', 'web02.example.com', 'web03.example.com']);
    expect(expandHostRange('web[8:10]')).toEqual(['web8', 'web9', 'web10']);
  });

  it('expands letter ranges and steps', () => {
    expect(expandHostRange('db-[a:c]')).toEqual(['db-a', 'db-b', 'db-c']);
    expect(expandHostRange('node[1:10:4]')).toEqual(['node1', 'node5', 'node9']);
    expect(expandHostRange('x[a:e:2]')).toEqual(['xa', 'xc', 'xe']);
  });

  it('expands several ranges in one name', () => {
    expect(expandHostRange('r[1:2]-[a:b]')).toEqual(['r1-a', 'r1-b', 'r2-a', 'r2-b']);
  });

  it('defaults an empty start to 0', () => {
    expect(expandHostRange('h[:2]')).toEqual(['h0', 'h1', 'h2']);
  });

  it("fails with Ansible's messages", () => {
    expect(() => expandHostRange('h[1:2:3:4]')).toThrow('host range must be begin:end or begin:end:step');
    expect(() => expandHostRange('h[1:]')).toThrow('host range must specify end value');
    expect(() => expandHostRange('h[01:100]')).toThrow('host range must specify equal-length begin and end formats');
    expect(() => expandHostRange('h[c:a]')).toThrow('host range must have begin <= end');
    expect(() => expandHostRange('h[x:3]')).toThrow("invalid literal for int() with base 10: 'x'");
  });
});

describe('expandHostPattern', () => {
  it('splits a port off valid addresses', () => {
    expect(expandHostPattern('web1:2222')).toEqual({ hostnames: ['web1'], port: 2222 });
    expect(expandHostPattern('[::1]:22')).toEqual({ hostnames: ['::1'], port: 22 });
    expect(expandHostPattern('10.0.0.[1:2]:22')).toEqual({ hostnames: ['10.0.0.1', '10.0.0.2'], port: 22 });
  });

  it('keeps a bare IPv6 address whole', () => {
    expect(expandHostPattern('fe80::1')).toEqual({ hostnames: ['fe80::1'], port: undefined });
  });

  it('leaves names that are no valid address untouched', () => {
    expect(expandHostPattern('host:abc')).toEqual({ hostnames: ['host:abc'], port: undefined });
  });
});
