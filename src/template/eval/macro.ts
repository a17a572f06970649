// `{% macro %}` and `{% call %}` bodies as callables: arguments bind by position, then keyword, then default.
import { Undefined, type Kwargs } from '../values.js';
import { typeError } from './py-error.js';
import { strict } from './ops.js';
import { PyObject, PyFunction } from './py-objects.js';
import { LoopContext } from './loop.js';

/** A macro: renders its body with the arguments bound in a fresh scope. */
export class Macro extends PyObject {
  readonly pyTypeName = 'Macro';
  constructor(
    readonly name: string,
    readonly params: { name: string; default?: () => unknown }[],
    readonly invoke: (bound: Map<string, unknown>, varargs: unknown[], kwargs: Kwargs) => string,
  ) {
    super();
  }

  getAttr(name: string): unknown {
    if (name === 'name') return this.name;
    if (name === 'arguments') return this.params.map((p) => p.name);
    return undefined;
  }

  call(args: unknown[], kwargs: Kwargs): string {
    const bound = new Map<string, unknown>();
    const rest = { ...kwargs };
    this.params.forEach((param, i) => {
      if (i < args.length) bound.set(param.name, args[i]);
      else if (Object.prototype.hasOwnProperty.call(rest, param.name)) bound.set(param.name, rest[param.name]);
      else if (param.default) bound.set(param.name, param.default());
      else bound.set(param.name, new Undefined(`parameter '${param.name}' was not provided`));
      delete rest[param.name];
    });
    return this.invoke(bound, args.slice(this.params.length), rest);
  }

  override pyRepr(): string {
    return `<Macro '${this.name}'>`;
  }
}

/** Globals that may hold an Undefined without using it (everything else fails like StrictUndefined). */
const LAZY_ARGS = new Set(['dict', 'namespace', 'undef', 'cycler', 'caller']);

/** Call anything callable from a template. */
export function callValue(callee: unknown, args: unknown[], kwargs: Kwargs): unknown {
  if (callee instanceof PyFunction) return callee.call(LAZY_ARGS.has(callee.name) ? args : args.map(strict), kwargs);
  if (callee instanceof Macro) return callee.call(args, kwargs);
  if (callee instanceof LoopContext && callee.recurse) return callee.recurse(args[0]);
  throw typeError(`'${callee === null ? 'NoneType' : typeof callee === 'string' ? 'str' : 'object'}' object is not callable`);
}
