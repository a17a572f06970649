import { describe, expect, it } from 'vitest';
import { applyFilter, GatherSubsetError, MINIMAL_SUBSET, selectCollectors } from '../../../src/facts/subset.js';

const names = (spec: string[]): string[] => [...selectCollectors(spec)].sort();
const MIN = [...MINIMAL_SUBSET].sort();

describe('selectCollectors (gather_subset)', () => {
  it('gathers everything for all', () => {
    expect(names(['all'])).toContain('hardware');
    expect(names(['all'])).toContain('network');
    expect(names([])).toEqual(names(['all']));
  });
  it('keeps the minimal set for !all, and nothing for !all,!min', () => {
    expect(names(['!all'])).toEqual(MIN);
    expect(names(['!all', '!min'])).toEqual([]);
  });
  it('adds a named subset to min, with the collectors it needs', () => {
    expect(names(['network'])).toEqual([...MIN, 'network'].sort());
    expect(names(['!all', '!min', 'network'])).toEqual(['distribution', 'network', 'platform']);
    expect(names(['!all', 'mounts'])).toEqual([...MIN, 'hardware'].sort());
  });
  it('treats a lone exclusion as min minus it (not all minus it), as Ansible does', () => {
    expect(names(['!hardware'])).toEqual(MIN);
    expect(names(['all', '!hardware'])).not.toContain('hardware');
    expect(names(['all', '!hardware'])).toContain('network');
    expect(names(['all', '!hardware', 'mounts'])).toContain('hardware');
  });
  it('rejects an unknown subset with the allowed names', () => {
    expect(() => selectCollectors(['bogus'])).toThrow(GatherSubsetError);
    expect(() => selectCollectors(['bogus'])).toThrow(/Bad subset 'bogus' given to Ansible. gather_subset options allowed: all, .*hardware/);
    expect(() => selectCollectors(['!bogus'])).not.toThrow();
  });
});

describe('applyFilter', () => {
  const facts = { ansible_hostname: 'h', ansible_eth0: {}, ansible_lo: {}, ansible_env: {}, gather_subset: ['all'], module_setup: true };
  it('matches fnmatch patterns, also with ansible_ in front', () => {
    expect(Object.keys(applyFilter(facts, ['ansible_hostname']))).toEqual(['ansible_hostname']);
    expect(Object.keys(applyFilter(facts, ['hostname']))).toEqual(['ansible_hostname']);
    expect(Object.keys(applyFilter(facts, ['ansible_e*']))).toEqual(['ansible_eth0', 'ansible_env']);
    expect(Object.keys(applyFilter(facts, ['lo', 'hostname'])).sort()).toEqual(['ansible_hostname', 'ansible_lo']);
  });
  it('keeps everything for no filter or *', () => {
    expect(applyFilter(facts, [])).toBe(facts);
    expect(applyFilter(facts, ['*'])).toBe(facts);
  });
});
