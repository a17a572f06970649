// ini and csvfile lookups: Python configparser / csv semantics over controller files.
import { readFileSync } from 'node:fs';
import { parseKv } from '../../../parsing/split-args.js';
import { pyStr, TemplateError, truthy } from '../../values.js';
import type { Kwargs, LookupFn, TemplateContext } from '../../values.js';
import { compilePyRegex } from '../py-regex.js';
import { findFile } from './search-path.js';

type Sections = Map<string, Map<string, string | null>>;

/** configparser.ConfigParser.read_string: `=`/`:` delimiters, indented continuation lines, # and ; comments. */
export function parseConfigParser(text: string, caseSensitive: boolean, allowNoValue: boolean): Sections {
  const sections: Sections = new Map([['DEFAULT', new Map()]]);
  let current: Map<string, string | null> | undefined;
  let lastKey: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const stripped = line.trim();
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) {
      // a blank line inside a value is kept only if more continuation follows; configparser then strips trailing blanks
      if (stripped === '' && current && lastKey !== undefined && current.get(lastKey) !== null) current.set(lastKey, `${current.get(lastKey)}\n`);
      return;
    }
    if (/^\s/.test(line) && current && lastKey !== undefined) {
      current.set(lastKey, `${current.get(lastKey) ?? ''}\n${stripped}`);
      return;
    }
    const section = /^\[([^\]]+)\]/.exec(stripped);
    if (section) {
      const name = section[1] as string;
      if (!sections.has(name)) sections.set(name, new Map());
      current = sections.get(name);
      lastKey = undefined;
      return;
    }
    if (!current) throw new TemplateError(`File contains no section headers.\nfile: '<???>', line: ${index + 1}\n'${line}'`);
    const m = /^(.*?)\s*[=:]\s*(.*)$/.exec(stripped);
    let key: string;
    let value: string | null;
    if (m) {
      key = m[1] as string;
      value = m[2] as string;
    } else if (allowNoValue) {
      key = stripped;
      value = null;
    } else throw new TemplateError(`Source contains parsing errors: '<???>'\n\t[line ${index + 1}]: '${line}'`);
    if (!caseSensitive) key = key.toLowerCase();
    current.set(key, value);
    lastKey = key;
  });
  for (const section of sections.values()) {
    for (const [k, v] of section) if (v !== null) section.set(k, v.replace(/\n+$/, ''));
  }
  return sections;
}

/** BasicInterpolation: %(name)s from the section (or DEFAULT), %% for a literal %. */
function interpolate(sections: Sections, section: string, value: string, depth = 0): string {
  if (depth > 10) throw new TemplateError('Recursion limit exceeded in value substitution');
  return value.replace(/%(%|\(([^)]+)\)s|.?)/g, (whole, what: string, name?: string) => {
    if (what === '%') return '%';
    if (name === undefined) throw new TemplateError(`'%' must be followed by '%' or '(', found: '${whole}'`);
    const key = name.toLowerCase();
    const raw = sections.get(section)?.get(key) ?? sections.get('DEFAULT')?.get(key);
    if (raw === undefined || raw === null) throw new TemplateError(`Bad value substitution: option '${key}' in section '${section}' contains an interpolation key '${key}' which is not a valid option name.`);
    return interpolate(sections, section, raw, depth + 1);
  });
}

const INI_OPTIONS = ['type', 'file', 'section', 're', 'encoding', 'default', 'case_sensitive', 'allow_no_value', 'allow_none'];

/** The legacy inline form `key section=s file=f` (a value may contain spaces). */
function parseInline(term: string): string[] {
  const params: Record<string, string> = {};
  const keys: string[] = [];
  let thisKey = 'key';
  term.split(/\s+/).filter(Boolean).forEach((phrase, i) => {
    if (phrase.includes('=')) for (const k of INI_OPTIONS) if (phrase.includes(`${k}=`)) thisKey = k;
    if (i === 0 || !params[thisKey]) {
      params[thisKey] = phrase;
      keys.push(thisKey);
    } else params[thisKey] += ` ${phrase}`;
  });
  return keys.map((k) => params[k] as string);
}

function readLookupFile(ctx: TemplateContext, name: string): string {
  const found = findFile(ctx, 'files', name);
  if (!found) throw new TemplateError(`could not locate file in lookup: ${name}`);
  return readFileSync(found, 'utf8');
}

/** ini: key (or regex with re=true) from section in file; type=properties for Java .properties. */
export const ini: LookupFn = (terms, kwargs, ctx) => {
  const out: unknown[] = [];
  for (const t of terms) {
    const term = pyStr(t);
    const opts: Kwargs = { type: 'ini', file: 'ansible.ini', section: 'global', re: false, default: '', case_sensitive: false, allow_no_value: false, ...kwargs };
    let key = term;
    if (term.includes('=') || term.trim().includes(' ')) {
      let updated = false;
      for (const param of parseInline(term)) {
        if (param.includes('=')) {
          const parts = param.split('=');
          if (parts.length !== 2) throw new TemplateError(`Could not use '${param}' from '${term}': too many values to unpack (expected 2)`);
          if (!INI_OPTIONS.includes(parts[0] as string)) throw new TemplateError(`${parts[0]} is not a valid option.`);
          opts[parts[0] as string] = parts[1];
        } else if (key === term) {
          key = param;
          updated = true;
        }
      }
      if (!updated) throw new TemplateError(`No key to lookup was provided as first term with in string inline options: ${term}`);
    }
    let text = readLookupFile(ctx, pyStr(opts.file));
    let section = pyStr(opts.section);
    if (opts.type === 'properties') {
      text = `[java_properties]\n${text}`;
      section = 'java_properties';
    }
    const sections = parseConfigParser(text, truthy(opts.case_sensitive), truthy(opts.allow_no_value ?? opts.allow_none));
    const values = sections.get(section);
    if (!values) throw new TemplateError(`No section '${section}' in ${pyStr(opts.file)}`);
    const merged = new Map([...(sections.get('DEFAULT') ?? new Map<string, string | null>()), ...values]);
    const lookupKey = truthy(opts.case_sensitive) ? key : key.toLowerCase();
    if (truthy(opts.re)) {
      const re = compilePyRegex(key, {}, false);
      for (const [k, v] of merged) if (new RegExp(re.source, `${re.flags}y`).test(k)) out.push(v === null ? null : interpolate(sections, section, v));
    } else if (merged.has(lookupKey)) {
      const v = merged.get(lookupKey);
      out.push(v === null || v === undefined ? null : interpolate(sections, section, v));
    } else if (opts.default !== null && opts.default !== undefined) out.push(opts.default);
  }
  return out;
};

/** Python csv.reader with the excel dialect and a custom delimiter. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field === '' && !wasQuoted) {
      inQuotes = true;
      wasQuoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** csvfile: `key file=f delimiter=, col=1 default=`; the value in column col of the first row whose first column is key. */
export const csvfile: LookupFn = (terms, kwargs, ctx) => {
  const out: unknown[] = [];
  for (const t of terms) {
    const kv: Record<string, unknown> = parseKv(pyStr(t));
    if (!('_raw_params' in kv)) throw new TemplateError('Search key is required but was not found');
    const key = pyStr(kv._raw_params);
    delete kv._raw_params;
    const opts: Kwargs = { col: '1', default: null, delimiter: 'TAB', file: 'ansible.csv', encoding: 'utf-8', ...kwargs };
    for (const [name, value] of Object.entries(kv)) {
      if (!(name in opts)) throw new TemplateError(`${name} is not a valid option`);
      opts[name] = value;
    }
    const delimiter = opts.delimiter === 'TAB' ? '\t' : pyStr(opts.delimiter);
    const rows = parseCsv(readLookupFile(ctx, pyStr(opts.file)), delimiter);
    let value: unknown = opts.default;
    const row = rows.find((r) => r.length && r[0] === key);
    if (row) {
      const col = Number(opts.col);
      const cell = row[col < 0 ? row.length + col : col];
      if (cell === undefined) throw new TemplateError('csvfile: list index out of range');
      value = cell;
    }
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
};
