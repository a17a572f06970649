import { isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { ScalarTag, Tags } from 'yaml';
import { libyamlProblem } from './libyaml-wording.js';
import { ParseError } from './parse-error.js';
import { unsafeText } from '../template/unsafe.js';

type Warn = (message: string) => void;

/** How Ansible's JSON encoder shows a `!vault` value; the vault code decrypts it lazily. */
export interface VaultedValue {
  __ansible_vault: string;
}

const BOOL_TRUE = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);

// PyYAML's implicit resolvers (yaml/resolver.py); the `yaml` package's 1.1 schema differs
// (it reads `y`/`n` as booleans, `1e3` and `09` as numbers), so every scalar type is redefined.
const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP_RE =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;
const TIMESTAMP_TEST =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function sexagesimal(parts: number[]): number {
  return parts.reduce((acc, part) => acc * 60 + part, 0);
}

function resolveInt(source: string): number {
  let value = source.replace(/_/g, '');
  const sign = value.startsWith('-') ? -1 : 1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '0') return 0;
  if (value.startsWith('0b')) return sign * parseInt(value.slice(2), 2);
  if (value.startsWith('0x')) return sign * parseInt(value.slice(2), 16);
  if (value.startsWith('0')) return sign * parseInt(value, 8);
  if (value.includes(':')) return sign * sexagesimal(value.split(':').map(Number));
  return sign * Number(value);
}

function resolveFloat(source: string): number {
  let value = source.replace(/_/g, '').toLowerCase();
  const sign = value.startsWith('-') ? -1 : 1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '.inf') return sign * Infinity;
  if (value === '.nan') return NaN;
  if (value.includes(':')) return sign * sexagesimal(value.split(':').map(Number));
  return sign * Number(value);
}

const pad = (n: number | string, width = 2): string => String(n).padStart(width, '0');

/** PyYAML builds `datetime.date`/`datetime`; tsible keeps the text Python's `str()` would print. */
function resolveTimestamp(source: string): string {
  const m = TIMESTAMP_RE.exec(source);
  if (!m) return source;
  const [, year, month, day, hour, minute, second, fraction, tz, tzSign, tzHour, tzMinute] = m;
  const date = `${year}-${pad(month ?? '')}-${pad(day ?? '')}`;
  if (hour === undefined) return date;
  let text = `${date} ${pad(hour)}:${minute}:${second}`;
  const micro = (fraction ?? '').slice(0, 6).padEnd(6, '0');
  if (fraction && Number(micro) !== 0) text += `.${micro}`;
  if (tzSign) text += `${tzSign}${pad(tzHour ?? '')}:${tzMinute ?? '00'}`;
  else if (tz) text += '+00:00';
  return text;
}

const pyyamlScalars: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:null', default: true, test: NULL_RE, resolve: () => null },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: BOOL_RE, resolve: (s) => BOOL_TRUE.has(s) },
  { tag: 'tag:yaml.org,2002:float', default: true, test: FLOAT_RE, resolve: resolveFloat },
  { tag: 'tag:yaml.org,2002:int', default: true, test: INT_RE, resolve: resolveInt },
  { tag: 'tag:yaml.org,2002:timestamp', default: true, test: TIMESTAMP_TEST, resolve: resolveTimestamp },
  // Ansible's own tags: `!unsafe` marks a string not to template, `!vault` an encrypted one.
  // A `!unsafe` string is never templated: a raw block (that templating knows as unsafe) gives back the text as written.
  { tag: '!unsafe', resolve: unsafeText },
  { tag: '!vault', resolve: (s): VaultedValue => ({ __ansible_vault: s }) },
];

const REPLACED_TAGS = new Set(pyyamlScalars.map((t) => t.tag));

function withPyyamlScalars(tags: Tags): Tags {
  const kept = tags.filter((t) => typeof t === 'string' || !REPLACED_TAGS.has(t.tag));
  return [...pyyamlScalars, ...kept];
}

/** Warns like Ansible's constructor about duplicate mapping keys (the last one wins). */
function warnDuplicateKeys(doc: ReturnType<typeof parseDocument>, lines: LineCounter, file: string, warn: Warn): void {
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key) && (isScalar(pair.key) || pair.key == null)) {
          const start = lines.linePos(map.range?.[0] ?? 0);
          warn(
            `While constructing a mapping from ${file}, line ${start.line}, column ${start.col}, ` +
              `found a duplicate dict key (${String(key)}). Using last defined value only.`,
          );
        }
        seen.add(key);
      }
    },
  });
}

/**
 * Loads YAML the way Ansible's DataLoader does: JSON first, then YAML with PyYAML's 1.1
 * resolvers, so `0644`, `yes`, `1:20` type as Ansible users expect. Throws ParseError with file:line:col.
 */
export function loadYaml11(text: string, file: string, warn: Warn): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // not JSON: fall through to YAML, like ansible.parsing.utils.yaml.from_yaml
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    customTags: withPyyamlScalars,
    uniqueKeys: false,
    merge: true,
    lineCounter: lines,
    prettyErrors: false,
  });
  const error = doc.errors[0];
  if (error) {
    const problem = libyamlProblem(error, text);
    const pos = lines.linePos(problem.offset);
    throw new ParseError(
      `Syntax Error while loading YAML. ${problem.message} (${file}, line ${pos.line}, column ${pos.col})`,
      { file, line: pos.line, column: pos.col },
      { cause: error },
    );
  }
  warnDuplicateKeys(doc, lines, file, warn);
  return doc.toJS({ maxAliasCount: -1 }) as unknown;
}
