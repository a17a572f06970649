import type { Task } from '../playbook/types.js';

/** A task notified a handler that does not exist (error_on_missing_handler): the run stops (exit 1). */
export class HandlerNotFoundError extends Error {
  override readonly name = 'HandlerNotFoundError';
  readonly userError = true;
}

/** Handler notifications of a play: each handler runs once per flush, in definition order, on the hosts that notified it. */
export class HandlerQueue {
  private readonly handlers: Task[] = [];
  private readonly notified = new Map<Task, Set<string>>();

  constructor(handlers: Task[]) {
    this.add(handlers);
  }

  /** Handlers loaded later (include_role) join the list; a later one with the same name wins, as in Ansible. */
  add(handlers: Task[]): void {
    this.handlers.push(...handlers);
  }

  private names(handler: Task): string[] {
    const names = [handler.name ?? handler.action];
    if (handler.role && handler.name) names.push(`${handler.role.name} : ${handler.name}`);
    return names;
  }

  /** `notify: name` reaches the handler with that name (the last defined wins) and every handler listening to it. */
  notify(names: string[], host: string): void {
    for (const name of names) {
      const byName = [...this.handlers].reverse().find((h) => this.names(h).includes(name));
      const listening = this.handlers.filter((h) => h.listen.includes(name));
      const targets = [...new Set([...(byName ? [byName] : []), ...listening])];
      if (targets.length === 0) {
        throw new HandlerNotFoundError(`The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`);
      }
      for (const handler of targets) {
        const hosts = this.notified.get(handler) ?? new Set<string>();
        hosts.add(host);
        this.notified.set(handler, hosts);
      }
    }
  }

  /** The handlers to run now with their hosts, in definition order; the notifications are consumed. */
  drain(): Array<{ handler: Task; hosts: string[] }> {
    const due = this.handlers.filter((h) => this.notified.has(h)).map((handler) => ({ handler, hosts: [...(this.notified.get(handler) ?? [])] }));
    this.notified.clear();
    return due;
  }
}
