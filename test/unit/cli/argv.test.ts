import { describe, expect, it } from 'vitest';
import { parseArgv, UsageError } from '../../../src/cli/argv.js';
import { COMMON_OPTIONS } from '../../../src/cli/common-options.js';

describe('parseArgv (argparse rules)', () => {
  it('takes values attached, separate, or after =', () => {
    const { options, positionals } = parseArgv(['all', '-f20', '-i', 'inv', '--limit=web', '-e', 'a=1', '-e', 'b=2'], COMMON_OPTIONS);
    expect(options).toMatchObject({ forks: '20', inventory: ['inv'], limit: 'web', extraVars: ['a=1', 'b=2'] });
    expect(positionals).toEqual(['all']);
  });

  it('clusters short flags and counts -v', () => {
    const { options } = parseArgv(['-bK', '-vvv', '-v'], COMMON_OPTIONS);
    expect(options).toMatchObject({ become: true, askBecomePass: true, verbose: 4 });
  });

  it('accepts an unambiguous long prefix and rejects unknown options', () => {
    expect(parseArgv(['--become-u', 'app'], COMMON_OPTIONS).options.becomeUser).toBe('app');
    expect(() => parseArgv(['--bogus'], COMMON_OPTIONS)).toThrow(UsageError);
    expect(() => parseArgv(['-i'], COMMON_OPTIONS)).toThrow(/expected one argument/);
  });
});
