// The registry of Ansible's filters, tests and lookups, by short name and by FQCN.
import { pyStr } from '../values.js';
import type { FilterFn, LookupFn, TestFn } from '../values.js';
import * as col from './collections.js';
import * as enc from './encoding.js';
import * as hashing from './hashing.js';
import { jsonQuery } from './json-query.js';
import * as lookupCommands from './lookups/commands.js';
import * as lookupFiles from './lookups/files.js';
import * as lookupIni from './lookups/ini.js';
import * as lookupLists from './lookups/lists.js';
import { password } from './lookups/password.js';
import * as lookupVars from './lookups/vars.js';
import * as math from './math.js';
import * as net from './network.js';
import * as paths from './paths.js';
import * as rand from './random.js';
import * as regex from './regex.js';
import * as ser from './serialize.js';
import { TESTS } from './tests.js';
import * as time from './time.js';

/** fileglob filter: glob relative to the controller's cwd, regular files only. */
const fileglobFilter: FilterFn = (value) => lookupFiles.pyGlob(pyStr(value)).filter((p) => lookupFiles.isRegularFile(p));

const BUILTIN_FILTERS: Record<string, FilterFn> = {
  b64decode: enc.b64decode,
  b64encode: enc.b64encode,
  to_uuid: hashing.toUuid,
  to_json: ser.toJson,
  to_nice_json: ser.toNiceJson,
  from_json: ser.fromJson,
  to_yaml: ser.toYaml,
  to_nice_yaml: ser.toNiceYaml,
  from_yaml: ser.fromYaml,
  from_yaml_all: ser.fromYamlAll,
  basename: paths.basename,
  dirname: paths.dirname,
  expanduser: paths.expanduser,
  expandvars: paths.expandvars,
  path_join: paths.pathJoin,
  realpath: paths.realpath,
  relpath: paths.relpath,
  splitext: paths.splitext,
  fileglob: fileglobFilter,
  bool: enc.toBool,
  to_datetime: time.toDatetime,
  strftime: time.strftime,
  quote: enc.quote,
  md5: hashing.md5,
  sha1: hashing.sha1,
  checksum: hashing.sha1,
  password_hash: hashing.passwordHash,
  hash: hashing.hash,
  regex_replace: regex.regexReplace,
  regex_escape: regex.regexEscape,
  regex_search: regex.regexSearch,
  regex_findall: regex.regexFindall,
  ternary: col.ternary,
  random: rand.random,
  shuffle: rand.shuffle,
  mandatory: col.mandatory,
  comment: enc.comment,
  type_debug: enc.typeDebug,
  combine: col.combine,
  extract: col.extract,
  flatten: col.flatten,
  dict2items: col.dict2items,
  items2dict: col.items2dict,
  subelements: col.subelements,
  split: enc.split,
  urlsplit: enc.urlsplit,
  // mathstuff
  log: math.log,
  pow: math.pow,
  root: math.root,
  unique: col.unique,
  intersect: col.intersect,
  difference: col.difference,
  symmetric_difference: col.symmetricDifference,
  union: col.union,
  product: col.product,
  permutations: col.permutations,
  combinations: col.combinations,
  human_readable: math.humanReadable,
  human_to_bytes: math.humanToBytes,
  zip: col.zip,
  zip_longest: col.zipLongest,
};

const UTILS_FILTERS: Record<string, FilterFn> = {
  ipaddr: net.ipaddrFilter,
  ipv4: net.ipv4Filter,
  ipv6: net.ipv6Filter,
  ipwrap: net.ipwrap,
  ipmath: net.ipmath,
  ipsubnet: net.ipsubnet,
  nthhost: net.nthhost,
  network_in_usable: net.networkInUsable,
  network_in_network: net.networkInNetwork,
};

const GENERAL_FILTERS: Record<string, FilterFn> = {
  json_query: jsonQuery,
};

function withFqcn<T>(collections: [string, Record<string, T>][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [collection, entries] of collections) {
    for (const [name, fn] of Object.entries(entries)) {
      out[name] ??= fn;
      out[`${collection}.${name}`] = fn;
    }
  }
  return out;
}

export const ANSIBLE_FILTERS: Record<string, FilterFn> = withFqcn([
  ['ansible.builtin', BUILTIN_FILTERS],
  ['ansible.utils', UTILS_FILTERS],
  // ansible.netcommon's ipaddr family redirects to ansible.utils
  ['ansible.netcommon', UTILS_FILTERS],
  ['community.general', GENERAL_FILTERS],
]);

export const ANSIBLE_TESTS: Record<string, TestFn> = withFqcn([['ansible.builtin', TESTS]]);

const BUILTIN_LOOKUPS: Record<string, LookupFn> = {
  file: lookupFiles.file,
  fileglob: lookupFiles.fileglob,
  unvault: lookupFiles.unvault,
  first_found: lookupFiles.firstFound,
  template: lookupFiles.template,
  pipe: lookupCommands.pipe,
  lines: lookupCommands.lines,
  env: lookupVars.env,
  vars: lookupVars.vars,
  varnames: lookupVars.varnames,
  config: lookupVars.config,
  inventory_hostnames: lookupVars.inventoryHostnames,
  items: lookupLists.items,
  list: lookupLists.list,
  dict: lookupLists.dict,
  sequence: lookupLists.sequence,
  subelements: lookupLists.subelements,
  nested: lookupLists.nested,
  together: lookupLists.together,
  indexed_items: lookupLists.indexedItems,
  random_choice: lookupLists.randomChoice,
  password,
  ini: lookupIni.ini,
  csvfile: lookupIni.csvfile,
};

export const ANSIBLE_LOOKUPS: Record<string, LookupFn> = withFqcn([['ansible.builtin', BUILTIN_LOOKUPS]]);
