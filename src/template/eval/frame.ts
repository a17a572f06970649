// Variable scopes as Jinja has them: the template's vars at the root, then one frame per macro call and per
// loop iteration (so `{% set %}` inside a loop does not leak out), then the globals.
import { isUnsafeVar, plainOf, type Taint } from '../unsafe.js';
import { pyRepr, pyStr, Undefined, UndefinedVariableError, Unsafe } from '../values.js';
import { hasKey } from './ops.js';
import { PyObject } from './py-objects.js';

/** One scope level; lookups walk up to the vars, then the globals. */
export class Frame {
  private readonly locals = new Map<string, unknown>();

  constructor(
    readonly parent: Frame | undefined,
    readonly root: Record<string, unknown>,
    readonly globals: Record<string, unknown>,
    /** told when a var read from the root holds an unsafe value (AnsibleContext.resolve_or_missing) */
    readonly taint?: Taint,
  ) {}

  /** A child scope (loop body, macro body). */
  child(): Frame {
    return new Frame(this, this.root, this.globals, this.taint);
  }

  lookup(name: string): unknown {
    for (let frame: Frame | undefined = this; frame; frame = frame.parent) {
      if (frame.locals.has(name)) return frame.locals.get(name);
    }
    if (hasKey(this.root, name)) {
      const value = readVar(this.root, name);
      if (this.taint && !this.taint.unsafe && isUnsafeVar(this.root, name)) this.taint.unsafe = true;
      if (value instanceof Unsafe) return plainOf(value);
      if (value !== undefined) return value;
    }
    if (name === 'vars') return new VarsView(this.root);
    if (Object.prototype.hasOwnProperty.call(this.globals, name)) return this.globals[name];
    return new Undefined(`'${name}' is undefined`, name);
  }

  /** Is this name a var held unsafe (Ansible's AnsibleUnsafe), not shadowed by a template's own? */
  heldUnsafe(name: string): boolean {
    for (let frame: Frame | undefined = this; frame; frame = frame.parent) if (frame.locals.has(name)) return false;
    return hasKey(this.root, name) && isUnsafeVar(this.root, name);
  }

  set(name: string, value: unknown): void {
    this.locals.set(name, value);
  }
}

/**
 * A var of the (lazy) vars; one whose own template meets an undefined variable is itself an Undefined that fails
 * only when used (since 2.14: AnsibleJ2Vars.__getitem__), its hint naming the var's template.
 */
function readVar(vars: Record<string, unknown>, name: string): unknown {
  try {
    return vars[name];
  } catch (error) {
    if (!(error instanceof UndefinedVariableError)) throw error;
    // a lazy view (src/vars/lazy-vars.ts) reads values templated but describes them raw
    const raw: unknown = Object.getOwnPropertyDescriptor(vars, name)?.value;
    // AnsibleUndefinedVariable.message: its message, then the original exception's
    return new Undefined(`${pyStr(raw)}: ${error.message}. ${error.message}`, name);
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
