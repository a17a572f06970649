import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../src/playbook/load.js';

/** The load error for a one-task play, as the user reads it. */
function loadError(task: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tsible-args-')), 'site.yml');
  writeFileSync(file, `- hosts: all\n  tasks:\n    - name: t1\n      ${task}\n`);
  try {
    loadPlaybook(file, () => {});
  } catch (error) {
    return (error as Error).message.replace(file, 'site.yml');
  }
  return 'no error';
}

describe('module argument errors at load', () => {
  it('names the task, the file and line, and lists the supported options with aliases apart, as Ansible does', () => {
    const msg = loadError('file: {path: /tmp/x, bogus: 1}');
    expect(msg.split('\n')[0]).toBe(
      "task 't1' (file): Unsupported parameters for (file) module: bogus. Supported parameters include: _diff_peek, _original_basename, access_time, access_time_format, attributes, follow, force, group, mode, modification_time, modification_time_format, owner, path, recurse, selevel, serole, setype, seuser, src, state, unsafe_writes (dest, name).",
    );
    expect(msg).toContain("The error appears to be in 'site.yml': line 3, column 7");
  });

  it('gives the allowed choices in Ansible\'s order', () => {
    expect(loadError('lineinfile: {path: /x, line: x, state: maybe}').split('\n')[0]).toBe("task 't1' (lineinfile): value of state must be one of: absent, present, got: maybe");
  });

  it('names a missing option once, not each of its aliases', () => {
    expect(loadError('lineinfile: {line: x}').split('\n')[0]).toBe("task 't1' (lineinfile): missing required arguments: path");
  });
});
