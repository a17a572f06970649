// Ansible's Jinja tests: task results, regex, version, set membership, truthiness, files, URIs.
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isMapping, isNumber, pyStr, pyTypeName, TemplateError, toNumber, truthy } from '../values.js';
import type { Kwargs, TestFn } from '../values.js';
import { pyContains } from './py-compare.js';
import { regexTest } from './regex.js';
import { looseCompare, strictCompare, VERSION_TYPES } from './version.js';

function resultDict(value: unknown, test: string): Record<string, unknown> {
  if (!isMapping(value)) throw new TemplateError(`The '${test}' test expects a dictionary`);
  return value;
}

const failed: TestFn = (value) => truthy(resultDict(value, 'failed').failed ?? false);
const success: TestFn = (value) => !truthy(resultDict(value, 'failed').failed ?? false);
const unreachable: TestFn = (value) => truthy(resultDict(value, 'unreachable').unreachable ?? false);
const reachable: TestFn = (value) => !truthy(resultDict(value, 'unreachable').unreachable ?? false);
const skipped: TestFn = (value) => truthy(resultDict(value, 'skipped').skipped ?? false);

/** changed: a loop result without `changed` is changed if any item is. */
const changed: TestFn = (value) => {
  const result = resultDict(value, 'changed');
  if ('changed' in result) return truthy(result.changed);
  const results = result.results;
  if (Array.isArray(results) && isMapping(results[0])) return results.some((r) => isMapping(r) && truthy(r.changed ?? false));
  return false;
};

function asyncState(key: 'started' | 'finished'): TestFn {
  return (value, _args, _kwargs, ctx) => {
    const result = resultDict(value, key);
    if (key in result) return isNumber(result[key]) || typeof result[key] === 'boolean' ? toNumber(result[key]) === 1 : false;
    ctx.warn(`The '${key}' test expects an async task, but a non-async task was tested`);
    return true;
  };
}

function regexKwargs(args: unknown[], kwargs: Kwargs): Kwargs {
  return { ignorecase: kwargs.ignorecase ?? args[1], multiline: kwargs.multiline ?? args[2] };
}

const match: TestFn = (value, args, kwargs) => regexTest(value, kwargs.pattern ?? args[0], regexKwargs(args, kwargs), 'match');
const search: TestFn = (value, args, kwargs) => regexTest(value, kwargs.pattern ?? args[0], regexKwargs(args, kwargs), 'search');
const regex: TestFn = (value, args, kwargs) =>
  regexTest(value, kwargs.pattern ?? args[0], regexKwargs(args, kwargs), pyStr(kwargs.match_type ?? args[3] ?? 'search'));

const OPS: Record<string, string> = {
  '==': 'eq', '=': 'eq', eq: 'eq', '<': 'lt', lt: 'lt', '<=': 'le', le: 'le', '>': 'gt', gt: 'gt', '>=': 'ge', ge: 'ge', '!=': 'ne', '<>': 'ne', ne: 'ne',
};

/** version(other, operator='eq', strict=None, version_type=None). */
const version: TestFn = (value, args, kwargs) => {
  const other = kwargs.version ?? args[0];
  const operator = pyStr(kwargs.operator ?? args[1] ?? 'eq');
  const strict = kwargs.strict ?? args[2] ?? null;
  const versionType = kwargs.version_type ?? args[3] ?? null;
  if (strict !== null && versionType !== null) throw new TemplateError("Cannot specify both 'strict' and 'version_type'");
  if (!truthy(value)) throw new TemplateError('Input version value cannot be empty');
  if (!truthy(other)) throw new TemplateError('Version parameter to compare against cannot be empty');
  let compare = looseCompare;
  if (truthy(strict)) compare = strictCompare;
  else if (truthy(versionType)) {
    const found = VERSION_TYPES[pyStr(versionType)];
    if (!found) {
      throw new TemplateError(`Invalid version type (${pyStr(versionType)}). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'`);
    }
    compare = found;
  }
  const op = OPS[operator];
  if (!op) {
    throw new TemplateError(`Invalid operator type (${operator}). Must be one of ${Object.keys(OPS).map((k) => `'${k}'`).join(', ')}`);
  }
  const c = compare(pyStr(value), pyStr(other));
  switch (op) {
    case 'lt': return c < 0;
    case 'le': return c <= 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
    case 'ne': return c !== 0;
    default: return c === 0;
  }
};

function iterable(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isMapping(value)) return Object.keys(value);
  throw new TemplateError(`'${pyTypeName(value)}' object is not iterable`);
}

const subset: TestFn = (value, args) => {
  const b = iterable(args[0]);
  return iterable(value).every((x) => pyContains(b, x));
};
const superset: TestFn = (value, args) => {
  const a = iterable(value);
  return iterable(args[0]).every((x) => pyContains(a, x));
};
const contains: TestFn = (value, args) => pyContains(value, args[0]);
const anyTest: TestFn = (value) => iterable(value).some(truthy);
const allTest: TestFn = (value) => iterable(value).every(truthy);

/** module_utils convert_bool.boolean; undefined for values outside its tables. */
export function convertBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const v = typeof value === 'string' ? value.toLowerCase().trim() : value;
  if (['y', 'yes', 'on', '1', 'true', 't'].includes(v as string) || (isNumber(v) && toNumber(v) === 1)) return true;
  if (['n', 'no', 'off', '0', 'false', 'f'].includes(v as string) || (isNumber(v) && toNumber(v) === 0)) return false;
  return undefined;
}

const truthyTest: TestFn = (value, args, kwargs) => {
  if (truthy(kwargs.convert_bool ?? args[0] ?? false)) {
    const b = convertBool(value);
    if (b !== undefined) return b;
  }
  return truthy(value);
};
const falsyTest: TestFn = (value, args, kwargs, ctx) => !truthyTest(value, args, kwargs, ctx);

const nan: TestFn = (value) => (isNumber(value) || typeof value === 'boolean' ? Number.isNaN(toNumber(value)) : false);

function statOf(p: string, follow = true): ReturnType<typeof statSync> | undefined {
  try {
    return follow ? statSync(p) : lstatSync(p);
  } catch {
    return undefined;
  }
}

const isFile: TestFn = (value) => statOf(pyStr(value))?.isFile() ?? false;
const isDir: TestFn = (value) => statOf(pyStr(value))?.isDirectory() ?? false;
const isLink: TestFn = (value) => statOf(pyStr(value), false)?.isSymbolicLink() ?? false;
const exists: TestFn = (value) => existsSync(pyStr(value));
const lexists: TestFn = (value) => statOf(pyStr(value), false) !== undefined;
const isAbs: TestFn = (value) => pyStr(value).startsWith('/');

/** os.path.samefile raises when either path is missing. */
const sameFile: TestFn = (value, args) => {
  const a = statOf(pyStr(value));
  const b = statOf(pyStr(args[0]));
  if (!a || !b) throw new TemplateError(`[Errno 2] No such file or directory: '${pyStr(!a ? value : args[0])}'`);
  return a.dev === b.dev && a.ino === b.ino;
};

/** os.path.ismount: a different device than the parent, or the same inode as the parent ('/'). */
const isMount: TestFn = (value) => {
  const p = pyStr(value);
  const self = statOf(p, false);
  if (!self || self.isSymbolicLink()) return false;
  let parent: ReturnType<typeof statSync> | undefined;
  try {
    parent = statSync(path.join(realpathSync(p), '..'));
  } catch {
    return false;
  }
  return self.dev !== parent.dev || self.ino === parent.ino;
};

const vaultEncrypted: TestFn = (value) => isMapping(value) && typeof value.__ansible_vault === 'string';

function uriParts(value: unknown): { scheme: string; netloc: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value);
  const scheme = m ? (m[1] as string).toLowerCase() : '';
  const rest = m ? (m[2] as string) : value;
  const netloc = rest.startsWith('//') ? (rest.slice(2).split(/[/?#]/)[0] ?? '') : '';
  return { scheme, netloc };
}

const uri: TestFn = (value, args, kwargs) => {
  const parts = uriParts(value);
  const schemes = (kwargs.schemes ?? args[0]) as unknown[] | undefined;
  return parts !== undefined && (!schemes || (Array.isArray(schemes) && schemes.length === 0) || pyContains(schemes, parts.scheme));
};
const url: TestFn = (value, args, kwargs, ctx) => {
  if (!uri(value, args, kwargs, ctx)) return false;
  const parts = uriParts(value);
  return Boolean(parts && (parts.netloc || parts.scheme === 'file'));
};
const urn: TestFn = (value, _args, _kwargs, ctx) => uri(value, [['urn']], {}, ctx);

export const TESTS: Record<string, TestFn> = {
  failed, failure: failed, succeeded: success, success, successful: success,
  reachable, unreachable, changed, change: changed, skipped, skip: skipped,
  finished: asyncState('finished'), started: asyncState('started'),
  match, search, regex, version_compare: version, version,
  any: anyTest, all: allTest, truthy: truthyTest, falsy: falsyTest, vault_encrypted: vaultEncrypted,
  subset, issubset: subset, superset, issuperset: superset, contains, nan, isnan: nan,
  directory: isDir, is_dir: isDir, file: isFile, is_file: isFile, link: isLink, is_link: isLink,
  exists, link_exists: lexists, abs: isAbs, is_abs: isAbs, same_file: sameFile, is_same_file: sameFile,
  mount: isMount, is_mount: isMount, uri, url, urn,
};

/** Which collection each test lives in, for the FQCN aliases. */
export const TEST_COLLECTION: Record<string, string> = Object.fromEntries(Object.keys(TESTS).map((k) => [k, 'ansible.builtin']));
