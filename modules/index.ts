import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { command } from './command.js';
import { copy } from './copy.js';
import { addHost } from './add-host.js';
import { assertModule } from './assert.js';
import { blockinfile } from './blockinfile.js';
import { debug } from './debug.js';
import { fail } from './fail.js';
import { file } from './file.js';
import { groupBy } from './group-by.js';
import { includeVars } from './include-vars.js';
import { lineinfile } from './lineinfile.js';
import { pause } from './pause.js';
import { ping } from './ping.js';
import { raw } from './raw.js';
import { replace } from './replace.js';
import { setFact } from './set-fact.js';
import { setup } from './setup.js';
import { shell } from './shell.js';
import { stat } from './stat.js';
import { sysctl } from './sysctl.js';
import { template } from './template.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDefinition<any, any>;

/** Every module tsible ships, by every name it answers to. */
export const MODULES: ReadonlyMap<string, AnyModule> = new Map(
  ([command, shell, raw, ping, debug, setFact, assertModule, fail, setup, lineinfile, blockinfile, replace, stat, sysctl, copy, template, file, addHost, groupBy, includeVars, pause] as AnyModule[]).flatMap((m) => [m.name, ...m.aliases].map((name) => [name, m] as const)),
);

/** Look a module up by short name, FQCN or ansible.legacy name. */
export function findModule(name: string): AnyModule | undefined {
  return MODULES.get(name);
}
