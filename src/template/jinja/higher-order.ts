// Jinja's filters that call other filters and tests by name: map, select, reject, selectattr, rejectattr.
import { isUndefined, truthy, type FilterFn, type Kwargs, type TemplateContext } from '../values.js';
import { iterate, strict, toStr } from '../eval/ops.js';
import { PyError } from '../eval/py-error.js';
import { attrGetter } from './attr-getter.js';

/** How higher-order filters reach the merged registry (set once by src/template/registry.ts). */
export interface Lookup {
  filter(name: string): FilterFn | undefined;
  test(name: string): ((value: unknown, args: unknown[], kwargs: Kwargs, ctx: TemplateContext) => boolean) | undefined;
}

let registry: Lookup | undefined;

/** Called by the registry so map/select can find filters and tests without an import cycle. */
export function bindRegistry(lookup: Lookup): void {
  registry = lookup;
}

function callFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs, ctx: TemplateContext): unknown {
  const fn = registry?.filter(name);
  if (!fn) throw new PyError('TypeError', `No filter named '${name}'.`);
  if (name !== 'default' && name !== 'd' && name !== 'mandatory') strict(value);
  return fn(value, args, kwargs, ctx);
}

function callTest(name: string, value: unknown, args: unknown[], kwargs: Kwargs, ctx: TemplateContext): boolean {
  const fn = registry?.test(name);
  if (!fn) throw new PyError('TypeError', `No test named '${name}'.`);
  return fn(value, args, kwargs, ctx);
}

function selectOrReject(value: unknown, args: unknown[], kwargs: Kwargs, ctx: TemplateContext, byAttr: boolean, keep: boolean): unknown[] {
  let getter = (x: unknown) => x;
  let rest = args;
  if (byAttr) {
    if (!rest.length) throw new PyError('TypeError', 'Missing parameter for attribute name');
    getter = attrGetter(rest[0]);
    rest = rest.slice(1);
  }
  const check = rest.length
    ? (x: unknown) => callTest(toStr(rest[0]), x, rest.slice(1), kwargs, ctx)
    : (x: unknown) => truthy(strict(x));
  return iterate(value).filter((item) => check(getter(item)) === keep);
}

/** map/select/reject/selectattr/rejectattr, by Jinja name. */
export const HIGHER_ORDER_FILTERS: Record<string, FilterFn> = {
  map: (value, args, kwargs, ctx) => {
    const items = iterate(value);
    if (!args.length && 'attribute' in kwargs) {
      const dflt = kwargs.default;
      const get = attrGetter(kwargs.attribute);
      return items.map((item) => {
        const v = get(item);
        return isUndefined(v) && dflt !== undefined ? dflt : v;
      });
    }
    if (!args.length) throw new PyError('TypeError', 'map requires a filter argument');
    const [name, ...rest] = args;
    return items.map((item) => callFilter(toStr(name), item, rest, kwargs, ctx));
  },
  select: (v, a, k, ctx) => selectOrReject(v, a, k, ctx, false, true),
  reject: (v, a, k, ctx) => selectOrReject(v, a, k, ctx, false, false),
  selectattr: (v, a, k, ctx) => selectOrReject(v, a, k, ctx, true, true),
  rejectattr: (v, a, k, ctx) => selectOrReject(v, a, k, ctx, true, false),
};
