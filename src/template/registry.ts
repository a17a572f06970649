// One table of filters, tests and lookups: Jinja's builtins with Ansible's (from src/template/ansible) over them,
// found by short name or by FQCN (`ansible.builtin.to_json`, `community.general.json_query`).
import type { FilterFn, LookupFn, TestFn } from './values.js';
import { ANSIBLE_FILTERS, ANSIBLE_LOOKUPS, ANSIBLE_TESTS } from './ansible/index.js';
import { COLLECTION_FILTERS } from './jinja/collection-filters.js';
import { bindRegistry, HIGHER_ORDER_FILTERS } from './jinja/higher-order.js';
import { STRING_FILTERS } from './jinja/string-filters.js';
import { bindNames, JINJA_TESTS } from './jinja/tests.js';

/** Jinja 3.1's builtin filters (`d` is `default`). */
export const JINJA_FILTERS: Record<string, FilterFn> = { ...STRING_FILTERS, ...COLLECTION_FILTERS, ...HIGHER_ORDER_FILTERS };
JINJA_FILTERS.d = JINJA_FILTERS.default as FilterFn;

function resolve<T>(name: string, ...tables: Record<string, T>[]): T | undefined {
  const candidates = [name];
  const builtin = /^ansible\.(builtin|legacy)\.(.+)$/.exec(name);
  if (builtin) candidates.push(builtin[2] as string);
  else if (name.includes('.')) candidates.push(name.slice(name.lastIndexOf('.') + 1));
  for (const candidate of candidates) {
    for (const table of tables) if (Object.prototype.hasOwnProperty.call(table, candidate)) return table[candidate];
  }
  return undefined;
}

/** The filter called `name` (Ansible's win over Jinja's of the same name, as in Ansible). */
export function findFilter(name: string): FilterFn | undefined {
  return resolve(name, ANSIBLE_FILTERS, JINJA_FILTERS);
}

/** The test called `name`. */
export function findTest(name: string): TestFn | undefined {
  return resolve(name, ANSIBLE_TESTS, JINJA_TESTS);
}

/** The lookup plugin called `name`. */
export function findLookup(name: string): LookupFn | undefined {
  return resolve(name, ANSIBLE_LOOKUPS);
}

bindRegistry({ filter: findFilter, test: findTest });
bindNames((n) => findFilter(n) !== undefined, (n) => findTest(n) !== undefined);
