// Lookups over variables and settings: env, vars, varnames, config, inventory_hostnames.
import { fnmatchToRegExp } from '../../../inventory/fnmatch.js';
import { loadSettings } from '../../../config/settings.js';
import type { SettingName } from '../../../config/settings.js';
import { isMapping, isUndefined, pyStr, pyTypeName, TemplateError, UndefinedVariableError } from '../../values.js';
import type { LookupFn } from '../../values.js';
import { compilePyRegex } from '../py-regex.js';

/** env: the first word of each term names the variable; default='' when unset. */
export const env: LookupFn = (terms, kwargs) =>
  terms.map((term) => {
    const name = pyStr(term).trim().split(/\s+/)[0] ?? '';
    const value = process.env[name];
    if (value !== undefined) return value;
    const dflt = kwargs.default ?? '';
    if (isUndefined(dflt)) throw new UndefinedVariableError(`The "env" lookup, found an undefined variable: ${name}`);
    return dflt;
  });

/** vars: a variable by (templated) name, then hostvars[inventory_hostname]; default= when missing. */
export const vars: LookupFn = (terms, kwargs, ctx) =>
  terms.map((term) => {
    if (typeof term !== 'string') throw new TemplateError(`Invalid setting identifier, "${pyStr(term)}" is not a string, its a <class '${pyTypeName(term)}'>`);
    let value: unknown = ctx.vars[term];
    if (value === undefined || isUndefined(value)) {
      const hostvars = ctx.vars.hostvars;
      const host = ctx.vars.inventory_hostname;
      const hv = isMapping(hostvars) && typeof host === 'string' ? hostvars[host] : undefined;
      value = isMapping(hv) ? hv[term] : undefined;
    }
    if (value === undefined || isUndefined(value)) {
      if (kwargs.default !== undefined && kwargs.default !== null) return kwargs.default;
      throw new UndefinedVariableError(`No variable found with this name: ${term}`);
    }
    return typeof value === 'string' ? ctx.render(value) : value;
  });

/** varnames: names of variables matching each regex (re.search). Needs enumerable ctx.vars. */
export const varnames: LookupFn = (terms, _kwargs, ctx) => {
  const names = Object.keys(ctx.vars);
  return terms.flatMap((term) => {
    if (typeof term !== 'string') throw new TemplateError(`Invalid setting identifier, "${pyStr(term)}" is not a string, it is a <class '${pyTypeName(term)}'>`);
    const re = compilePyRegex(term, {}, false);
    return names.filter((n) => re.test(n));
  });
};

// Ansible's config names for the settings tsible knows (config/base.yml).
const CONFIG_NAMES: Record<string, SettingName> = {
  DEFAULT_HOST_LIST: 'inventory', DEFAULT_REMOTE_USER: 'remote_user', DEFAULT_FORKS: 'forks', DEFAULT_TIMEOUT: 'timeout',
  HOST_KEY_CHECKING: 'host_key_checking', DEFAULT_PRIVATE_KEY_FILE: 'private_key_file', DEFAULT_TRANSPORT: 'transport',
  DEFAULT_MODULE_NAME: 'module_name', DEFAULT_VERBOSITY: 'verbosity', DEFAULT_STDOUT_CALLBACK: 'stdout_callback',
  DEFAULT_ROLES_PATH: 'roles_path', DEFAULT_BECOME: 'become', DEFAULT_BECOME_METHOD: 'become_method', DEFAULT_BECOME_USER: 'become_user',
  DEFAULT_BECOME_ASK_PASS: 'become_ask_pass', DEFAULT_ASK_PASS: 'ask_pass', LOCALHOST_WARNING: 'localhost_warning',
  HOST_PATTERN_MISMATCH: 'host_pattern_mismatch',
};

/** config: global settings by Ansible's name; on_missing=error|warn|skip. Plugin settings are not supported. */
export const config: LookupFn = (terms, kwargs, ctx) => {
  const missing = pyStr(kwargs.on_missing ?? 'error');
  if (!['error', 'warn', 'skip'].includes(missing)) {
    throw new TemplateError(`"on_missing" must be a string and one of "error", "warn" or "skip", not ${missing}`);
  }
  if (kwargs.plugin_type !== undefined || kwargs.plugin_name !== undefined) throw new TemplateError('config lookup: plugin settings are not supported by tsible');
  const settings = loadSettings(process.env, process.cwd(), (m) => ctx.warn(m));
  const out: unknown[] = [];
  for (const term of terms) {
    if (typeof term !== 'string') throw new TemplateError(`Invalid setting identifier, "${pyStr(term)}" is not a string, its a <class '${pyTypeName(term)}'>`);
    const name = CONFIG_NAMES[term];
    if (name) {
      const value = settings.get(name);
      out.push(value === undefined ? null : value);
    } else if (missing === 'error') throw new TemplateError(`Unable to find setting ${term}`);
    else if (missing === 'warn') ctx.warn(`Skipping, did not find setting ${term}`);
  }
  return out;
};

/** inventory_hostnames: host patterns (groups, hosts, wildcards, !exclude, &intersect) over vars.groups. */
export const inventoryHostnames: LookupFn = (terms, _kwargs, ctx) => {
  const groups = isMapping(ctx.vars.groups) ? (ctx.vars.groups as Record<string, string[]>) : {};
  const all = [...new Set(Object.values(groups).flat())];
  const resolve = (pattern: string): string[] => {
    if (pattern === 'all' || pattern === '*') return groups.all ?? all;
    if (pattern in groups) return groups[pattern] ?? [];
    if (all.includes(pattern)) return [pattern];
    const re = pattern.startsWith('~') ? compilePyRegex(pattern.slice(1), {}, false) : fnmatchToRegExp(pattern);
    const names = [...Object.keys(groups).filter((g) => re.test(g)).flatMap((g) => groups[g] ?? []), ...all.filter((h) => re.test(h))];
    return [...new Set(names)];
  };
  const patterns = terms.flatMap((t) => pyStr(t).split(/[:,]/)).map((p) => p.trim()).filter(Boolean);
  let result: string[] = [];
  for (const p of patterns.filter((x) => !x.startsWith('!') && !x.startsWith('&'))) result.push(...resolve(p).filter((h) => !result.includes(h)));
  for (const p of patterns.filter((x) => x.startsWith('&'))) {
    const keep = resolve(p.slice(1));
    result = result.filter((h) => keep.includes(h));
  }
  for (const p of patterns.filter((x) => x.startsWith('!'))) {
    const drop = resolve(p.slice(1));
    result = result.filter((h) => !drop.includes(h));
  }
  return result;
};
