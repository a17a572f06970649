import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/parsing/parse-error.js';
import { joinArgs, parseKv, splitArgs } from '../../../src/parsing/split-args.js';

describe('splitArgs', () => {
  it('keeps quoted strings and Jinja2 blocks together, quotes included', () => {
    expect(splitArgs('msg="hello world" x={{ a | default("b c") }} {% if y %}z{% endif %}')).toEqual([
      'msg="hello world"',
      'x={{ a | default("b c") }}',
      '{% if y %}z{% endif %}',
    ]);
  });

  it('keeps newlines so the original text can be rebuilt', () => {
    expect(splitArgs('a\nb c')).toEqual(['a\n', 'b', 'c']);
    expect(joinArgs(splitArgs('echo  a\nb'))).toBe('echo  a\nb');
  });

  it('fails on unbalanced quotes or blocks with Ansible\'s message', () => {
    expect(() => splitArgs('msg="oops')).toThrow(
      new ParseError('failed at splitting arguments, either an unbalanced jinja2 block or quotes: msg="oops'),
    );
    expect(() => splitArgs('x={{ a')).toThrow(/unbalanced jinja2 block or quotes: x=\{\{ a$/);
  });
});

describe('parseKv', () => {
  it('turns k=v pairs into options, removing one pair of quotes', () => {
    expect(parseKv('src=a.conf dest="/etc/my app.conf" mode=0644')).toEqual({
      src: 'a.conf',
      dest: '/etc/my app.conf',
      mode: '0644',
    });
  });

  it('honours \\= in keys and decodes escapes in values', () => {
    expect(parseKv('a\\=b=c')).toEqual({ 'a\\=b': 'c' });
    expect(parseKv('x="a\\tb"')).toEqual({ x: 'a\tb' });
  });

  it('collects free-form words into _raw_params', () => {
    expect(parseKv('echo hi name=x')).toEqual({ name: 'x', _raw_params: 'echo hi' });
  });

  it('for command/shell (checkRaw) pulls out only the command options', () => {
    expect(parseKv('echo a=b chdir=/tmp creates=/x', true)).toEqual({
      chdir: '/tmp',
      creates: '/x',
      _raw_params: 'echo a=b',
    });
    expect(parseKv('grep -c foo=bar file stdin="x y" executable=/bin/bash', true)).toEqual({
      stdin: 'x y',
      executable: '/bin/bash',
      _raw_params: 'grep -c foo=bar file',
    });
  });
});
