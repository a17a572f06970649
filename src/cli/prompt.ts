import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';

/** Ctrl-C at a prompt: the CLI turns it into Ansible's "User interrupted execution" (99). */
export class PromptInterrupted extends Error {
  override readonly name = 'PromptInterrupted';
}

/** Ask for a secret on the controlling terminal without echo, like Python's getpass. */
export async function promptSecret(question: string): Promise<string> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    throw new Error(`Cannot ask "${question.trim()}": there is no terminal. Use a password file (--connection-password-file / --become-password-file) instead.`);
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  output.write(question);
  input.setRawMode(true);
  try {
    return await new Promise<string>((resolve, reject) => {
      let answer = '';
      input.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return resolve(answer);
          if (ch === '\u0003') return reject(new PromptInterrupted('User interrupted execution'));
          if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
          else answer += ch;
        }
      });
    });
  } finally {
    output.write('\n');
    input.setRawMode(false);
    input.destroy();
    output.destroy();
    try {
      closeSync(fd);
    } catch {
      /* already closed by the streams */
    }
  }
}
