import { Unsafe } from '../template/values.js';

export { Unsafe };

/**
 * The facts a set_fact result sets, with Ansible's unsafe marks (an Unsafe where the value's template read an
 * unsafe one), beside its plain `ansible_facts` the reporter shows: under a symbol, copied with the result,
 * seen by no template, dump or JSON.
 */
const MARKED_FACTS: unique symbol = Symbol('tsible.markedFacts');

type Marked = { [MARKED_FACTS]?: Record<string, unknown> };

export function withMarkedFacts<T extends object>(result: T, facts: Record<string, unknown>): T {
  return Object.assign(result, { [MARKED_FACTS]: facts });
}

/** The facts to store for a result: the marked ones set_fact left, else its plain `ansible_facts`. */
export function factsToStore(result: object, facts: Record<string, unknown>): Record<string, unknown> {
  return (result as Marked)[MARKED_FACTS] ?? facts;
}
