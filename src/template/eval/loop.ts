// The `loop` variable inside `{% for %}`: index, first/last, length, cycle(), previtem/nextitem, changed().
import { Undefined } from '../values.js';
import { eq } from './ops.js';
import { PyFunction, PyObject } from './py-objects.js';

/** Jinja's LoopContext for one iteration. */
export class LoopContext extends PyObject {
  readonly pyTypeName = 'LoopContext';
  index0 = 0;
  private lastChanged: unknown[] | undefined;

  constructor(
    readonly items: unknown[],
    readonly depth0: number,
    /** `loop(children)` in a `recursive` for: renders the body for the children one level deeper */
    readonly recurse?: (items: unknown) => string,
  ) {
    super();
  }

  getAttr(name: string): unknown {
    const length = this.items.length;
    switch (name) {
      case 'index0':
        return this.index0;
      case 'index':
        return this.index0 + 1;
      case 'revindex':
        return length - this.index0;
      case 'revindex0':
        return length - this.index0 - 1;
      case 'first':
        return this.index0 === 0;
      case 'last':
        return this.index0 === length - 1;
      case 'length':
        return length;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return this.index0 > 0 ? this.items[this.index0 - 1] : new Undefined('there is no previous item');
      case 'nextitem':
        return this.index0 < length - 1 ? this.items[this.index0 + 1] : new Undefined('there is no next item');
      case 'cycle':
        return new PyFunction('cycle', (args) => {
          if (!args.length) throw new TypeError('no items for cycling given');
          return args[this.index0 % args.length];
        });
      case 'changed':
        return new PyFunction('changed', (args) => {
          if (this.lastChanged && this.lastChanged.length === args.length && this.lastChanged.every((v, i) => eq(v, args[i]))) return false;
          this.lastChanged = args;
          return true;
        });
      default:
        return undefined;
    }
  }
}
