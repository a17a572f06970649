// to_json/to_nice_json/from_json and the YAML counterparts, with Python's exact output format.
import { loadYaml11 } from '../../parsing/yaml-11.js';
import { pyStr, TemplateError, truthy } from '../values.js';
import type { FilterFn, Kwargs } from '../values.js';
import { pyJsonDumps, pyJsonLoads } from './py-json.js';
import { pyYamlDump } from './yaml-dump.js';
import { revealAll } from '../../vault/vaulted-value.js';

function jsonOptions(kwargs: Kwargs, defaults: { indent?: number; sortKeys?: boolean; separators?: [string, string] }) {
  const separators = kwargs.separators as unknown[] | undefined;
  return {
    indent: (kwargs.indent as number | string | null | undefined) ?? defaults.indent ?? null,
    sortKeys: kwargs.sort_keys === undefined ? (defaults.sortKeys ?? false) : truthy(kwargs.sort_keys),
    separators: separators ? ([pyStr(separators[0]), pyStr(separators[1])] as [string, string]) : defaults.separators,
    ensureAscii: kwargs.ensure_ascii === undefined ? true : truthy(kwargs.ensure_ascii),
  };
}

// to_json/to_nice_json write `!vault` values decrypted (AnsibleJSONEncoder(vault_to_text=True))
export const toJson: FilterFn = (value, _args, kwargs) => pyJsonDumps(revealAll(value), jsonOptions(kwargs, {}));

/** to_nice_json(indent=4, sort_keys=True): Python's separators (',', ': ') so no trailing spaces. */
export const toNiceJson: FilterFn = (value, args, kwargs) =>
  pyJsonDumps(revealAll(value), jsonOptions({ indent: args[0], sort_keys: args[1], ...kwargs }, { indent: 4, sortKeys: true, separators: [',', ': '] }));

export const fromJson: FilterFn = (value) => pyJsonLoads(pyStr(value));

export const toYaml: FilterFn = (value, _args, kwargs) => {
  try {
    return pyYamlDump(value, {
      indent: kwargs.indent as number | undefined,
      width: kwargs.width as number | undefined,
      defaultFlowStyle: kwargs.default_flow_style === undefined ? null : (kwargs.default_flow_style as boolean | null),
      sortKeys: kwargs.sort_keys === undefined ? true : truthy(kwargs.sort_keys),
      explicitStart: truthy(kwargs.explicit_start),
    });
  } catch (error) {
    throw new TemplateError(`to_yaml - ${(error as Error).message}`, { cause: error });
  }
};

/** to_nice_yaml(indent=4): block style everywhere. */
export const toNiceYaml: FilterFn = (value, args, kwargs) => {
  try {
    return pyYamlDump(value, {
      indent: (kwargs.indent ?? args[0] ?? 4) as number,
      width: kwargs.width as number | undefined,
      defaultFlowStyle: false,
      sortKeys: kwargs.sort_keys === undefined ? true : truthy(kwargs.sort_keys),
      explicitStart: truthy(kwargs.explicit_start),
    });
  } catch (error) {
    throw new TemplateError(`to_nice_yaml - ${(error as Error).message}`, { cause: error });
  }
};

function loadYaml(text: string): unknown {
  try {
    return loadYaml11(text, '<string>', () => undefined);
  } catch (error) {
    throw new TemplateError((error as Error).message, { cause: error });
  }
}

/** from_yaml: non-strings pass through unchanged. */
export const fromYaml: FilterFn = (value) => (typeof value === 'string' ? loadYaml(value) : value);

/** from_yaml_all: one value per YAML document. */
export const fromYamlAll: FilterFn = (value) => {
  if (typeof value !== 'string') return value;
  const docs: string[] = [];
  let current: string[] = [];
  let sawContent = false;
  for (const line of value.split('\n')) {
    if (/^---(?:\s|$)/.test(line)) {
      if (sawContent) docs.push(current.join('\n'));
      current = [line.slice(3)];
      sawContent = true;
    } else if (/^\.\.\.(?:\s|$)/.test(line)) {
      docs.push(current.join('\n'));
      current = [];
      sawContent = false;
    } else {
      current.push(line);
      if (line.trim() !== '' && !line.trim().startsWith('#')) sawContent = true;
    }
  }
  if (sawContent) docs.push(current.join('\n'));
  return docs.map(loadYaml);
};
