import { describe, expect, it } from 'vitest';
import { factFilesFrom, localFacts, parseIniFact } from '../../../src/facts/local-facts.js';

describe('local facts (facts.d)', () => {
  it('reads JSON, then INI, and names the file it could not read', () => {
    const files = factFilesFrom([
      ['localf /etc/ansible/facts.d/j.fact', '{"a": 1, "b": [true, null]}\n'],
      ['localf /etc/ansible/facts.d/i.fact', '[general]\nName = web\ncolor: blue\n  green\n\n[DEFAULT]\nenv=prod\n[other]\nx=1\n'],
      ['localx /etc/ansible/facts.d/x.fact', '{"exec": "yes"}\n\n@rc=0\n'],
      ['localx /etc/ansible/facts.d/fail.fact', '\n@rc=3\n'],
      ['localf /etc/ansible/facts.d/bad.fact', 'not json\n'],
      ['localf /etc/ansible/facts.d/empty.fact', ''],
      ['uname', 'Linux h 6.1 #1 x86_64\n'],
    ]);
    expect(localFacts(files)).toEqual({
      local: {
        bad: 'error loading facts as JSON or ini - please check content: /etc/ansible/facts.d/bad.fact',
        empty: {},
        fail: 'Failure executing fact script (/etc/ansible/facts.d/fail.fact), rc: 3, err: ',
        i: { general: { name: 'web', color: 'blue\ngreen', env: 'prod' }, other: { env: 'prod', x: '1' } },
        j: { a: 1, b: [true, null] },
        x: { exec: 'yes' },
      },
    });
  });

  it('rejects INI text outside a section, as configparser does', () => {
    expect(parseIniFact('key=value\n')).toBeUndefined();
  });
});
