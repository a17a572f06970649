import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadYamlFile, type LoadContext } from '../playbook/load-context.js';
import { blockInHandlers, loadRole, OutsideRoleError } from '../playbook/load-role.js';
import { loadItems, taskFileCandidates } from '../playbook/load-tasks.js';
import type { Item, Task, Vars } from '../playbook/types.js';
import { playbookError } from '../playbook/playbook-error.js';
import type { LayeredVars } from '../vars/levels.js';
import { allTrue } from './conditions.js';
import type { Guard } from './guard.js';
import { hostTaskVars, taskErrorMessage } from './host-task.js';
import { errorOutcome, toOutcome } from './outcome.js';
import type { PlayRunner } from './play-runner.js';
import { loopControl, loopItemVars, loopLabel, taskLevels, taskLoopItems } from './task-runner.js';
import { overlayVars } from '../vars/overlay.js';
import { plainOf } from '../template/unsafe.js';
import { countOutcome } from '../output/stats.js';
import type { HostStats } from '../output/stats.js';

/** The load context for files an include reads at run time, from the including task's place. */
function loadContextFor(play: PlayRunner, task: Task): LoadContext {
  const { playbook, play: p } = play.context;
  return {
    file: task.origin.file,
    basedir: dirname(task.origin.file),
    playbookDir: p.basedir,
    rolesPath: playbook.rolesPath,
    role: task.role,
    positionOf: () => undefined,
    warn: playbook.warn,
    importing: [],
    seenRoles: play.seenRoles,
  };
}

/** include_tasks / include_role: decided per host at run time (templated names, `when`), then run for each group of hosts. */
export async function runIncludes(play: PlayRunner, task: Task, hosts: string[], guard: Guard, levels: LayeredVars, inHandler = false): Promise<void> {
  const { run, playbook, play: p } = play.context;
  const isRole = task.action.replace(/^ansible\.(builtin|legacy)\./, '') === 'include_role';
  const params: Vars = Object.fromEntries(Object.entries(task.args).filter(([key]) => !['_raw_params', 'file', 'name', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from', 'apply', 'public', 'allow_duplicates', 'rolespec_validate'].includes(key)));
  // each (file, loop item) is one include; hosts that resolve to the same one run it together
  const groups = new Map<string, { target: string; hosts: string[]; extra: Vars; froms: Vars; label?: string }>();
  for (const host of hosts) {
    try {
      const vars = hostTaskVars(run, host, taskLevels(p, task, levels));
      let items: Array<{ extra: Vars; label?: string }> = [{ extra: {} }];
      if (task.loop) {
        const found = taskLoopItems(run, p, task, vars);
        if (found instanceof Error) {
          if (!allTrue(task.keywords.when, vars, run.templar)) {
            play.record(task, toOutcome(host, { changed: false, skipped: true, skip_reason: 'Conditional result was False' }), guard.rescuable, [host]);
            continue;
          }
          throw found;
        }
        const loop = loopControl(run, task.loop!, vars);
        items = found.map((item, index) => {
          const itemVars = loopItemVars(loop, found, index);
          // IncludedFile.process_include_results: the included tasks see the loop var, index_var and ansible_loop (not ansible_loop_var, ansible_index_var)
          const { ansible_loop_var: _name, ansible_index_var: _index, ...extra } = itemVars;
          return { extra, label: loopLabel(run, task, plainOf(item), overlayVars(vars, itemVars)) };
        });
      }
      let included = false;
      for (const { extra, label } of items) {
        const itemVars = overlayVars(vars, extra);
        if (!allTrue(task.keywords.when, itemVars, run.templar)) continue;
        const target = String(run.templar.template(isRole ? task.args.name : (task.args._raw_params ?? task.args.file), itemVars) ?? '');
        // include_role's tasks_from, vars_from... are templated too
        const froms: Vars = {};
        for (const key of FROM_ARGS) if (isRole && task.args[key] !== undefined) froms[key] = run.templar.template(task.args[key], itemVars);
        const key = `${target}\u0000${JSON.stringify(extra)}\u0000${JSON.stringify(froms)}`;
        const group = groups.get(key) ?? { target, hosts: [], extra, froms, ...(label !== undefined ? { label } : {}) };
        group.hosts.push(host);
        groups.set(key, group);
        included = true;
      }
      if (!included) play.record(task, toOutcome(host, { changed: false, skipped: true, skip_reason: 'Conditional result was False' }), guard.rescuable, [host]);
    } catch (error) {
      play.record(task, errorOutcome(host, taskErrorMessage(error, task.origin)), guard.rescuable, [host]);
    }
  }
  const ctx = loadContextFor(play, task);
  // every include is loaded (and shown) before the first one runs: the strategy queues all their blocks at once
  const loaded: Array<{ items: Item[]; hosts: string[]; extra: Vars }> = [];
  for (const { target, hosts: group, extra, froms, label } of groups.values()) {
    for (const host of group) playbook.reporter.on({ type: 'include_ok', banner: play.bannerOf(task, host) });
    let items: Item[];
    try {
      if (isRole) {
        const role = abortOnParseError(() => loadRole({ role: target, ...froms, ...params, vars: task.roleVars }, ctx, { ...task.keywords, when: [] }, task.origin, task.args.allow_duplicates !== false));
        play.addHandlers(role.handlers);
        items = role.items;
      } else {
        const candidates = taskFileCandidates(target, ctx);
        const file = candidates.find((candidate) => existsSync(candidate));
        if (file === undefined) {
          // _load_included_file: a missing file fails the hosts after the include ran: ignore_errors does not cover it, and
          // it counts as failed, not rescued, though a rescue section still runs
          const reason = `Could not find or access '${candidates[0]}' on the Ansible Controller.`;
          const unignorable: Task = { ...task, keywords: { ...task.keywords, ignoreErrors: false } };
          for (const host of group) play.record(unignorable, { host, status: 'failed', result: { failed: true, reason } }, false, [host]);
          continue;
        }
        // a broken file stops the run, as a broken playbook does
        const { data, positionOf } = abortOnError(() => loadYamlFile(file, playbook.warn, task.origin));
        items = abortOnError(() => loadItems(data ?? [], { ...ctx, file, basedir: dirname(file), positionOf }, { ...task.keywords, when: [], vars: { ...task.keywords.vars } }, { file, line: 1, column: 1 }));
        const block = inHandler ? blockInHandlers(items) : undefined;
        if (block) abortOnError(() => { throw playbookError('Using a block as a handler is not supported.', block.origin); });
        playbook.reporter.on({ type: 'included', file, hosts: group, label });
        for (const host of group) countOutcome(statsOf(play, host), 'ok', false);
      }
    } catch (error) {
      if (error instanceof AbortRun) throw error.cause;
      for (const host of group) play.record(task, errorOutcome(host, (error as Error).message), guard.rescuable, [host]);
      continue;
    }
    loaded.push({ items, hosts: group, extra });
  }
  for (const { items, hosts: group, extra } of loaded) {
    await play.runItems(items, group, guard, { ...levels, includeParams: { ...levels.includeParams, ...params, ...extra } });
  }
}

function statsOf(play: PlayRunner, host: string): HostStats {
  return play.statsFor(host);
}

const FROM_ARGS = ['tasks_from', 'vars_from', 'defaults_from', 'handlers_from'];

/** A role file out of the role is Ansible's parser error: the run ends (ERROR!, exit 4); other load errors fail the hosts. */
function abortOnParseError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof OutsideRoleError) throw new AbortRun('abort', { cause: error });
    throw error;
  }
}

/** An error that ends the run rather than failing the hosts. */
class AbortRun extends Error {}

function abortOnError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    throw new AbortRun('abort', { cause: error });
  }
}
