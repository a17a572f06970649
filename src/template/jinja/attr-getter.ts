// Jinja's make_attrgetter: `attribute='a.b.0'` walks items by dotted path (map, sort, selectattr, groupby...).
import { isUndefined } from '../values.js';
import { getItem } from '../eval/access.js';
import { toStr } from '../eval/ops.js';

/** A function reading the dotted attribute path from an item; `lower` folds strings for case-insensitive compares. */
export function attrGetter(attribute: unknown, options: { lower?: boolean; dflt?: unknown } = {}): (item: unknown) => unknown {
  const parts =
    attribute === null || attribute === undefined
      ? []
      : typeof attribute === 'number'
        ? [attribute]
        : toStr(attribute)
            .split('.')
            .map((p) => (/^\d+$/.test(p) ? parseInt(p, 10) : p));
  return (item) => {
    let value = item;
    for (const part of parts) {
      value = getItem(value, part);
      if (isUndefined(value)) {
        if (options.dflt !== undefined) return options.dflt;
        break;
      }
    }
    if (options.lower && typeof value === 'string') return value.toLowerCase();
    return value;
  };
}
