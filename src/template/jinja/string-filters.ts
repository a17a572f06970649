// Jinja 3.1's builtin filters that work on text: case, trimming, padding, indent, truncate, escape, urls, words.
import { isMapping, pyRepr, type FilterFn } from '../values.js';
import { getAttr, missing } from '../eval/access.js';
import { namedAttr, PyObject } from '../eval/py-objects.js';
import { pyMethod } from '../eval/methods.js';
import { iterate, percentFormat, toInt, toStr } from '../eval/ops.js';
import { makeTuple } from '../values.js';
import { arg } from './args.js';
import { textwrap } from './textwrap.js';

const callMethod = (value: string, name: string, args: unknown[] = []) => (pyMethod(value, name) as { call(a: unknown[], k: object): unknown }).call(args, {});

/** HTML-escape like markupsafe. */
export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

function indent(value: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
  const width = arg(args, kwargs, 0, 'width', 4);
  const first = arg(args, kwargs, 1, 'first', false);
  const blank = arg(args, kwargs, 2, 'blank', false);
  const pad = typeof width === 'string' ? width : ' '.repeat(toInt(width));
  const lines = callMethod(`${toStr(value)}\n`, 'splitlines') as string[];
  let rv: string;
  if (blank) rv = lines.join(`\n${pad}`);
  else {
    rv = lines.shift() ?? '';
    if (lines.length) rv += `\n${lines.map((l) => (l ? pad + l : l)).join('\n')}`;
  }
  return first ? pad + rv : rv;
}

function truncate(value: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
  const s = toStr(value);
  const length = toInt(arg(args, kwargs, 0, 'length', 255));
  const killwords = arg(args, kwargs, 1, 'killwords', false);
  const end = toStr(arg(args, kwargs, 2, 'end', '...'));
  const leewayArg = arg(args, kwargs, 3, 'leeway', null);
  const leeway = leewayArg === null ? 5 : toInt(leewayArg);
  if (length < end.length) throw new Error('expected length >= len(end)');
  if (leeway < 0) throw new Error('expected leeway >= 0');
  if (s.length <= length + leeway) return s;
  if (killwords) return s.slice(0, length - end.length) + end;
  const head = s.slice(0, length - end.length);
  const cut = head.lastIndexOf(' ');
  return (cut >= 0 ? head.slice(0, cut) : head) + end;
}

function wordwrap(value: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
  const width = toInt(arg(args, kwargs, 0, 'width', 79));
  const breakLong = Boolean(arg(args, kwargs, 1, 'break_long_words', true));
  const wrapstring = toStr(arg(args, kwargs, 2, 'wrapstring', null) ?? '\n');
  const breakOnHyphens = Boolean(arg(args, kwargs, 3, 'break_on_hyphens', true));
  return (callMethod(toStr(value), 'splitlines') as string[]).map((line) => textwrap(line, width, breakLong, breakOnHyphens).join(wrapstring)).join(wrapstring);
}

function urlQuote(text: string, safe = '/'): string {
  return Array.from(new TextEncoder().encode(text), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9_.~-]/.test(c) || safe.includes(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function urlencode(value: unknown): string {
  if (typeof value === 'string') return urlQuote(value);
  const pairs: [unknown, unknown][] = isMapping(value) ? Object.entries(value) : (iterate(value) as [unknown, unknown][]);
  return pairs.map(([k, v]) => `${urlQuote(toStr(k), '')}=${urlQuote(toStr(v), '')}`).join('&');
}

function urlize(value: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
  const trimLimit = arg(args, kwargs, 0, 'trim_url_limit', null);
  const nofollow = arg(args, kwargs, 1, 'nofollow', false);
  const target = arg(args, kwargs, 2, 'target', null);
  const rel = ['noopener', ...(nofollow ? ['nofollow'] : [])].sort().join(' ');
  return htmlEscape(toStr(value)).replace(/\b((?:https?:\/\/|www\.)[^\s<]+[^\s<.,:;"')\]!?])|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, (url) => {
    if (!/^(https?:\/\/|www\.)/.test(url)) return `<a href="mailto:${url}">${url}</a>`;
    const href = url.startsWith('www.') ? `https://${url}` : url;
    const shown = trimLimit !== null && url.length > toInt(trimLimit) ? `${url.slice(0, toInt(trimLimit))}...` : url;
    return `<a href="${href}" rel="${rel}"${target ? ` target="${htmlEscape(toStr(target))}"` : ''}>${shown}</a>`;
  });
}

function xmlattr(value: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
  const autospace = arg(args, kwargs, 0, 'autospace', true);
  const parts = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && !(v instanceof Object && v.constructor?.name === 'Undefined'))
    .map(([k, v]) => {
      if (/[\s/>=]/.test(k)) throw new Error(`Invalid character in attribute name: ${pyRepr(k)}`);
      return `${htmlEscape(k)}="${htmlEscape(toStr(v))}"`;
    });
  const rv = parts.join(' ');
  return autospace && rv ? ` ${rv}` : rv;
}

/** The text filters, by Jinja name. */
export const STRING_FILTERS: Record<string, FilterFn> = {
  capitalize: (v) => callMethod(toStr(v), 'capitalize'),
  center: (v, a, k) => callMethod(toStr(v), 'center', [arg(a, k, 0, 'width', 80)]),
  escape: (v) => htmlEscape(toStr(v)),
  e: (v) => htmlEscape(toStr(v)),
  forceescape: (v) => htmlEscape(toStr(v)),
  format: (v, a, k) => (Object.keys(k).length ? percentFormat(toStr(v), k) : percentFormat(toStr(v), makeTuple(a))),
  indent: (v, a, k) => indent(v, a, k),
  lower: (v) => toStr(v).toLowerCase(),
  upper: (v) => toStr(v).toUpperCase(),
  title: (v) =>
    toStr(v)
      .split(/([-\s({[<]+)/)
      .filter(Boolean)
      .map((item) => (item[0] as string).toUpperCase() + item.slice(1).toLowerCase())
      .join(''),
  trim: (v, a, k) => callMethod(toStr(v), 'strip', [arg(a, k, 0, 'chars', null)]),
  replace: (v, a, k) => {
    const count = arg(a, k, 2, 'count', null);
    return callMethod(toStr(v), 'replace', count === null ? [a[0], a[1]] : [a[0], a[1], count]);
  },
  safe: (v) => v,
  string: (v) => toStr(v),
  striptags: (v) =>
    toStr(v)
      .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#34;|&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  truncate: (v, a, k) => truncate(v, a, k),
  urlencode: (v) => urlencode(v),
  urlize: (v, a, k) => urlize(v, a, k),
  wordcount: (v) => (toStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  wordwrap: (v, a, k) => wordwrap(v, a, k),
  xmlattr: (v, a, k) => xmlattr(v, a, k),
  attr: (v, a) => {
    const name = toStr(a[0]);
    return v instanceof PyObject || pyMethod(v, name) || namedAttr(v, name) !== undefined ? getAttr(v, name) : missing(v, name);
  },
  pprint: (v) => pyRepr(v),
};
