/**
 * A value that must never be templated again (Ansible's AnsibleUnsafe): registered results, set_fact values and
 * facts may contain `{{` from the host's output. The lazy vars view hands out the value inside as it is.
 */
export class Unsafe {
  constructor(readonly value: unknown) {}
}

/** Mark every value of a set of vars unsafe. */
export function unsafeVars(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([key, value]) => [key, value instanceof Unsafe ? value : new Unsafe(value)]));
}
