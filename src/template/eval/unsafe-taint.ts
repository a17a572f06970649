// Ansible's AnsibleUnsafeText, as far as type_debug shows it. Values here are plain JS strings that cannot carry
// a mark, so whether a string is unsafe is read off the expression it came from: a lookup()/query()/q() result
// (Ansible wraps them unless allow_unsafe=True), or a part of a var held unsafe (a registered result, a loop item
// of a with_* lookup, a set_fact value whose template read an unsafe value: ../unsafe.ts).
import type { Node } from '../parse/parser.js';
import type { Frame } from './frame.js';

/** The lookup functions: their results are unsafe, and their terms from unsafe values are not templated again. */
export const LOOKUPS = new Set(['lookup', 'query', 'q']);

/** Does this expression give (a part of) a value Ansible holds unsafe? */
export function fromUnsafe(node: Node, frame: Frame): boolean {
  switch (node.typename) {
    case 'Symbol':
      return frame.heldUnsafe(node.value as string);
    case 'LookupVal':
      return fromUnsafe(node.target as Node, frame);
    case 'FunCall':
      return node.name.typename === 'Symbol' && LOOKUPS.has(node.name.value as string) && !allowsUnsafe(node);
    default:
      return false;
  }
}

function allowsUnsafe(call: Node): boolean {
  const kwargs = ((call.args?.children ?? []) as Node[]).find((arg) => arg.typename === 'KeywordArgs');
  return ((kwargs?.children ?? []) as Node[]).some((pair) => pair.key.value === 'allow_unsafe');
}
