import { describe, expect, it } from 'vitest';
import { countRoundTrips } from '../../../bench/round-trip-run.js';

describe('countRoundTrips', () => {
  it('counts the -vvv EXEC, PUT and FETCH lines of one host, nothing else', () => {
    const out = [
      'TASK [copy] ****',
      '<labh1> EXEC echo ~ && stat /srv/x',
      '<labh2> EXEC echo other host',
      '<labh1> PUT 6 bytes TO /srv/x',
      '<labh1> FETCH /srv/y',
      '<labh1> ESTABLISH SSH CONNECTION FOR USER: root',
      'changed: [labh1]',
    ].join('\n');
    expect(countRoundTrips(out, 'labh1')).toBe(3);
    expect(countRoundTrips(out, 'labh2')).toBe(1);
  });
});
