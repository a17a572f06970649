import type { ModuleDefinition } from '../executor/module-contract.js';
import type { ReturnDoc } from '../executor/module-doc.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDefinition<any, any>;

interface OptionSchema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  description?: string | string[];
  items?: OptionSchema;
}

/** One documented option, as `ansible-doc` lists it. */
export interface OptionDoc {
  name: string;
  required: boolean;
  description: string[];
  type?: string | undefined;
  elements?: string | undefined;
  choices?: unknown[] | undefined;
  default?: unknown;
  aliases: string[];
}

const TYPE_NAMES: Record<string, string> = { boolean: 'bool', integer: 'int', number: 'float', string: 'str', array: 'list', object: 'dict' };

const typeName = (type: string | string[] | undefined): string | undefined => {
  if (type === undefined) return undefined;
  const first = Array.isArray(type) ? type[0] : type;
  return first === undefined ? undefined : (TYPE_NAMES[first] ?? first);
};

/** Every option of a module, from its schema (the source of truth) and its doc; `_raw_params` is the free form. */
export function moduleOptions(module: AnyModule): OptionDoc[] {
  const properties = (module.schema.properties ?? {}) as Record<string, OptionSchema>;
  const required = new Set((module.schema.required ?? []) as string[]);
  const aliases = module.doc?.optionAliases ?? {};
  const aliasOf = new Set(Object.values(aliases).flat());
  return Object.entries(properties)
    // aliases are shown under their option; other `_` names are internal (copy's _original_basename)
    .filter(([name]) => !aliasOf.has(name) && (name === '_raw_params' || !name.startsWith('_')))
    .map(([name, spec]) => {
      const text = spec.description ?? module.doc?.options?.[name];
      return {
        name: name === '_raw_params' ? 'free_form' : name,
        required: required.has(name),
        description: text === undefined ? [] : Array.isArray(text) ? text : [text],
        type: typeName(spec.type),
        elements: spec.items ? typeName(spec.items.type) : undefined,
        choices: spec.enum,
        default: spec.default,
        aliases: aliases[name] ?? [],
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** textwrap.fill: words on lines of at most `width` characters, each line indented. */
export function wrap(text: string, indent: string, width = 70): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** A value as ansible-doc shows it in `default:` / `choices:` (YAML flow, null for none). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (typeof value === 'string') return /^[\w./@:+-]+$/.test(value) && !/^(yes|no|true|false|null|on|off|\d.*)$/i.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The first line of the description, for `-l` and `-s`. */
export function shortDescription(module: AnyModule): string {
  return module.doc?.shortDescription ?? module.doc?.description[0]?.replace(/\.$/, '') ?? `The ${module.aliases[0] ?? module.name} module`;
}

/** `ansible-doc MODULE`: the text layout of Ansible's DocCLI (header, description, OPTIONS, EXAMPLES, RETURN VALUES). */
export function moduleText(module: AnyModule, path: string): string {
  const out: string[] = [`> ${module.name.toUpperCase()}    (${path})`, ''];
  const description = module.doc?.description ?? [shortDescription(module)];
  out.push(...wrap(description.join(' '), '        '), '');
  if (module.controllerOnly) out.push('  * note: This module has a corresponding action plugin.', '');
  out.push('OPTIONS (= is mandatory):', '');
  for (const option of moduleOptions(module)) {
    out.push(`${option.required ? '=' : '-'} ${option.name}`);
    for (const paragraph of option.description) out.push(...wrap(paragraph, '        '));
    if (option.aliases.length > 0) out.push(`        aliases: [${option.aliases.join(', ')}]`);
    if (option.choices) out.push(`        choices: ${shown(option.choices)}`);
    if (!option.required) out.push(`        default: ${shown(option.default)}`);
    if (option.elements) out.push(`        elements: ${option.elements}`);
    if (option.type) out.push(`        type: ${option.type}`);
    out.push('');
  }
  if (module.doc?.examples) out.push('', 'EXAMPLES:', '', module.doc.examples.replace(/\n+$/, ''), '');
  const returns = module.doc?.returns;
  if (returns && Object.keys(returns).length > 0) {
    out.push('', 'RETURN VALUES:');
    for (const [key, value] of Object.entries(returns).sort(([a], [b]) => (a < b ? -1 : 1))) out.push(...returnText(key, value), '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n\n`;
}

function returnText(key: string, value: ReturnDoc): string[] {
  const lines = [`- ${key}`, ...wrap(value.description, '        '), `        returned: ${value.returned}`];
  if (value.sample !== undefined) {
    lines.push(`        sample: ${typeof value.sample === 'string' ? value.sample : shown(value.sample)}`);
  }
  lines.push(`        type: ${value.type}`);
  return lines;
}

/** `ansible-doc -s MODULE`: a task snippet with each option and its description as a comment. */
export function snippetText(module: AnyModule): string {
  const short = module.aliases[0] ?? module.name;
  const out = [`- name: ${shortDescription(module)}`, `  ${short}:`];
  for (const option of moduleOptions(module)) {
    const head = `      ${option.name}:`.padEnd(29);
    const comment = wrap(`${option.required ? '(required) ' : ''}${option.description.join(' ')}`, '', 50);
    if (comment.length === 0) out.push(head.trimEnd());
    comment.forEach((line, i) => out.push(`${i === 0 ? head : ' '.repeat(29)}# ${line}`));
  }
  return `${out.join('\n')}\n`;
}

/** `ansible-doc -l`: every module by its FQCN, with its short description. */
export function listText(modules: AnyModule[]): string {
  const sorted = [...modules].sort((a, b) => (a.name < b.name ? -1 : 1));
  const width = Math.max(...sorted.map((m) => m.name.length)) + 1;
  return sorted.map((m) => `${m.name.padEnd(width)}${shortDescription(m)}\n`).join('');
}
