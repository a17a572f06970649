// YAML syntax errors worded and placed as Ansible's libyaml loader reports them (each case checked with PyYAML's CSafeLoader).
import { describe, expect, it } from 'vitest';
import { loadYaml11 } from '../../../src/parsing/yaml-11.js';

const problem = (text: string): string => {
  try {
    loadYaml11(text, 'f.yml', () => undefined);
  } catch (error) {
    return (error as Error).message.replace('Syntax Error while loading YAML. ', '');
  }
  return 'loaded';
};

describe('YAML syntax errors in libyaml words', () => {
  it.each([
    ['- hosts: all\n  tasks: [\n', 'did not find expected node content (f.yml, line 3, column 1)'],
    ['a: {b: \n', 'did not find expected node content (f.yml, line 2, column 1)'],
    ['a: [1,\n', 'did not find expected node content (f.yml, line 2, column 1)'],
    ['a: [\n  1\n', "did not find expected ',' or ']' (f.yml, line 3, column 1)"],
    ['a: {b\n', "did not find expected ',' or '}' (f.yml, line 2, column 1)"],
    ["a: 'x\nb: 2\n", 'found unexpected end of stream (f.yml, line 3, column 1)'],
    ['a: [@x]\n', 'found character that cannot start any token (f.yml, line 1, column 5)'],
  ])('%j', (text, expected) => {
    expect(problem(text)).toBe(expected);
  });
});
