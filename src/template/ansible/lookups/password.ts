// password lookup: a random password remembered in a controller file (or /dev/null for a throwaway one).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseKv } from '../../../parsing/split-args.js';
import { pyStr, TemplateError } from '../../values.js';
import type { Kwargs, LookupFn } from '../../values.js';
import { randomSalt } from '../crypt.js';
import { cryptHash } from '../hashing.js';
import { PyRandom, systemRandom } from '../py-random.js';

const CHARSETS: Record<string, string> = {
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  printable: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c',
  whitespace: ' \t\n\r\x0b\x0c',
};
const DEFAULT_CHARS = ['ascii_letters', 'digits', '.,:-_'];
const VALID = new Set(['length', 'encrypt', 'chars', 'ident', 'seed']);
const SALT_SIZES: Record<string, number> = { md5_crypt: 8, bcrypt: 22, sha256_crypt: 16, sha512_crypt: 16 };

/** _gen_candidate_chars: names of string-module constants or literal characters; quotes removed. */
export function candidateChars(specs: string[]): string {
  return specs.map((s) => CHARSETS[s] ?? s).join('').replace(/["']/g, '');
}

/** ansible.utils.encrypt.random_password. */
export function randomPassword(length: number, chars: string, seed: unknown): string {
  const pool = [...chars];
  const r = seed === undefined || seed === null ? systemRandom : new PyRandom(typeof seed === 'number' ? seed : pyStr(seed));
  let out = '';
  for (let i = 0; i < length; i++) out += r.choice(pool);
  return out;
}

function parseTerm(term: string, kwargs: Kwargs): { relpath: string; params: Record<string, unknown> } {
  const space = term.indexOf(' ');
  let relpath = term;
  let params: Record<string, unknown> = {};
  if (space >= 0) {
    relpath = term.slice(0, space);
    const kv: Record<string, unknown> = parseKv(term.slice(space + 1));
    if ('_raw_params' in kv) {
      relpath = `${relpath} ${pyStr(kv._raw_params)}`;
      delete kv._raw_params;
      if (!term.startsWith(relpath)) throw new TemplateError('Unrecognized value after key=value parameters given to password lookup');
    }
    params = kv;
  }
  const invalid = Object.keys(params).filter((k) => !VALID.has(k));
  if (invalid.length) throw new TemplateError(`Unrecognized parameter(s) given to password lookup: ${invalid.join(', ')}`);
  const merged: Record<string, unknown> = { length: 20, encrypt: null, ident: null, seed: null, chars: DEFAULT_CHARS, ...kwargs, ...params };
  merged.length = Number(merged.length);
  if (typeof merged.chars === 'string') {
    const raw = merged.chars;
    const parts: string[] = raw.includes(',,') ? [','] : [];
    parts.push(...raw.replace(/,,/g, ',').split(',').filter(Boolean));
    merged.chars = parts;
  }
  return { relpath, params: merged };
}

function parseContent(content: string): { password: string; salt: string | null; ident: string | null } {
  const sep = content.lastIndexOf(' salt=');
  if (sep < 0) return { password: content, salt: null, ident: null };
  const rest = content.slice(sep + 6);
  const identSep = rest.lastIndexOf(' ident=');
  return {
    password: content.slice(0, sep),
    salt: identSep < 0 ? rest : rest.slice(0, identSep),
    ident: identSep < 0 ? null : rest.slice(identSep + 7),
  };
}


/** password: reads the stored password (creating it first), optionally hashed with encrypt=. */
export const password: LookupFn = (terms, kwargs, ctx) =>
  terms.map((t) => {
    const { relpath, params } = parseTerm(pyStr(t), kwargs);
    const file = path.resolve(ctx.basedir, relpath);
    const chars = candidateChars((params.chars as unknown[]).map(pyStr));
    const devNull = file === '/dev/null';
    let content: string | null = null;
    if (!devNull && existsSync(file)) content = readFileSync(file, 'utf8').trimEnd();
    let plaintext: string;
    let salt: string | null = null;
    let changed = false;
    if (content === null) {
      plaintext = randomPassword(params.length as number, chars, params.seed);
      changed = true;
    } else ({ password: plaintext, salt } = parseContent(content));
    const encrypt = params.encrypt === null || params.encrypt === undefined ? null : pyStr(params.encrypt);
    if (encrypt && !salt) {
      salt = randomSalt(SALT_SIZES[encrypt] ?? 8);
      changed = true;
    }
    if (changed && !devNull) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${encrypt || salt ? `${plaintext} salt=${salt}` : plaintext}\n`);
      chmodSync(file, 0o600);
    }
    return encrypt ? cryptHash(plaintext, encrypt, salt, null) : plaintext;
  });
