import { describe, expect, it } from 'vitest';
import { parseWalk } from '../../../modules/lib/file-walk.js';

describe('file state=absent path_content (os.walk order from find output)', () => {
  it('lists each directory\'s subdirectories and files before descending, in directory order', () => {
    const out = 'x\n@walk\nd /d/sub\nf /d/sub/b\nd /d/sub/deeper\nf /d/sub/deeper/c\nf /d/a\nd /d/other\n@endwalk\n';
    expect(parseWalk(out, '/d/')).toEqual({
      directories: ['/d/sub', '/d/other', '/d/sub/deeper'],
      files: ['/d/a', '/d/sub/b', '/d/sub/deeper/c'],
    });
  });
  it('a symlink to a directory counts as a directory and is not entered', () => {
    expect(parseWalk('@walk\nd /d/link\nf /d/f\n@endwalk\n', '/d')).toEqual({ directories: ['/d/link'], files: ['/d/f'] });
  });
});
