import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setup } from '../../../modules/setup.js';
import type { Connection, ExecResult } from '../../../src/connection/types.js';
import { checkModuleArgs } from '../../../src/executor/module-args.js';
import type { ModuleContext } from '../../../src/executor/module-contract.js';

const RAW = readFileSync(new URL('./fixtures/debian12-gvisor.out', import.meta.url), 'utf8');

function ctx(transport: 'ssh' | 'local', stdout = RAW): ModuleContext {
  const conn: Connection = {
    host: 'h',
    transport,
    async exec(command: string): Promise<ExecResult> {
      const nonce = /@@tsible-facts-([0-9a-f]+)@@/.exec(command)?.[1] ?? '';
      return { rc: 0, stdout: stdout.replaceAll('@@tsible-facts-fixture@@', `@@tsible-facts-${nonce}@@`), stderr: '' };
    },
    put: async () => undefined,
    get: async () => Buffer.alloc(0),
    close: async () => undefined,
  };
  return { host: 'h', conn, check: false, diff: false, verbosity: 0, evaluate: () => undefined };
}

describe('setup module', () => {
  it('answers to setup, ansible.builtin.setup and ansible.legacy.setup', () => {
    expect([setup.name, ...setup.aliases]).toEqual(['ansible.builtin.setup', 'setup', 'ansible.legacy.setup']);
  });

  it('takes gather_subset and filter as comma-separated strings, like Ansible list args', () => {
    const checked = checkModuleArgs(setup, { gather_subset: '!all,network', filter: 'ansible_eth*' });
    expect(checked).toEqual({ ok: true, args: expect.objectContaining({ gather_subset: ['!all', 'network'], filter: ['ansible_eth*'] }) });
    expect(checkModuleArgs(setup, { bogus: 1 }).ok).toBe(false);
  });

  // discovered_interpreter_python is not setup's: interpreter discovery adds it to any module's result (run-module.ts)
  it('returns ansible_facts, unchanged', async () => {
    const plan = await setup.plan({}, ctx('ssh'));
    expect(plan.changed).toBe(false);
    const facts = (plan.result as { ansible_facts: Record<string, unknown> }).ansible_facts;
    expect(facts).toMatchObject({ ansible_hostname: 'vm', ansible_os_family: 'Debian', gather_subset: ['all'], module_setup: true });
  });

  it('reports the subset it gathered over the local connection', async () => {
    const plan = await setup.plan({ gather_subset: ['!all'] }, ctx('local'));
    const facts = (plan.result as { ansible_facts: Record<string, unknown> }).ansible_facts;
    expect(facts.gather_subset).toEqual(['!all']);
  });

  it('fails like Ansible on a bad subset', async () => {
    const plan = await setup.plan({ gather_subset: ['bogus'] }, ctx('ssh'));
    expect(plan.result).toMatchObject({ failed: true, msg: expect.stringMatching(/^Bad subset 'bogus' given to Ansible\. gather_subset options allowed: all, all_ipv4_addresses,/) });
  });
});
