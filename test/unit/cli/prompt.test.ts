import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../../src/cli/prompt.js';

describe('LineReader (the answers to --step and vars_prompt from stdin)', () => {
  it('gives one line per question, however the input was chunked, then undefined at the end', async () => {
    const stream = new PassThrough();
    const lines = new LineReader(stream);
    stream.write('y\nye');
    stream.write('s\r\n\nla');
    stream.end('st');
    expect(await lines.next()).toBe('y');
    expect(await lines.next()).toBe('yes');
    expect(await lines.next()).toBe('');
    // like input(): what is left before the end of input is a last answer
    expect(await lines.next()).toBe('last');
    expect(await lines.next()).toBeUndefined();
  });

  it('waits for an answer typed later', async () => {
    const stream = new PassThrough();
    const lines = new LineReader(stream);
    const answer = lines.next();
    setTimeout(() => stream.write('c\n'), 10);
    expect(await answer).toBe('c');
  });
});
