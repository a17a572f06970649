import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ModuleDefinition } from './module-contract.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDefinition<any, any>;

export type ArgsCheck = { ok: true; args: Record<string, unknown> } | { ok: false; msg: string };

const ajv = new Ajv({ allErrors: true, useDefaults: false, strict: false });
const compiled = new WeakMap<AnyModule, ValidateFunction>();

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  items?: PropertySchema;
}

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't', '1.0']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f', '0.0']);

/** Ansible's argspec type coercion: k=v args arrive as strings and become the declared bool/int/list. */
function coerce(value: unknown, schema: PropertySchema): unknown {
  // a value that already has one of several allowed types stays as it is (a YAML-octal `mode: 0700` stays 448, not '448')
  if (Array.isArray(schema.type) && schema.type.length > 1 && schema.type.some((t) => hasType(value, t))) return value;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'boolean' && (typeof value === 'string' || typeof value === 'number')) {
    const text = String(value).toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
  }
  if (type === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  if (type === 'number' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  if (type === 'array') {
    const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : Array.isArray(value) ? value : [value];
    return schema.items ? list.map((item) => coerce(item, schema.items as PropertySchema)) : list;
  }
  return value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return false;
  }
}

function pythonType(value: unknown): string {
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  if (value === null) return "<class 'NoneType'>";
  return "<class 'dict'>";
}

const TYPE_NAMES: Record<string, string> = { boolean: 'bool', integer: 'int', number: 'float', string: 'str', array: 'list', object: 'dict' };

/** Check and coerce one task's module arguments; the message is Ansible's, naming the module and the allowed values. */
export function checkModuleArgs(module: AnyModule, args: Record<string, unknown>): ArgsCheck {
  const short = module.aliases[0] ?? module.name;
  const properties = ((module.schema.properties ?? {}) as Record<string, PropertySchema>) ?? {};
  const unknown = Object.keys(args).filter((key) => !(key in properties));
  if (unknown.length > 0 && module.schema.additionalProperties === false) {
    // Ansible lists the options, then their aliases in parentheses
    const aliases = new Set(Object.values(module.doc?.optionAliases ?? {}).flat());
    const names = Object.keys(properties);
    const supported = names.filter((n) => !aliases.has(n)).sort().join(', ');
    const aliasList = names.filter((n) => aliases.has(n)).sort();
    return { ok: false, msg: `Unsupported parameters for (${short}) module: ${unknown.sort().join(', ')}. Supported parameters include: ${supported}${aliasList.length > 0 ? ` (${aliasList.join(', ')})` : ''}.` };
  }
  const coerced: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) coerced[key] = properties[key] ? coerce(value, properties[key] as PropertySchema) : value;
  let validate = compiled.get(module);
  if (!validate) {
    validate = ajv.compile(module.schema);
    compiled.set(module, validate);
  }
  if (validate(coerced)) return { ok: true, args: coerced };
  return { ok: false, msg: describe(validate.errors ?? [], coerced, properties) };
}

function describe(errors: ErrorObject[], args: Record<string, unknown>, properties: Record<string, PropertySchema>): string {
  // an anyOf of `required` lists is one option under several names (path/dest/name): Ansible names the option
  const missing = errors.filter((e) => e.keyword === 'required' && (e.schemaPath === '#/required' || e.schemaPath.startsWith('#/anyOf/0/'))).map((e) => String(e.params.missingProperty));
  if (missing.length > 0) return `missing required arguments: ${[...new Set(missing)].sort().join(', ')}`;
  const first = errors[0];
  if (!first) return 'invalid arguments';
  const key = first.instancePath.split('/')[1] ?? '';
  const value = args[key];
  if (first.keyword === 'enum') {
    const allowed = (properties[key]?.enum ?? []).map(String).join(', ');
    return `value of ${key} must be one of: ${allowed}, got: ${String(value)}`;
  }
  if (first.keyword === 'type') {
    const wanted = TYPE_NAMES[String(first.params.type)] ?? String(first.params.type);
    return `argument '${key}' is of type ${pythonType(value)} and we were unable to convert to ${wanted}`;
  }
  return `argument '${key}' ${first.message ?? 'is invalid'}`;
}
