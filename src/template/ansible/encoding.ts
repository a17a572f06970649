// Text-shaping filters: bool, split, b64encode/b64decode, quote, comment, type_debug, urlsplit.
import { isUndefined, pyStr, pyTypeName, TemplateError, UndefinedVariableError } from '../values.js';
import type { FilterFn } from '../values.js';

/** bool: None stays None; 'yes'/'on'/'1'/'true'/1 are True; everything else False. */
export const toBool: FilterFn = (value) => {
  if (value === null || typeof value === 'boolean') return value;
  const v = typeof value === 'string' ? value.toLowerCase() : value;
  return ['yes', 'on', '1', 'true'].includes(v as string) || v === 1;
};

/** Python str.split(sep=None, maxsplit=-1): no sep splits on runs of whitespace. */
export function pySplit(text: string, sep: string | null = null, maxsplit = -1): string[] {
  if (sep === null) {
    const out: string[] = [];
    let rest = text.replace(/^\s+/, '');
    while (rest.length > 0) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  if (sep === '') throw new TemplateError('empty separator');
  const parts = text.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** split(sep=None, maxsplit=-1): the Ansible filter form of str.split. */
export const split: FilterFn = (value, args, kwargs) => {
  const sep = kwargs.sep ?? args[0] ?? null;
  const maxsplit = kwargs.maxsplit ?? args[1] ?? -1;
  return pySplit(pyStr(value), sep === null ? null : pyStr(sep), Number(maxsplit));
};

/** Python codec names tsible supports for b64encode/b64decode (utf-16 writes a BOM like Python). */
function codec(encoding: unknown): 'utf8' | 'utf16' | 'utf16le' | 'utf16be' | 'latin1' | 'ascii' {
  const name = pyStr(encoding).toLowerCase().replace(/_/g, '-');
  const table: Record<string, 'utf8' | 'utf16' | 'utf16le' | 'utf16be' | 'latin1' | 'ascii'> = {
    'utf-8': 'utf8', utf8: 'utf8', 'utf-16': 'utf16', utf16: 'utf16', 'utf-16-le': 'utf16le', 'utf-16le': 'utf16le',
    'utf-16-be': 'utf16be', 'utf-16be': 'utf16be', 'latin-1': 'latin1', latin1: 'latin1', 'iso-8859-1': 'latin1', ascii: 'ascii',
  };
  const found = table[name];
  if (!found) throw new TemplateError(`unknown encoding: ${pyStr(encoding)}`);
  return found;
}

function encodeText(text: string, encoding: unknown): Buffer {
  const c = codec(encoding);
  if (c === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (c === 'utf16be') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, c);
}

function decodeText(buf: Buffer, encoding: unknown): string {
  const c = codec(encoding);
  if (c === 'utf16') {
    if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
    return (buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2) : buf).toString('utf16le');
  }
  if (c === 'utf16be') return Buffer.from(buf).swap16().toString('utf16le');
  return buf.toString(c);
}

export const b64encode: FilterFn = (value, args, kwargs) => encodeText(pyStr(value), kwargs.encoding ?? args[0] ?? 'utf-8').toString('base64');

export const b64decode: FilterFn = (value, args, kwargs) => {
  const encoding = kwargs.encoding ?? args[0] ?? 'utf-8';
  // binascii.a2b_base64 (non-strict): characters outside the alphabet are skipped
  const data = pyStr(value).replace(/[^A-Za-z0-9+/=]/g, '');
  const chars = (data.split('=')[0] ?? '').length;
  if (chars % 4 === 1) {
    throw new TemplateError(`Invalid base64-encoded string: number of data characters (${chars}) cannot be 1 more than a multiple of 4`);
  }
  if (chars % 4 !== 0 && data.length - chars < 4 - (chars % 4)) throw new TemplateError('Incorrect padding');
  return decodeText(Buffer.from(data, 'base64'), encoding);
};

/** Python's shlex.quote. */
export function shellQuote(text: string): string {
  if (text === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(text)) return text;
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

export const quote: FilterFn = (value) => shellQuote(value === null ? '' : pyStr(value));

const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

/** comment(style='plain', decoration=, prefix=, prefix_count=, postfix=, postfix_count=, beginning=, end=, newline=). */
export const comment: FilterFn = (value, args, kwargs) => {
  const { style: styleKw, ...kw } = kwargs;
  const style = pyStr(styleKw ?? args[0] ?? 'plain');
  const styleParams = COMMENT_STYLES[style];
  if (!styleParams) throw new TemplateError(`'${style}'`);
  const prepostfix = 'decoration' in kw ? pyStr(kw.decoration) : (styleParams.decoration as string);
  const p: Record<string, unknown> = {
    newline: '\n',
    beginning: '',
    prefix: prepostfix.trimEnd(),
    prefix_count: 1,
    decoration: '',
    postfix: prepostfix.trimEnd(),
    postfix_count: 1,
    end: '',
    ...styleParams,
    ...kw,
  };
  const nl = pyStr(p.newline);
  const decoration = pyStr(p.decoration);
  const text = pyStr(value);
  const beginning = p.beginning ? `${pyStr(p.beginning)}${nl}` : '';
  let prefix = '';
  if (p.prefix) prefix = (p.prefix !== nl ? `${pyStr(p.prefix)}${nl}` : nl).repeat(Number(p.prefix_count));
  const body = `${decoration}${text.split(nl).join(`${nl}${decoration}`)}`.split(`${decoration}${nl}`).join(`${decoration.trimEnd()}${nl}`);
  const postfix = ['', ...Array<string>(Number(p.postfix_count)).fill(pyStr(p.postfix))].join(nl);
  const end = p.end ? `${nl}${pyStr(p.end)}` : '';
  return `${beginning}${prefix}${body}${postfix}${end}`;
};

/** type_debug: the Python class name Ansible would print (the evaluator says AnsibleUnsafeText: eval/unsafe-taint.ts). */
export const typeDebug: FilterFn = (value) => (isUndefined(value) ? 'AnsibleUndefined' : pyTypeName(value));

/** urlsplit(query=''): urllib.parse.urlsplit as a dict, or one of its fields. */
export const urlsplit: FilterFn = (value, args, kwargs) => {
  const url = pyStr(value);
  const query = pyStr(kwargs.query ?? args[0] ?? '');
  let rest = url;
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = (schemeMatch[1] as string).toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  let fragment = '';
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    fragment = rest.slice(hashAt + 1);
    rest = rest.slice(0, hashAt);
  }
  let q = '';
  const qAt = rest.indexOf('?');
  if (qAt >= 0) {
    q = rest.slice(qAt + 1);
    rest = rest.slice(0, qAt);
  }
  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : null;
  const hostport = at >= 0 ? netloc.slice(at + 1) : netloc;
  const colon = userinfo?.indexOf(':') ?? -1;
  const username = userinfo === null ? null : colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = userinfo === null || colon < 0 ? null : userinfo.slice(colon + 1);
  let hostname: string | null;
  let portText = '';
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    hostname = hostport.slice(1, close);
    portText = hostport.slice(close + 1).replace(/^:/, '');
  } else {
    const c = hostport.indexOf(':');
    hostname = c >= 0 ? hostport.slice(0, c) : hostport;
    portText = c >= 0 ? hostport.slice(c + 1) : '';
  }
  hostname = hostname === '' ? null : hostname.toLowerCase();
  let port: number | null = null;
  if (portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new TemplateError(`Port out of range 0-65535`);
    port = Number(portText);
  }
  const result: Record<string, unknown> = { fragment, hostname, netloc, password, path: rest, port, query: q, scheme, username };
  if (!query) return result;
  if (!(query in result)) throw new TemplateError(`urlsplit: unknown URL component: ${query}`);
  return result[query];
};
