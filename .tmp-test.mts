import { splitArgs, parseKv } from './src/parsing/split-args.ts';
import { readFileSync } from 'node:fs';
const exp = JSON.parse(readFileSync('/tmp/scratch/sa.json', 'utf8'));
const run = (f: () => unknown) => { try { return f() } catch (e: any) { return 'ERR ' + e.message } };
let n = 0;
for (const [s, v] of Object.entries<any>(exp)) {
  const got = { split: run(() => splitArgs(s)), kv: run(() => parseKv(s)), kvraw: run(() => parseKv(s, true)) };
  for (const k of ['split', 'kv', 'kvraw'] as const) {
    if (JSON.stringify(got[k]) !== JSON.stringify(v[k])) { n++; console.log('DIFF', k, JSON.stringify(s), 'py', JSON.stringify(v[k]), 'ts', JSON.stringify(got[k])); }
  }
}
console.log('diffs', n, 'of', Object.keys(exp).length);
