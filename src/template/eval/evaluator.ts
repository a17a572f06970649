// Renders parsed templates with Jinja's statement semantics (output, if, for, set, macro, include, import,
// extends/block, with) over the expression evaluator.
import { Undefined } from '../values.js';
import type { Node } from '../parse/parser.js';
import { parseTemplate } from '../parse/parser.js';
import { ExpressionEvaluator, boolOf, finalize } from './expressions.js';
import { Frame } from './frame.js';
import { LoopContext } from './loop.js';
import { Macro } from './macro.js';
import { iterate, toStr } from './ops.js';
import { PyError } from './py-error.js';
import { Namespace, PyFunction } from './py-objects.js';

export { boolOf, finalize, UnknownPluginError } from './expressions.js';

/** Ansible's STRING_TYPE_FILTERS: a lone `{{ x | to_json }}` stays a string (no literal_eval). */
const STRING_TYPE_FILTERS = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'ppretty', 'json']);

/** What Jinja's lexer sees of a loaded template: newlines normalized, one trailing newline dropped. */
export function jinjaSource(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/\n$/, '');
}

/** Renders parsed templates against one environment. */
export class Evaluator extends ExpressionEvaluator {
  private depth = 0;
  /** `{% block %}` bodies of the child templates, child-most first */
  private readonly blocks = new Map<string, Node[]>();
  /** the buffer of the template being rendered (not of macros or captures) */
  topOut: string[] | undefined;
  /** indexes in topOut produced by a STRING_TYPE_FILTERS filter */
  readonly nativeText = new Set<number>();

  /** Render a whole template source in a frame. */
  renderSource(source: string, frame: Frame): string {
    const out: string[] = [];
    this.renderNode(parseTemplate(jinjaSource(source)), frame, out);
    return out.join('');
  }

  renderNodes(nodes: Node[] | null | undefined, frame: Frame, out: string[]): void {
    for (const child of nodes ?? []) this.renderNode(child, frame, out);
  }

  renderNode(node: Node | null, frame: Frame, out: string[]): void {
    if (!node) return;
    switch (node.typename) {
      case 'Root':
        return this.renderRoot(node, frame, out);
      case 'NodeList':
        return this.renderNodes(node.children, frame, out);
      case 'With': {
        const scope = frame.child();
        for (const { target, value } of node.assignments as { target: Node; value: Node }[]) this.assign(target, this.evaluate(value, scope), scope);
        return this.renderNode(node.body, scope, out);
      }
      case 'Block':
        return this.renderBlock([...(this.blocks.get(node.name as string) ?? []), node.body], 0, frame, out);
      case 'Extends':
        return;
      case 'Output':
        for (const child of node.children as Node[]) {
          if (child.typename === 'TemplateData') {
            if (child.value !== '') out.push(child.value as string);
          } else {
            const text = finalize(this.evaluate(child, frame));
            if (out === this.topOut && child.typename === 'Filter' && STRING_TYPE_FILTERS.has(String(child.name.value).split('.').pop() as string)) this.nativeText.add(out.length);
            out.push(text);
          }
        }
        return;
      case 'If':
        if (boolOf(this.evaluate(node.cond, frame))) this.renderNode(node.body, frame, out);
        else this.renderNode(node.else_, frame, out);
        return;
      case 'For':
        return this.renderFor(node, frame, out);
      case 'Set':
        return this.renderSet(node, frame);
      case 'Macro':
        frame.set(node.name.value as string, this.makeMacro(node, frame));
        return;
      case 'Include':
        return this.renderInclude(node, frame, out);
      case 'Import':
        frame.set(node.target.value as string, this.importTemplate(node, frame));
        return;
      case 'FromImport': {
        const module = this.importTemplate(node, frame);
        for (const name of node.names.children as Node[]) {
          const [from, as] = name.typename === 'Pair' ? [name.key.value as string, name.value.value as string] : [name.value as string, name.value as string];
          frame.set(as, module.getAttr(from) ?? new Undefined(`the template ${String(this.evaluate(node.template, frame))} does not export the requested name '${from}'`));
        }
        return;
      }
      default:
        throw new PyError('TypeError', `unsupported template statement '${node.typename}'`);
    }
  }

  /** A template; one that `{% extends %}` another renders the parent with its blocks put in. */
  private renderRoot(root: Node, frame: Frame, out: string[]): void {
    const children = root.children as Node[];
    const parent = children.find((c) => c.typename === 'Extends');
    if (!parent) return this.renderNodes(children, frame, out);
    const collect = (nodes: Node[]) => {
      for (const n of nodes) {
        if (n.typename === 'Block') {
          this.blocks.set(n.name as string, [...(this.blocks.get(n.name as string) ?? []), n.body]);
          collect((n.body?.children ?? []) as Node[]);
        }
      }
    };
    collect(children);
    for (const n of children) if (['Set', 'Macro', 'Import', 'FromImport'].includes(n.typename)) this.renderNode(n, frame, []);
    const { source } = this.templateSource(this.evaluate(parent.template, frame));
    this.renderNode(parseTemplate(jinjaSource(source)), frame, out);
  }

  /** One level of a block override chain; `super()` renders the next (parent) level. */
  private renderBlock(chain: Node[], level: number, frame: Frame, out: string[]): void {
    const scope = frame.child();
    scope.set(
      'super',
      new PyFunction('super', () => {
        if (level + 1 >= chain.length) throw new PyError('ValueError', 'there is no parent block called super()');
        const inner: string[] = [];
        this.renderBlock(chain, level + 1, frame, inner);
        return inner.join('');
      }),
    );
    this.renderNode(chain[level] as Node, scope, out);
  }

  private renderFor(node: Node, frame: Frame, out: string[]): void {
    this.renderLoop(node, this.evaluate(node.arr, frame), 0, frame, out);
  }

  private renderLoop(node: Node, iterable: unknown, depth0: number, frame: Frame, out: string[]): void {
    let items = iterate(iterable);
    if (node.cond) {
      items = items.filter((item) => {
        const scope = frame.child();
        this.assign(node.name, item, scope);
        return boolOf(this.evaluate(node.cond, scope));
      });
    }
    if (!items.length) {
      this.renderNode(node.else_, frame, out);
      return;
    }
    const recurse = node.recursive
      ? (children: unknown) => {
          const inner: string[] = [];
          this.renderLoop(node, children, depth0 + 1, frame, inner);
          return inner.join('');
        }
      : undefined;
    const loop = new LoopContext(items, depth0, recurse);
    items.forEach((item, i) => {
      const scope = frame.child();
      loop.index0 = i;
      scope.set('loop', loop);
      this.assign(node.name, item, scope);
      this.renderNode(node.body, scope, out);
    });
  }

  /** Bind a loop or set target: a name, a tuple of names (unpacking), or `ns.attr`. */
  private assign(target: Node, value: unknown, frame: Frame): void {
    if (target.typename === 'Symbol') {
      frame.set(target.value as string, value);
    } else if (target.typename === 'Tuple' || target.typename === 'Array') {
      const names = target.children as Node[];
      const values = iterate(value);
      if (values.length < names.length) throw new PyError('ValueError', `not enough values to unpack (expected ${names.length}, got ${values.length})`);
      if (values.length > names.length) throw new PyError('ValueError', `too many values to unpack (expected ${names.length})`);
      names.forEach((name, i) => this.assign(name, values[i], frame));
    } else if (target.typename === 'LookupVal') {
      const obj = this.evaluate(target.target, frame);
      if (!(obj instanceof Namespace)) throw new PyError('TypeError', 'cannot assign attribute on non-namespace object');
      obj.attrs[String(this.evaluate(target.val, frame))] = value;
    } else {
      throw new PyError('TypeError', `can't assign to ${target.typename}`);
    }
  }

  private renderSet(node: Node, frame: Frame): void {
    const value = node.value ? this.evaluate(node.value, frame) : this.evaluate(node.body, frame);
    const targets = node.targets as Node[];
    if (targets.length === 1) this.assign(targets[0] as Node, value, frame);
    else this.assign({ typename: 'Tuple', lineno: 0, colno: 0, children: targets }, value, frame);
  }

  protected makeMacro(node: Node, frame: Frame): Macro {
    const params: { name: string; default?: () => unknown }[] = [];
    for (const arg of (node.args?.children ?? []) as Node[]) {
      if (arg.typename === 'KeywordArgs') {
        for (const pair of arg.children as Node[]) params.push({ name: pair.key.value as string, default: () => this.evaluate(pair.value, frame) });
      } else {
        params.push({ name: arg.value as string });
      }
    }
    const name = node.typename === 'Caller' ? 'caller' : (node.name.value as string);
    return new Macro(name, params, (bound, varargs, kwargs) => {
      const scope = frame.child();
      for (const [k, v] of bound) scope.set(k, v);
      scope.set('varargs', varargs);
      const { caller, ...rest } = kwargs;
      scope.set('kwargs', rest);
      if (caller !== undefined) scope.set('caller', caller);
      if (++this.depth > 200) throw new PyError('TypeError', 'maximum recursion depth exceeded');
      try {
        const out: string[] = [];
        this.renderNode(node.body, scope, out);
        return out.join('');
      } finally {
        this.depth--;
      }
    });
  }

  private templateSource(name: unknown): { source: string; file: string } {
    const loaded = this.env.loadTemplate(toStr(name));
    if (!loaded) throw new PyError('TemplateNotFound', toStr(name));
    return loaded;
  }

  private renderInclude(node: Node, frame: Frame, out: string[]): void {
    const name = this.evaluate(node.template, frame);
    const names = Array.isArray(name) ? name : [name];
    for (const candidate of names) {
      const loaded = this.env.loadTemplate(toStr(candidate));
      if (loaded) {
        const scope = node.withContext === false ? new Frame(undefined, {}, frame.globals) : frame.child();
        out.push(this.renderSource(loaded.source, scope));
        return;
      }
    }
    if (node.ignoreMissing) return;
    throw new PyError('TemplateNotFound', names.map(toStr).join(', '));
  }

  private importTemplate(node: Node, frame: Frame): Namespace {
    const { source } = this.templateSource(this.evaluate(node.template, frame));
    const scope = node.withContext ? frame.child() : new Frame(undefined, {}, frame.globals);
    const moduleFrame = scope.child();
    const tree = parseTemplate(jinjaSource(source));
    const exported: Record<string, unknown> = {};
    for (const child of tree.children as Node[]) {
      if (child.typename === 'Macro') exported[child.name.value as string] = this.makeMacro(child, moduleFrame);
      this.renderNode(child.typename === 'Macro' ? null : child, moduleFrame, []);
      // a top-level `{% set name = ... %}` is exported too (names starting with '_' stay private)
      if (child.typename === 'Set') for (const name of setNames(child)) if (!name.startsWith('_')) exported[name] = moduleFrame.lookup(name);
    }
    for (const [k, v] of Object.entries(exported)) moduleFrame.set(k, v);
    return new Namespace(exported);
  }
}

/** The plain names a `{% set %}` binds (not `ns.attr` targets). */
function setNames(node: Node): string[] {
  const names: string[] = [];
  const walk = (target: Node): void => {
    if (target.typename === 'Symbol') names.push(target.value as string);
    else if (target.typename === 'Tuple' || target.typename === 'Array') (target.children as Node[]).forEach(walk);
  };
  (node.targets as Node[]).forEach(walk);
  return names;
}
