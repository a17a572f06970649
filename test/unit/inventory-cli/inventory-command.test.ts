// tsible-inventory's output and errors, called as the CLI entry calls it. The expected texts were printed by
// ansible-inventory 2.14.18 for the same inventory (the integration test compares against it live).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inventoryCommand } from '../../../src/cli/inventory.js';
import { OptionsError } from '../../../src/cli/run-options.js';
import type { Sink } from '../../../src/output/display.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const INI = 'loose a=1\n[web]\nweb[1:2] port=80 tags="[1, 2]"\n[db]\ndb1:2222\n[app:children]\nweb\ndb\n[app:vars]\ntier=app\n[all:vars]\nntp=ntp.example.com\n';
const dir = mkdtempSync(path.join(tmpdir(), 'tsible-inventory-cli-'));
const hosts = path.join(dir, 'hosts');
writeFileSync(hosts, INI);

interface Captured {
  code: number | undefined;
  error: Error | undefined;
  out: string;
  err: string;
}

async function run(args: string[]): Promise<Captured> {
  const captured: Captured = { code: undefined, error: undefined, out: '', err: '' };
  const sink: Sink = { out: (t) => (captured.out += t), err: (t) => (captured.err += t), isTty: false, columns: 0 };
  try {
    captured.code = await inventoryCommand(args, sink);
  } catch (error) {
    captured.error = error as Error;
  }
  return captured;
}

const CASES: Array<[string, string[], string]> = [
  [
    "lists groups and merged host vars as json.dumps(indent=4, sort_keys=True)",
    ["--list"],
    "{\n    \"_meta\": {\n        \"hostvars\": {\n            \"db1\": {\n                \"ansible_port\": 2222,\n                \"ntp\": \"ntp.example.com\",\n                \"tier\": \"app\"\n            },\n            \"loose\": {\n                \"a\": 1,\n                \"ntp\": \"ntp.example.com\"\n            },\n            \"web1\": {\n                \"ntp\": \"ntp.example.com\",\n                \"port\": 80,\n                \"tags\": [\n                    1,\n                    2\n                ],\n                \"tier\": \"app\"\n            },\n            \"web2\": {\n                \"ntp\": \"ntp.example.com\",\n                \"port\": 80,\n                \"tags\": [\n                    1,\n                    2\n                ],\n                \"tier\": \"app\"\n            }\n        }\n    },\n    \"all\": {\n        \"children\": [\n            \"ungrouped\",\n            \"app\"\n        ]\n    },\n    \"app\": {\n        \"children\": [\n            \"web\",\n            \"db\"\n        ]\n    },\n    \"db\": {\n        \"hosts\": [\n            \"db1\"\n        ]\n    },\n    \"ungrouped\": {\n        \"hosts\": [\n            \"loose\"\n        ]\n    },\n    \"web\": {\n        \"hosts\": [\n            \"web1\",\n            \"web2\"\n        ]\n    }\n}\n",
  ],
  [
    "with --export, keeps group vars on groups and host-level vars on hosts",
    ["--list", "--export"],
    "{\n    \"_meta\": {\n        \"hostvars\": {\n            \"db1\": {\n                \"ansible_port\": 2222\n            },\n            \"loose\": {\n                \"a\": 1\n            },\n            \"web1\": {\n                \"port\": 80,\n                \"tags\": [\n                    1,\n                    2\n                ]\n            },\n            \"web2\": {\n                \"port\": 80,\n                \"tags\": [\n                    1,\n                    2\n                ]\n            }\n        }\n    },\n    \"all\": {\n        \"children\": [\n            \"ungrouped\",\n            \"app\"\n        ],\n        \"vars\": {\n            \"ntp\": \"ntp.example.com\"\n        }\n    },\n    \"app\": {\n        \"children\": [\n            \"web\",\n            \"db\"\n        ],\n        \"vars\": {\n            \"tier\": \"app\"\n        }\n    },\n    \"db\": {\n        \"hosts\": [\n            \"db1\"\n        ]\n    },\n    \"ungrouped\": {\n        \"hosts\": [\n            \"loose\"\n        ]\n    },\n    \"web\": {\n        \"hosts\": [\n            \"web1\",\n            \"web2\"\n        ]\n    }\n}\n",
  ],
  [
    "prints the YAML inventory form with -y, anchoring shared values as PyYAML does",
    ["--list", "-y"],
    "all:\n  children:\n    app:\n      children:\n        db:\n          hosts:\n            db1:\n              ansible_port: 2222\n              ntp: ntp.example.com\n              tier: app\n        web:\n          hosts:\n            web1:\n              ntp: ntp.example.com\n              port: 80\n              tags: &id001\n              - 1\n              - 2\n              tier: app\n            web2:\n              ntp: ntp.example.com\n              port: 80\n              tags: *id001\n              tier: app\n    ungrouped:\n      hosts:\n        loose:\n          a: 1\n          ntp: ntp.example.com\n",
  ],
  [
    "draws the group tree with --graph --vars, vars as Python str()",
    ["--graph", "--vars"],
    "@all:\n  |--@ungrouped:\n  |  |--loose\n  |  |  |--{a = 1}\n  |  |  |--{ntp = ntp.example.com}\n  |--@app:\n  |  |--@web:\n  |  |  |--web1\n  |  |  |  |--{ntp = ntp.example.com}\n  |  |  |  |--{port = 80}\n  |  |  |  |--{tags = [1, 2]}\n  |  |  |  |--{tier = app}\n  |  |  |--web2\n  |  |  |  |--{ntp = ntp.example.com}\n  |  |  |  |--{port = 80}\n  |  |  |  |--{tags = [1, 2]}\n  |  |  |  |--{tier = app}\n  |  |--@db:\n  |  |  |--db1\n  |  |  |  |--{ansible_port = 2222}\n  |  |  |  |--{ntp = ntp.example.com}\n  |  |  |  |--{tier = app}\n  |  |--{tier = app}\n  |--{ntp = ntp.example.com}\n",
  ],
  [
    "starts the graph at the group given",
    ["--graph", "app"],
    "@app:\n  |--@web:\n  |  |--web1\n  |  |--web2\n  |--@db:\n  |  |--db1\n",
  ],
  [
    "shows one host's merged vars with --host, -e included",
    ["--host", "web2", "-e", "x=1"],
    "{\n    \"ntp\": \"ntp.example.com\",\n    \"port\": 80,\n    \"tags\": [\n        1,\n        2\n    ],\n    \"tier\": \"app\",\n    \"x\": \"1\"\n}\n",
  ],
  [
    "shows --host as YAML with -y",
    ["--host", "web2", "-y"],
    "ntp: ntp.example.com\nport: 80\ntags:\n- 1\n- 2\ntier: app\n",
  ],
];

describe('tsible-inventory output', () => {
  it.each(CASES)('%s', async (_name, args, expected) => {
    const result = await run(['-i', hosts, ...args]);
    expect(result.error).toBeUndefined();
    expect(result.out).toBe(expected);
    expect(result.code).toBe(0);
  });

  it('graphs the example PaaS inventory', async () => {
    const result = await run(['-i', path.join(ROOT, 'inventories', 'prod'), '--graph', 'lvs_directors']);
    expect(result.out).toBe('@lvs_directors:\n  |--@lvs_director:\n  |  |--203.0.113.11\n  |  |--203.0.113.12\n');
  });

  it('writes --output without a trailing newline and prints nothing', async () => {
    const file = path.join(dir, 'out.json');
    const result = await run(['-i', hosts, '--host', 'loose', '--output', file]);
    expect(result.out).toBe('');
    expect(readFileSync(file, 'utf8')).toBe('{\n    "a": 1,\n    "ntp": "ntp.example.com"\n}');
  });

  it('answers --host localhost with the implicit localhost, which is in no group', async () => {
    const result = await run(['-i', hosts, '--host', 'localhost']);
    expect(JSON.parse(result.out)).toEqual({ ansible_connection: 'local', ansible_python_interpreter: '/usr/bin/python3', ntp: 'ntp.example.com' });
  });
});

describe('tsible-inventory errors', () => {
  it.each([
    [[], 'No action selected, at least one of --host, --graph or --list needs to be specified.'],
    [['--list', '--graph'], 'Conflicting options used, only one of --host, --graph or --list can be used at the same time.'],
    [['--host', 'nope'], 'You must pass a single valid host to --host parameter'],
    [['--host', 'web*'], 'You must pass a single valid host to --host parameter'],
    [['--graph', 'nope'], 'Pattern must be valid group name when using --graph'],
  ])('%j is an options error (exit 5, help first)', async (args, message) => {
    const result = await run(['-i', hosts, ...args]);
    expect(result.error).toBeInstanceOf(OptionsError);
    expect(result.error?.message).toBe(message);
    expect(result.out).toMatch(/^usage: tsible-inventory /);
  });

  it('warns about a host pattern that matches nothing', async () => {
    const result = await run(['-i', hosts, '--host', 'nope']);
    expect(result.err).toBe('[WARNING]: Could not match supplied host pattern, ignoring: nope\n');
  });

  it.each([
    [['--list', '-l', 'web'], 'unrecognized arguments: -l'],
    [['--list', '--list-hosts'], 'unrecognized arguments: --list-hosts'],
    [['--graph', 'web', 'db'], 'unrecognized arguments: db'],
  ])('%j is a usage error (exit 2), as ansible-inventory has no --limit', async (args, message) => {
    const result = await run(['-i', hosts, ...args]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`tsible-inventory: error: ${message}\n`);
  });

  it('refuses --toml with an error that ends the run with exit 1', async () => {
    const result = await run(['-i', hosts, '--list', '--toml']);
    expect(result.error?.message).toBe('TOML output is not supported by tsible-inventory; use the default JSON or --yaml');
    expect((result.error as Error & { userError?: boolean }).userError).toBe(true);
  });

  it('names the file it could not write, as Python does', async () => {
    const result = await run(['-i', hosts, '--list', '--output', '/nonexistent/dir/x.json']);
    expect(result.error?.message).toBe(
      "Unable to write to destination file (/nonexistent/dir/x.json): [Errno 2] No such file or directory: b'/nonexistent/dir/x.json'",
    );
  });
});
