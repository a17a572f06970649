// Variable scopes as Jinja has them: the template's vars at the root, then one frame per macro call and per
// loop iteration (so `{% set %}` inside a loop does not leak out), then the globals.
import { pyRepr, Undefined } from '../values.js';
import { hasKey } from './ops.js';
import { PyObject } from './py-objects.js';

/** One scope level; lookups walk up to the vars, then the globals. */
export class Frame {
  private readonly locals = new Map<string, unknown>();

  constructor(
    readonly parent: Frame | undefined,
    readonly root: Record<string, unknown>,
    readonly globals: Record<string, unknown>,
  ) {}

  /** A child scope (loop body, macro body). */
  child(): Frame {
    return new Frame(this, this.root, this.globals);
  }

  lookup(name: string): unknown {
    for (let frame: Frame | undefined = this; frame; frame = frame.parent) {
      if (frame.locals.has(name)) return frame.locals.get(name);
    }
    if (hasKey(this.root, name)) {
      const value = this.root[name];
      if (value !== undefined) return value;
    }
    if (name === 'vars') return new VarsView(this.root);
    if (Object.prototype.hasOwnProperty.call(this.globals, name)) return this.globals[name];
    return new Undefined(`'${name}' is undefined`, name);
  }

  set(name: string, value: unknown): void {
    this.locals.set(name, value);
  }
}

/** The `vars` magic variable: reads keys of the (possibly lazy) vars; enumerates them only when printed. */
export class VarsView extends PyObject {
  readonly pyTypeName = 'dict';
  constructor(readonly vars: Record<string, unknown>) {
    super();
  }
  getAttr(name: string): unknown {
    return hasKey(this.vars, name) ? this.vars[name] : undefined;
  }
  override pyRepr(): string {
    return pyRepr({ ...this.vars });
  }
}
