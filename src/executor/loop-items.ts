import { ANSIBLE_LOOKUPS } from '../template/ansible/index.js';
import { plainOf } from '../template/unsafe.js';
import { isMapping, isTuple, pyStr, TemplateError, Unsafe, type TemplateContext } from '../template/values.js';
import type { LoopSpec } from '../playbook/types.js';
import type { Vars } from '../vars/types.js';
import type { Templar } from './templar.js';

/** with_items flattens one level, as the items lookup does. */
function flattenOnce(terms: unknown[]): unknown[] {
  return terms.flatMap((term) => (Array.isArray(term) ? term : [term]));
}

/**
 * The items a task loops over, with Ansible's unsafe marks (an item that is unsafe is an Unsafe): `loop:` is a list,
 * each item unsafe if its template read an unsafe value; `with_<lookup>:` is that lookup's answer to the terms,
 * every item unsafe (TaskExecutor._get_loop_items wraps it).
 */
export function loopItems(loop: LoopSpec, vars: Vars, templar: Templar, ctx: Omit<TemplateContext, 'vars'>): unknown[] {
  if (loop.kind === 'loop') {
    const marked = templar.templateMarked(loop.value, vars);
    const value = plainOf(marked);
    if (!Array.isArray(value)) {
      throw new TemplateError(
        `Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(value)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`,
      );
    }
    return marked instanceof Unsafe ? value.map((item) => new Unsafe(tuplesAsLists(item))) : (marked as unknown[]).map(tuplesAsLists);
  }
  return lookupItems(loop, templar.template(loop.value, vars), vars, ctx).map((item) => new Unsafe(tuplesAsLists(item)));
}

/**
 * An item reaches the task with every tuple in it, however deep, a list: `zip`, `subelements` and `with_together`
 * make tuples, yet `{{ item }}` prints `[1, 'a']` and `item | type_debug` is `list`, as ansible-playbook shows. What
 * holds no tuple is returned as it is.
 */
export function tuplesAsLists(value: unknown): unknown {
  if (value instanceof Unsafe) {
    const inner = tuplesAsLists(value.value);
    return inner === value.value ? value : new Unsafe(inner);
  }
  if (Array.isArray(value)) {
    let changed = isTuple(value);
    const out = value.map((item) => {
      const plain = tuplesAsLists(item);
      if (plain !== item) changed = true;
      return plain;
    });
    return changed ? out : value;
  }
  if (isMapping(value) && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = tuplesAsLists(item);
      if (out[key] !== item) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}

function lookupItems(loop: LoopSpec, value: unknown, vars: Vars, ctx: Omit<TemplateContext, 'vars'>): unknown[] {
  // listify_lookup_plugin_terms: a string or a scalar becomes a list of one; a dict stays a dict (its keys, iterated)
  const dict = isMapping(value) ? value : undefined;
  const terms = Array.isArray(value) ? value : dict ? Object.keys(dict) : [value];
  switch (loop.kind) {
    case 'items':
      return flattenOnce(terms);
    case 'list':
      if (dict) throw new TemplateError('with_list expects a list');
      return terms;
    case 'indexed_items':
      if (dict) throw new TemplateError('with_indexed_items expects a list');
      return flattenOnce(terms).map((item, index) => [index, item]);
    case 'dict':
      return (dict ? [dict] : terms).flatMap((term) => {
        if (!isMapping(term)) throw new TemplateError('with_dict expects a dict');
        return Object.entries(term).map(([key, item]) => ({ key, value: item }));
      });
    default: {
      const lookup = ANSIBLE_LOOKUPS[loop.kind];
      if (!lookup) throw new TemplateError(`lookup plugin (${loop.kind}) not found`);
      return lookup(terms, {}, { ...ctx, vars });
    }
  }
}
