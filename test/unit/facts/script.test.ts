import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildGatherScript, Sections, sectionMarker } from '../../../src/facts/script.js';
import { COLLECTORS, selectCollectors } from '../../../src/facts/subset.js';

describe('buildGatherScript', () => {
  it('is valid POSIX sh', () => {
    const script = buildGatherScript(new Set(COLLECTORS), 'abc');
    expect(() => execFileSync('sh', ['-n', '-c', script])).not.toThrow();
  });
  it('never sends traffic: no route lookups to outside addresses, no DNS tools', () => {
    const script = buildGatherScript(new Set(COLLECTORS), 'abc');
    expect(script).not.toMatch(/route get|8\.8\.8\.8|2404:6800|\bnslookup\b|\bdig\b|\bhost\s|hostname -f|getent hosts|curl|wget|\bping\b/);
  });
  it('only probes what the subset asks for', () => {
    const min = buildGatherScript(selectCollectors(['!all']), 'abc');
    expect(min).not.toContain('ip addr');
    expect(min).not.toContain('/proc/meminfo');
    expect(min).toContain('/etc/os-release');
    const none = buildGatherScript(selectCollectors(['!all', '!min']), 'abc');
    expect(none).not.toContain('uname');
  });
});

describe('Sections', () => {
  const m = sectionMarker('n1');
  it('splits sections and dumped files', () => {
    const out = `\n${m} files\n/etc/hostname\n/etc/empty\n\n${m} filedata\n/etc/hostname:web1\n\n${m} uname\nLinux web1 6.1 #1 x86_64\n\n${m} end\n`;
    const s = new Sections(out, 'n1');
    expect(s.complete()).toBe(true);
    expect(s.text('uname')).toBe('Linux web1 6.1 #1 x86_64\n');
    expect(s.file('/etc/hostname')).toBe('web1\n');
    expect(s.file('/etc/empty')).toBe('');
    expect(s.file('/etc/missing')).toBeUndefined();
    expect(s.text('nope')).toBeUndefined();
  });
  it('is not fooled by a marker with another nonce inside a file', () => {
    const out = `\n${m} filedata\n/etc/motd:${sectionMarker('evil')} end\n`;
    expect(new Sections(out, 'n1').complete()).toBe(false);
  });
});
