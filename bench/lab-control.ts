// What the harness asks of the SSH lab: bring it up (or pick hosts of a running one), put hosts back to a
// known state between runs, and write the inventory the tools share.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labDir, labHosts, labScript, type LabHost } from '../test/lab/lab.js';

function run(args: string[], quiet: boolean): Promise<{ rc: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(labScript(), args, { stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
      if (!quiet) process.stderr.write(b);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ rc: code ?? -1, out }));
  });
}

async function lab(args: string[], quiet = true): Promise<void> {
  const r = await run(args, quiet);
  if (r.rc !== 0) throw new Error(`lab ${args.slice(0, 3).join(' ')}${args.length > 3 ? ' ...' : ''} failed (${r.rc}): ${r.out.trim()}`);
}

export const labUp = (n: number): Promise<void> => lab(['up', String(n), '--python'], false);
export const labDown = (): Promise<void> => lab(['down'], false);

/** Hosts labh<first>..labh<first+n-1> of the running lab; an error says what is missing. */
export function pickHosts(first: number, n: number): LabHost[] {
  const all = labHosts();
  const byName = new Map(all.map((h) => [h.name, h]));
  const picked: LabHost[] = [];
  for (let i = first; i < first + n; i++) {
    const h = byName.get(`labh${i}`);
    if (!h) throw new Error(`labh${i} is not in the running lab (it has ${all.length} hosts); lower --hosts or --first`);
    picked.push(h);
  }
  return picked;
}

/** LAB_VARIANT of the running lab ('python' is what Ansible needs). */
export function labVariant(): string {
  try {
    return /^LAB_VARIANT=(\S+)$/m.exec(readFileSync(join(labDir(), 'env'), 'utf8'))?.[1] ?? '';
  } catch {
    return '';
  }
}

export const resetHosts = (hosts: readonly LabHost[]): Promise<void> => lab(['reset', ...hosts.map((h) => h.name)]);

/** Run `sh -c cmd` as root on every host, 8 at a time; throws naming the first host that failed. */
export async function shellOnHosts(hosts: readonly LabHost[], cmd: string): Promise<void> {
  const queue = [...hosts];
  const worker = async (): Promise<void> => {
    for (let h = queue.shift(); h; h = queue.shift()) {
      const r = await run(['exec', h.name, 'sh', '-c', cmd], true);
      if (r.rc !== 0) throw new Error(`${h.name}: '${cmd}' failed (${r.rc}): ${r.out.trim()}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, hosts.length) }, worker));
}

/** An INI inventory of just these hosts in group [lab], as the lab's own (ansible_user=root). */
export function writeInventory(file: string, hosts: readonly LabHost[]): void {
  const lines = ['[lab]', ...hosts.map((h) => `${h.name} ansible_host=${h.ip}`), '', '[lab:vars]', 'ansible_user=root', ''];
  writeFileSync(file, lines.join('\n'));
}
