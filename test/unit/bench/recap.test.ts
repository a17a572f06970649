import { describe, expect, it } from 'vitest';
import { changedSummary, parseRecap } from '../../../bench/recap.js';

const out = `
PLAY [lab] *********************************************************************

TASK [x] ***********************************************************************
changed: [labh1]

PLAY RECAP *********************************************************************
labh1                      : ok=10   changed=8    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   
labh2                      : ok=9    changed=7    unreachable=1    failed=2    skipped=3    rescued=4    ignored=5   

`;

describe('parseRecap', () => {
  it('reads every host line of the PLAY RECAP', () => {
    const r = parseRecap(out);
    expect([...r!.keys()]).toEqual(['labh1', 'labh2']);
    expect(r!.get('labh1')).toEqual({ ok: 10, changed: 8, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 });
    expect(r!.get('labh2')).toEqual({ ok: 9, changed: 7, unreachable: 1, failed: 2, skipped: 3, rescued: 4, ignored: 5 });
  });

  it('takes the last recap and ignores colour codes', () => {
    const coloured = `PLAY RECAP ***\nold : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n` +
      `PLAY RECAP ***\n\x1b[0;33mlabh3\x1b[0m : \x1b[0;32mok=2\x1b[0m changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n`;
    const r = parseRecap(coloured);
    expect([...r!.keys()]).toEqual(['labh3']);
    expect(r!.get('labh3')!.changed).toBe(2);
  });

  it('stops at the first line after the host lines', () => {
    const r = parseRecap(`${out}labh9 : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\nfooter\n`);
    expect(r!.has('labh9')).toBe(true);
    const cut = parseRecap(`PLAY RECAP\nsome warning\nlabh9 : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n`);
    expect(cut!.size).toBe(0);
  });

  it('is undefined when the run died before the recap', () => {
    expect(parseRecap('ERROR! the playbook could not be found\n')).toBeUndefined();
  });
});

describe('changedSummary', () => {
  it('says changed=N xhosts when every host agrees, else lists them', () => {
    expect(changedSummary(parseRecap(out.replace('changed=7', 'changed=8'))!)).toBe('changed=8 x2');
    expect(changedSummary(parseRecap(out)!)).toBe('changed 8/7');
  });
});
