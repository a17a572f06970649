import type { ModuleDefinition } from '../src/executor/module-contract.js';
import { apt } from './apt.js';
import { command } from './command.js';
import { copy } from './copy.js';
import { addHost } from './add-host.js';
import { assertModule } from './assert.js';
import { blockinfile } from './blockinfile.js';
import { debug } from './debug.js';
import { dnfModule } from './dnf.js';
import { fail } from './fail.js';
import { fetch } from './fetch.js';
import { file } from './file.js';
import { find } from './find.js';
import { getUrl } from './get-url.js';
import { group } from './group.js';
import { groupBy } from './group-by.js';
import { includeVars } from './include-vars.js';
import { ipvsadm } from './ipvsadm.js';
import { lineinfile } from './lineinfile.js';
import { packageModule } from './package.js';
import { pause } from './pause.js';
import { ping } from './ping.js';
import { raw } from './raw.js';
import { replace } from './replace.js';
import { script } from './script.js';
import { service } from './service.js';
import { setFact } from './set-fact.js';
import { setup } from './setup.js';
import { shell } from './shell.js';
import { stat } from './stat.js';
import { sysctl } from './sysctl.js';
import { tempfile } from './tempfile.js';
import { template } from './template.js';
import { unarchive } from './unarchive.js';
import { user } from './user.js';
import { waitFor } from './wait-for.js';
import { yum } from './yum.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDefinition<any, any>;

/** Every module tsible ships, by every name it answers to. */
export const MODULES: ReadonlyMap<string, AnyModule> = new Map(
  ([command, shell, raw, ping, debug, setFact, assertModule, fail, setup, lineinfile, blockinfile, replace, stat, sysctl, copy, template, file, apt, dnfModule, packageModule, yum, service, user, group, ipvsadm, fetch, find, getUrl, script, tempfile, unarchive, waitFor, addHost, groupBy, includeVars, pause] as AnyModule[]).flatMap((m) => [m.name, ...m.aliases].map((name) => [name, m] as const)),
);

/** Look a module up by short name, FQCN or ansible.legacy name. */
export function findModule(name: string): AnyModule | undefined {
  return MODULES.get(name);
}
