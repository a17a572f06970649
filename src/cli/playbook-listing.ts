import { tagsSelected, type TagFilter } from '../executor/tags.js';
import { limitHosts, selectHosts } from '../inventory/pattern.js';
import type { Inventory } from '../inventory/types.js';
import type { Sink } from '../output/display.js';
import type { Item, Play, Task } from '../playbook/types.js';

/** Python's repr of a list of strings, as Ansible prints patterns: ['all']. */
function pyList(items: string[]): string {
  return `[${items.map((i) => `'${i}'`).join(', ')}]`;
}

/** The tasks Ansible lists: block tasks (not rescue/always), in order, static imports inlined. */
function listedTasks(items: Item[]): Task[] {
  return items.flatMap((item) => (item.kind === 'task' ? [item] : listedTasks(item.block)));
}

/** cli/playbook.py: a named task as its banner names it (role prefix), an unnamed one by its bare action. */
function taskName(task: Task): string {
  if (!task.name) return task.action;
  return task.role ? `${task.role.name} : ${task.name}` : task.name;
}

export interface ListingRequest {
  file: string;
  plays: Play[];
  inventory: Inventory;
  limit?: string | undefined;
  tags: TagFilter;
  listHosts: boolean;
  listTasks: boolean;
  listTags: boolean;
  warn: (m: string) => void;
}

/** --list-hosts / --list-tasks / --list-tags / --syntax-check, in Ansible's layout (tab before TAGS). */
export function printListing(request: ListingRequest, sink: Sink): void {
  sink.out(`\nplaybook: ${request.file}\n`);
  request.plays.forEach((play, index) => {
    const playTags = play.keywords.tags;
    // Play.get_name: no name is the hosts pattern. The tags are a Python set joined with ',' (its order is the hash
    // seed's, so any order is Ansible's; the playbook's is kept)
    sink.out(`\n  play #${index + 1} (${play.hosts.join(',')}): ${play.name || play.hosts.join(',')}\tTAGS: [${[...new Set(playTags)].join(',')}]\n`);
    if (request.listHosts) {
      let hosts = selectHosts(request.inventory, play.hosts, request.warn);
      if (request.limit !== undefined) hosts = limitHosts(request.inventory, hosts, request.limit, request.warn);
      sink.out(`    pattern: ${pyList(play.hosts)}\n    hosts (${hosts.length}):\n${hosts.map((h) => `      ${h.name}\n`).join('')}`);
    }
    const tasks = play.sections.flatMap(listedTasks).filter((task) => tagsSelected(task.keywords.tags, request.tags));
    if (request.listTasks) {
      sink.out('    tasks:\n');
      for (const task of tasks) sink.out(`      ${taskName(task)}\tTAGS: [${[...new Set(task.keywords.tags)].sort().join(', ')}]\n`);
    }
    if (request.listTags) {
      const all = [...new Set(tasks.flatMap((task) => task.keywords.tags))].sort();
      sink.out(`      TASK TAGS: [${all.join(', ')}]\n`);
    }
  });
}
