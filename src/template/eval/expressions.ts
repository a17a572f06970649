// Expression evaluation with Python semantics: literals, names, attribute/item access, calls, filters, tests,
// operators. The statement renderer (evaluator.ts) builds on it.
import { isMapping, isUndefined, makeTuple, TemplateError, pyStr, pyTypeName, truthy, Undefined, UndefinedVariableError, Unsafe, type Kwargs } from '../values.js';
import type { Node } from '../parse/parser.js';
import { getAttr, getItem, Slice } from './access.js';
import type { Environment } from './environment.js';
import type { Frame } from './frame.js';
import { callValue, type Macro } from './macro.js';
import { add, assertNoUndefined, SilentUndefined, compare, div, floorDiv, iterate, mod, mul, neg, pow, strict, sub, toStr } from './ops.js';
import { typeError } from './py-error.js';
import { PyFunction } from './py-objects.js';
import { fromUnsafe, LOOKUPS } from './unsafe-taint.js';
import { VaultError } from '../../vault/vault-error.js';
import { isVaulted, revealVaulted } from '../../vault/vaulted-value.js';

/** Python truthiness, but an Undefined condition is an error (StrictUndefined.__bool__). */
export function boolOf(value: unknown): boolean {
  return truthy(strict(value));
}

/** What `{{ x }}` prints: None is '', Undefined is an error. */
export function finalize(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  assertNoUndefined(value);
  return pyStr(strict(value));
}

/** What Python names in a call's TypeError: every call in a template goes through Ansible's context.call. */
const CALL = 'ansible.template.AnsibleContext.call()';

/** Filters that accept an undefined input (everything else fails like StrictUndefined would). */
const UNDEFINED_OK_FILTERS = new Set(['default', 'd', 'mandatory', 'type_debug']);
/** Tests that are plain isinstance checks in Python: False for an Undefined, no error. */
const UNDEFINED_OK_TESTS = new Set(['defined', 'undefined', 'none', 'string', 'number', 'mapping', 'boolean', 'integer', 'float', 'sameas', 'callable', 'escaped', 'true', 'false']);

/** A filter or test name nothing provides (Jinja fails at compile time; we fail when it is reached). */
export class UnknownPluginError extends TemplateError {}

/** Evaluates expression nodes; subclasses render statements (needed for `{% set %}` blocks and call blocks). */
export abstract class ExpressionEvaluator {
  constructor(readonly env: Environment) {}

  /** Render a statement node into `out`. */
  abstract renderNode(node: Node | null, frame: Frame, out: string[]): void;
  /** A macro (or call-block `caller`) closing over `frame`. */
  protected abstract makeMacro(node: Node, frame: Frame): Macro;

  /** Evaluate a list of call arguments (positional, then a trailing KeywordArgs node). */
  evalArgs(nodes: Node[], frame: Frame, markUnsafe = false): { args: unknown[]; kwargs: Kwargs } {
    const args: unknown[] = [];
    const kwargs: Kwargs = {};
    // a lookup templates its terms again, except those from unsafe values: those reach it marked
    const mark = (node: Node, values: unknown[]): unknown[] => (markUnsafe && fromUnsafe(node, frame) ? values.map((value) => new Unsafe(value)) : values);
    for (const arg of nodes) {
      if (arg.typename === 'KeywordArgs') {
        for (const pair of arg.children as Node[]) kwargs[pair.key.value as string] = this.evaluate(pair.value, frame);
      } else if (arg.typename === 'DynArgs') {
        const more = strict(this.evaluate(arg.value, frame));
        if (!Array.isArray(more) && typeof more !== 'string' && !isMapping(more)) throw typeError(`${CALL} argument after * must be an iterable, not ${pyTypeName(more)}`);
        args.push(...mark(arg.value, iterate(more)));
      } else if (arg.typename === 'DynKwargs') {
        const more = strict(this.evaluate(arg.value, frame));
        if (!isMapping(more)) throw typeError(`${CALL} argument after ** must be a mapping, not ${pyTypeName(more)}`);
        Object.assign(kwargs, more);
      } else {
        args.push(...mark(arg, [this.evaluate(arg, frame)]));
      }
    }
    return { args, kwargs };
  }

  /** Evaluate an expression node to a value. */
  evaluate(node: Node, frame: Frame): unknown {
    switch (node.typename) {
      case 'Literal':
        return node.value;
      case 'Symbol':
        return this.reveal(frame.lookup(node.value as string));
      case 'Array':
        return (node.children as Node[]).map((c) => this.evaluate(c, frame));
      case 'Tuple':
      case 'Group':
        return makeTuple((node.children as Node[]).map((c) => this.evaluate(c, frame)));
      case 'Dict': {
        const dict: Record<string, unknown> = {};
        for (const pair of node.children as Node[]) dict[toStr(this.evaluate(pair.key, frame))] = this.evaluate(pair.value, frame);
        return dict;
      }
      case 'LookupVal': {
        const target = this.evaluate(node.target, frame);
        if (node.val.typename === 'Slice') {
          const s = node.val;
          const bound = (n: Node | null) => (n ? this.evaluate(n, frame) : null);
          return getItem(strict(target), new Slice(bound(s.start), bound(s.stop), bound(s.step)));
        }
        const key = this.evaluate(node.val, frame);
        return this.reveal(node.dotted ? getAttr(target, key) : getItem(target, key));
      }
      case 'FunCall': {
        const callee = this.evaluate(node.name, frame);
        if (isUndefined(callee)) throw new UndefinedVariableError(callee.hint);
        const lookup = callee instanceof PyFunction && LOOKUPS.has(callee.name);
        const { args, kwargs } = this.evalArgs((node.args?.children ?? []) as Node[], frame, lookup);
        return callValue(callee, args, kwargs);
      }
      case 'Filter':
        return this.applyFilter(node, frame);
      case 'Test':
        return this.applyTest(node, frame);
      case 'InlineIf':
        if (boolOf(this.evaluate(node.cond, frame))) return this.evaluate(node.body, frame);
        return node.else_ ? this.evaluate(node.else_, frame) : new SilentUndefined('the inline if-expression evaluated to false and no else section was defined.');
      case 'Or': {
        const left = this.evaluate(node.left, frame);
        return boolOf(left) ? left : this.evaluate(node.right, frame);
      }
      case 'And': {
        const left = this.evaluate(node.left, frame);
        return boolOf(left) ? this.evaluate(node.right, frame) : left;
      }
      case 'Not':
        return !boolOf(this.evaluate(node.target, frame));
      case 'Compare': {
        let left = this.evaluate(node.expr, frame);
        for (const op of node.ops as Node[]) {
          const right = this.evaluate(op.expr, frame);
          if (!compare(op.type as string, left, right)) return false;
          left = right;
        }
        return true;
      }
      case 'Add':
        return add(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'Sub':
        return sub(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'Mul':
        return mul(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'Div':
        return div(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'FloorDiv':
        return floorDiv(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'Mod':
        return mod(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'Pow':
        return pow(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case 'Concat':
        return toStr(this.evaluate(node.left, frame)) + toStr(this.evaluate(node.right, frame));
      case 'Neg':
        return neg(this.evaluate(node.target, frame));
      case 'Pos':
        return strict(this.evaluate(node.target, frame));
      case 'Capture': {
        const out: string[] = [];
        this.renderNode(node.body, frame, out);
        return out.join('');
      }
      case 'Caller':
        return this.makeMacro(node, frame);
      default:
        throw typeError(`unsupported expression '${node.typename}'`);
    }
  }

  private applyFilter(node: Node, frame: Frame): unknown {
    const name = node.name.value as string;
    const fn = this.env.filter(name);
    if (!fn) throw new UnknownPluginError(`Could not load "${name}": '${name}'`);
    const [input, ...rest] = node.args.children as Node[];
    const value = this.evaluate(input as Node, frame);
    const { args, kwargs } = this.evalArgs(rest, frame);
    const short = name.split('.').pop() as string;
    if (!UNDEFINED_OK_FILTERS.has(short)) {
      strict(value);
      if (short !== 'ternary') args.forEach(strict);
    }
    const result = fn(value, args, kwargs, this.env.ctx);
    return short === 'type_debug' && result === 'str' && fromUnsafe(input as Node, frame) ? 'AnsibleUnsafeText' : result;
  }

  /** A `!vault` value read from the vars is its decrypted text, except for the `vault_encrypted` test. */
  private keepVaulted = false;

  private reveal(value: unknown): unknown {
    if (this.keepVaulted || !isVaulted(value)) return value;
    try {
      return revealVaulted(value);
    } catch (error) {
      if (error instanceof VaultError) throw new TemplateError(error.message);
      throw error;
    }
  }

  private applyTest(node: Node, frame: Frame): boolean {
    const name = node.name as string;
    const fn = this.env.test(name);
    if (!fn) throw new UnknownPluginError(`Could not load "${name}": '${name}'`);
    this.keepVaulted = name.split('.').pop() === 'vault_encrypted';
    let value: unknown;
    try {
      value = this.evaluate(node.target, frame);
    } finally {
      this.keepVaulted = false;
    }
    const { args, kwargs } = this.evalArgs(node.args as Node[], frame);
    if (isUndefined(value) && !UNDEFINED_OK_TESTS.has(name.split('.').pop() as string)) strict(value);
    const result = fn(value, args, kwargs, this.env.ctx);
    return node.negated ? !result : result;
  }
}
