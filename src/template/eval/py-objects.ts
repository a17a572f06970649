// Python objects templates can touch that are not plain data: callables (methods, macros, globals) and objects
// with attributes (loop, namespace, cycler).
import type { Kwargs } from '../values.js';

/** Anything a template may call: `x.split(',')`, `range(3)`, a macro, `loop.cycle('a', 'b')`. */
export class PyFunction {
  readonly pyTypeName = 'builtin_function_or_method';
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], kwargs: Kwargs) => unknown,
  ) {}
  pyRepr(): string {
    return `<built-in method ${this.name}>`;
  }
}

/** An object whose attributes a template reads with `.name` (loop, namespace, cycler...). */
export abstract class PyObject {
  abstract readonly pyTypeName: string;
  /** the attribute, or undefined (JS) when it does not exist */
  abstract getAttr(name: string): unknown;
  pyRepr(): string {
    return `<${this.pyTypeName} object>`;
  }
}

/** Jinja's namespace(): the one object `{% set ns.x = ... %}` may assign to, so loops can carry state out. */
export class Namespace extends PyObject {
  readonly pyTypeName = 'Namespace';
  constructor(readonly attrs: Record<string, unknown>) {
    super();
  }
  getAttr(name: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.attrs, name) ? this.attrs[name] : undefined;
  }
  override pyRepr(): string {
    return `<Namespace ${Object.entries(this.attrs)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ')}>`;
  }
}

/** Jinja's cycler(): `c.next()`, `c.current`, `c.reset()`. */
export class Cycler extends PyObject {
  readonly pyTypeName = 'Cycler';
  private pos = 0;
  constructor(readonly items: unknown[]) {
    super();
  }
  getAttr(name: string): unknown {
    if (name === 'current') return this.items[this.pos];
    if (name === 'next')
      return new PyFunction('next', () => {
        const value = this.items[this.pos];
        this.pos = (this.pos + 1) % this.items.length;
        return value;
      });
    if (name === 'reset') return new PyFunction('reset', () => ((this.pos = 0), null));
    return undefined;
  }
}

const NAMED = Symbol.for('tsible.named-attrs');

/** Give a tuple named fields (groupby's `g.grouper`/`g.list`) while it stays unpackable. */
export function withNamedAttrs<T extends unknown[]>(items: T, attrs: Record<string, unknown>): T {
  Object.defineProperty(items, NAMED, { value: attrs, enumerable: false });
  return items;
}

/** The named field of a tuple made by withNamedAttrs, or undefined. */
export function namedAttr(value: unknown, name: string): unknown {
  const attrs = Array.isArray(value) ? (value as unknown as Record<symbol, Record<string, unknown> | undefined>)[NAMED] : undefined;
  return attrs && Object.prototype.hasOwnProperty.call(attrs, name) ? attrs[name] : undefined;
}
