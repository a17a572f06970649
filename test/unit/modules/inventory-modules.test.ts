import { describe, expect, it } from 'vitest';
import { addHost } from '../../../modules/add-host.js';
import { groupBy } from '../../../modules/group-by.js';
import { pause } from '../../../modules/pause.js';
import { applyInventoryChange } from '../../../src/executor/runtime-inventory.js';
import { toOutcome } from '../../../src/executor/outcome.js';
import { InventoryData } from '../../../src/inventory/inventory-data.js';
import { groupsVar } from '../../../src/vars/magic-vars.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

function inventory() {
  const data = new InventoryData(() => {});
  data.addGroup('web');
  data.addHost('h1', 'web');
  data.reconcile();
  return data.inventory;
}

describe('add_host', () => {
  it('describes the host, its groups and vars (name:port gives the port); the engine adds it once, changed', async () => {
    const conn = new FakeConnection();
    const plan = await addHost.plan({ name: 'new:2222', groups: 'a, b', ansible_host: '10.0.0.9', colour: 'blue' }, fakeContext(conn));
    expect(plan.result).toEqual({ add_host: { host_name: 'new', groups: ['a', 'b'], host_vars: { ansible_ssh_port: 2222, ansible_host: '10.0.0.9', colour: 'blue' } } });
    expect(conn.roundTrips.total).toBe(0);
    const inv = inventory();
    const before = groupsVar(inv);
    const first = applyInventoryChange(inv, 'h1', toOutcome('h1', plan.result!));
    expect(first.status).toBe('changed');
    expect(inv.hosts.get('new')?.vars).toMatchObject({ ansible_host: '10.0.0.9', colour: 'blue' });
    expect(groupsVar(inv)).not.toBe(before);
    expect(groupsVar(inv)).toMatchObject({ all: ['new', 'h1'], a: ['new'], b: ['new'], ungrouped: [] });
    expect(applyInventoryChange(inv, 'h1', toOutcome('h1', plan.result!)).status).toBe('ok');
  });

  it('needs a name', async () => {
    expect((await addHost.plan({ groups: 'x' }, fakeContext(new FakeConnection()))).result).toEqual({ failed: true, msg: 'name, host or hostname needs to be provided' });
  });
});

describe('group_by', () => {
  it('puts the host in the group (spaces become dashes) under its parents; changed only the first time', async () => {
    const plan = await groupBy.plan({ key: 'os Debian', parents: ['linux'] }, fakeContext(new FakeConnection()));
    expect(plan.result).toEqual({ add_group: 'os-Debian', parent_groups: ['linux'] });
    const inv = inventory();
    expect(applyInventoryChange(inv, 'h1', toOutcome('h1', plan.result!)).status).toBe('changed');
    expect(inv.groups.get('linux')?.children).toEqual(['os-Debian']);
    expect(inv.hosts.get('h1')?.groups).toEqual(['web', 'os-Debian']);
    expect(applyInventoryChange(inv, 'h1', toOutcome('h1', plan.result!)).status).toBe('ok');
  });

  it('needs a key', async () => {
    expect((await groupBy.plan({}, fakeContext(new FakeConnection()))).result).toEqual({ failed: true, msg: "the 'key' param is required when using group_by" });
  });
});

describe('pause', () => {
  it('shows the countdown lines, waits at least a second, reports in seconds', async () => {
    const shown: string[] = [];
    const started = Date.now();
    const plan = await pause.plan({ seconds: 0 }, fakeContext(new FakeConnection(), { taskName: 'wait', display: (text) => void shown.push(text) }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(shown).toEqual(['Pausing for 1 seconds', "(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)\r"]);
    expect(plan.result).toMatchObject({ changed: false, rc: 0, delta: 1, echo: true, user_input: '' });
    expect(plan.result?.stdout).toMatch(/^Paused for 1\.\d+ seconds$/);
  });

  it('with a prompt and stdin not a terminal: the prompt, a warning, no wait', async () => {
    const shown: string[] = [];
    const plan = await pause.plan({ prompt: 'Go on?', echo: false }, fakeContext(new FakeConnection(), { taskName: 'ask', display: (text, kind) => void shown.push(`${kind}:${text}`) }));
    expect(shown).toEqual(['display:[ask]\nGo on? (output is hidden):', 'warning:Not waiting for response to prompt as stdin is not interactive']);
    expect(plan.result).toMatchObject({ stdout: 'Paused for 0.0 minutes', echo: false, delta: 0 });
  });

  it('refuses minutes and seconds together', async () => {
    expect((await pause.plan({ minutes: 1, seconds: 1 }, fakeContext(new FakeConnection()))).result).toEqual({ failed: true, msg: 'parameters are mutually exclusive: minutes|seconds' });
  });
});
