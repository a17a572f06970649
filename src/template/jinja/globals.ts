// The functions every template can call: Jinja's range/lipsum/dict/namespace/cycler/joiner and Ansible's
// lookup/query/q/now/undef.
import { isMapping, pyStr, Undefined, Unsafe, type Kwargs, type LookupFn, type TemplateContext } from '../values.js';
import { toInt, toStr } from '../eval/ops.js';
import { PyError } from '../eval/py-error.js';
import { Cycler, Namespace, PyFunction } from '../eval/py-objects.js';
import { LookupError, TemplateError, UndefinedVariableError } from '../values.js';
import { PyDateTime, strftime } from './datetime.js';

function range(args: unknown[]): number[] {
  const nums = args.map(toInt);
  const [start, stop, step] = nums.length === 1 ? [0, nums[0] as number, 1] : [nums[0] as number, nums[1] as number, nums[2] ?? 1];
  if (step === 0) throw new PyError('ValueError', 'range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 100000) throw new PyError('OverflowError', 'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).');
  }
  return out;
}

const LOREM = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

function lipsum(args: unknown[], kwargs: Kwargs): string {
  const n = toInt(args[0] ?? kwargs.n ?? 5);
  const html = args[1] ?? kwargs.html ?? true;
  const paras: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 20 + Math.floor(Math.random() * 40) }, () => LOREM[Math.floor(Math.random() * LOREM.length)] as string);
    const text = `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
    paras.push(html ? `<p>${text}</p>` : text);
  }
  return paras.join('\n\n');
}

/** Ansible's lookup() result rule: a list of strings is comma-joined; one non-string element is returned as is. */
export function lookupResult(ran: unknown[], wantlist: boolean): unknown {
  if (wantlist) return ran;
  if (ran.every((x) => typeof x === 'string')) return ran.join(',');
  return ran.length === 1 ? ran[0] : ran;
}

function runLookup(find: (name: string) => LookupFn | undefined, ctx: TemplateContext, args: unknown[], kwargs: Kwargs, forceList: boolean): unknown {
  const [held, ...given] = args;
  const name = held instanceof Unsafe ? held.value : held;
  const { wantlist = false, errors = 'strict', allow_unsafe: allowUnsafe, ...rest } = kwargs;
  const fn = find(toStr(name));
  if (!fn) throw new TemplateError(`lookup plugin (${toStr(name)}) not found`);
  let ran: unknown[];
  // listify_lookup_plugin_terms: terms are templated again (`lookup('pipe', '{{ cmd }} -v')`), unless held unsafe
  const terms = given.map((term) => (term instanceof Unsafe ? term.value : ctx.template(term)));
  try {
    ran = fn(terms, rest, ctx);
  } catch (error) {
    if (error instanceof UndefinedVariableError) throw error;
    const asList = forceList || Boolean(wantlist);
    if (error instanceof LookupError) {
      if (errors === 'strict') throw error;
      if (errors === 'warn') ctx.warn(`Lookup failed but the error is being ignored: ${error.message}`);
      return asList ? [] : null;
    }
    const cls = error instanceof TemplateError ? 'ansible.errors.AnsibleError' : (error as Error).name;
    const msg = `An unhandled exception occurred while running the lookup plugin '${toStr(name)}'. Error was a <class '${cls}'>, original message: ${(error as Error).message}`;
    if (errors === 'strict') throw new TemplateError(msg, { cause: error });
    if (errors === 'warn') ctx.warn(msg);
    return asList ? [] : null;
  }
  // Templar._lookup: an answer makes the render unsafe, unless allow_unsafe=True (the `is False` test: only False
  // marks); only then is lookup()'s list joined: an empty answer, or one allowed unsafe, comes back as the list
  if (ran.length === 0 || (allowUnsafe !== undefined && allowUnsafe !== false)) return ran;
  ctx.markUnsafe?.();
  return lookupResult(ran, forceList || Boolean(wantlist));
}

/** The globals for one render. */
export function makeGlobals(ctx: TemplateContext, findLookup: (name: string) => LookupFn | undefined): Record<string, unknown> {
  return {
    range: new PyFunction('range', (args) => range(args)),
    lipsum: new PyFunction('lipsum', (args, kwargs) => lipsum(args, kwargs)),
    dict: new PyFunction('dict', (args, kwargs) => ({ ...(isMapping(args[0]) ? args[0] : Object.fromEntries(((args[0] as unknown[][]) ?? []).map(([k, v]) => [pyStr(k), v]))), ...kwargs })),
    namespace: new PyFunction('namespace', (args, kwargs) => new Namespace({ ...(isMapping(args[0]) ? args[0] : {}), ...kwargs })),
    cycler: new PyFunction('cycler', (args) => new Cycler(args)),
    joiner: new PyFunction('joiner', (args, kwargs) => {
      const sep = toStr(args[0] ?? kwargs.sep ?? ', ');
      let used = false;
      return new PyFunction('joiner', () => (used ? sep : ((used = true), '')));
    }),
    lookup: new PyFunction('lookup', (args, kwargs) => runLookup(findLookup, ctx, args, kwargs, false)),
    query: new PyFunction('query', (args, kwargs) => runLookup(findLookup, ctx, args, kwargs, true)),
    q: new PyFunction('q', (args, kwargs) => runLookup(findLookup, ctx, args, kwargs, true)),
    now: new PyFunction('now', (args, kwargs) => {
      const utc = Boolean(args[0] ?? kwargs.utc ?? false);
      const fmt = args[1] ?? kwargs.fmt ?? null;
      const date = new Date();
      return fmt === null ? new PyDateTime(date, utc) : strftime(date, toStr(fmt), utc);
    }),
    undef: new PyFunction('undef', (args, kwargs) => {
      const hint = args[0] ?? kwargs.hint ?? null;
      return new Undefined(hint === null || hint === '' || hint instanceof Undefined ? 'Mandatory variable has not been overridden' : toStr(hint));
    }),
  };
}
