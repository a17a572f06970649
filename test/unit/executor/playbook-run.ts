// Runs a small playbook on localhost (connection local) through the CLI, as a user would, for executor tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../../src/cli/main.js';

export interface PlaybookRun {
  code: number;
  out: string;
  err: string;
  dir: string;
}

/** Write `files` (path -> text, play.yml among them) into a fresh dir and run play.yml with -v. */
export async function runPlaybook(files: Record<string, string>): Promise<PlaybookRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-executor-'));
  for (const [name, text] of Object.entries({ inv: 'localhost ansible_connection=local\n', ...files })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  let out = '';
  let err = '';
  const code = await run('tsible-playbook', ['-v', '-i', join(dir, 'inv'), join(dir, 'play.yml')], { out: (t) => (out += t), err: (t) => (err += t), isTty: false, columns: 80 });
  return { code, out, err, dir };
}
