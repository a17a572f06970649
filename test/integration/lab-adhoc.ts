// Ad-hoc module runs on one lab host, as the package-module lab tests make them.
import { expect } from 'vitest';
import { labExec } from '../lab/lab.js';
import { runCli } from './cli.js';

export interface AdhocRun {
  verdict: string;
  result: Record<string, unknown>;
  code: number;
}

export type Adhoc = (module: string, args: string, check?: boolean) => Promise<AdhocRun>;

/** `tsible HOST -i INVENTORY -m MODULE -a ARGS [--check]`: the verdict word and the JSON result. */
export function adhocOn(host: string, inventory: string): Adhoc {
  return async (module, args, check = false) => {
    const r = await runCli('tsible', [host, '-i', inventory, '-m', module, '-a', args, ...(check ? ['--check'] : [])]);
    const m = /^\S+ \| (\w+)!? => (\{[\s\S]*\})\s*$/.exec(r.stdout);
    if (!m) throw new Error(`unexpected output of ${module} ${args}:\n${r.stdout}${r.stderr}`);
    return { verdict: m[1] ?? '', result: JSON.parse(m[2] ?? '{}') as Record<string, unknown>, code: r.code };
  };
}

/** Check mode (state() as it was), then for real (changed, state() differs), then again (ok): the three results. */
export async function threeTimes(run: Adhoc, module: string, args: string, state: () => string): Promise<Record<string, Record<string, unknown>>> {
  const before = state();
  const checked = await run(module, args, true);
  expect(checked.verdict, `${module} ${args} in check mode`).toBe('CHANGED');
  expect(state(), 'check mode left the host as it was').toBe(before);
  const first = await run(module, args);
  expect(first.verdict, `${module} ${args}`).toBe('CHANGED');
  expect(state()).not.toBe(before);
  const second = await run(module, args);
  expect(second.verdict, `${module} ${args} again`).toBe('SUCCESS');
  expect(second.result.changed).toBe(false);
  return { checked: checked.result, first: first.result, second: second.result };
}

/** A shell command as root on the host, its stdout; a failure throws with what it printed. */
export function shOn(host: string): (cmd: string) => string {
  return (cmd) => {
    const r = labExec(host, cmd);
    if (r.rc !== 0) throw new Error(`${cmd} failed on ${host} (rc ${r.rc}): ${r.stdout}${r.stderr}`);
    return r.stdout;
  };
}
