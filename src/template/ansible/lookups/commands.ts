// pipe and lines: run a shell command on the controller in the play's basedir.
import { spawnSync } from 'node:child_process';
import { pyStr, TemplateError } from '../../values.js';
import type { LookupFn, TemplateContext } from '../../values.js';

function run(command: string, ctx: TemplateContext, lookup: string): string {
  const result = spawnSync('/bin/sh', ['-c', command], { cwd: ctx.basedir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] });
  const code = result.status ?? (result.signal ? -1 : 0);
  if (code !== 0) throw new TemplateError(`lookup_plugin.${lookup}(${command}) returned ${code}`);
  return result.stdout;
}

/** pipe: stdout with trailing whitespace stripped. */
export const pipe: LookupFn = (terms, _kwargs, ctx) => terms.map((t) => run(pyStr(t), ctx, 'pipe').trimEnd());

/** lines: one item per line of the command's stdout (str.splitlines). */
export const lines: LookupFn = (terms, _kwargs, ctx) =>
  terms.flatMap((t) => {
    const out = run(pyStr(t), ctx, 'lines');
    if (out === '') return [];
    return out.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/);
  });
