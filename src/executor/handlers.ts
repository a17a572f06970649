import type { Task } from '../playbook/types.js';

/** A task notified a handler that does not exist (error_on_missing_handler): the run stops (exit 1). */
export class HandlerNotFoundError extends Error {
  override readonly name = 'HandlerNotFoundError';
  readonly userError = true;
}

/** Handler notifications of a play: a flush runs each notified handler once, in definition order, on the hosts that notified it. */
export class HandlerQueue {
  private readonly handlers: Task[] = [];
  private readonly notified = new Map<Task, Set<string>>();

  constructor(handlers: Task[]) {
    this.add(handlers);
  }

  /** Handlers loaded later (include_role) join the list. */
  add(handlers: Task[]): void {
    this.handlers.push(...handlers);
  }

  private names(handler: Task): string[] {
    const names = [handler.name ?? handler.action];
    if (handler.role && handler.name) names.push(`${handler.role.name} : ${handler.name}`);
    return names;
  }

  /**
   * The handler a name reaches (search_handler_blocks_by_name): handler blocks are searched last loaded first
   * (each role's handlers are a block, the play's own handlers one block after them), tasks within a block in order.
   */
  private byName(name: string): Task | undefined {
    const blocks: Task[][] = [];
    let current: Task[] = [];
    let owner: unknown = Symbol('start');
    for (const handler of this.handlers) {
      if (handler.role !== owner) {
        if (current.length > 0) blocks.push(current);
        current = [];
        owner = handler.role;
      }
      current.push(handler);
    }
    if (current.length > 0) blocks.push(current);
    for (const block of blocks.reverse()) {
      const found = block.find((h) => this.names(h).includes(name));
      if (found) return found;
    }
    return undefined;
  }

  /** `notify: name` reaches the handler with that name and every handler listening to it; returns the handlers this
   *  host had not notified yet (Handler.notify_host), which -vv reports. */
  notify(names: string[], host: string): Task[] {
    const fresh: Task[] = [];
    for (const name of names) {
      const byName = this.byName(name);
      const listening = this.handlers.filter((h) => h.listen.includes(name));
      const targets = [...new Set([...(byName ? [byName] : []), ...listening])];
      if (targets.length === 0) {
        throw new HandlerNotFoundError(`The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`);
      }
      for (const handler of targets) {
        const hosts = this.notified.get(handler) ?? new Set<string>();
        if (!hosts.has(host) && !fresh.includes(handler)) fresh.push(handler);
        hosts.add(host);
        this.notified.set(handler, hosts);
      }
    }
    return fresh;
  }

  /** The handlers as defined so far, in order: a flush goes through them once. */
  list(): Task[] {
    return [...this.handlers];
  }

  /** The hosts that notified a handler and have not seen it run since. */
  notifiedHosts(handler: Task): string[] {
    return [...(this.notified.get(handler) ?? [])];
  }

  /** A handler ran (or was passed over) for hosts: their notifications are used up, a handler's own notifying of itself too. */
  consume(handler: Task, hosts: string[]): void {
    const left = new Set(this.notified.get(handler));
    for (const h of hosts) left.delete(h);
    if (left.size > 0) this.notified.set(handler, left);
    else this.notified.delete(handler);
  }
}
