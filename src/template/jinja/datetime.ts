// A Python datetime as `now()` returns it: prints like str(datetime), has strftime() and the usual fields.
import { PyFunction, PyObject } from '../eval/py-objects.js';
import { toStr } from '../eval/ops.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** C strftime over a broken-down time (local or UTC). */
export function strftime(date: Date, fmt: string, utc: boolean): string {
  const get = (local: () => number, u: () => number) => (utc ? u() : local());
  const y = get(() => date.getFullYear(), () => date.getUTCFullYear());
  const mo = get(() => date.getMonth(), () => date.getUTCMonth());
  const d = get(() => date.getDate(), () => date.getUTCDate());
  const h = get(() => date.getHours(), () => date.getUTCHours());
  const mi = get(() => date.getMinutes(), () => date.getUTCMinutes());
  const s = get(() => date.getSeconds(), () => date.getUTCSeconds());
  const wd = get(() => date.getDay(), () => date.getUTCDay());
  const start = utc ? Date.UTC(y, 0, 1) : new Date(y, 0, 1).getTime();
  const dayOfYear = Math.floor((date.getTime() - start) / 86400000) + 1;
  const offset = utc ? 0 : -date.getTimezoneOffset();
  const codes: Record<string, string> = {
    Y: String(y), y: p2(y % 100), m: p2(mo + 1), d: p2(d), H: p2(h), I: p2(h % 12 || 12), M: p2(mi), S: p2(s),
    f: String(date.getMilliseconds() * 1000).padStart(6, '0'), p: h < 12 ? 'AM' : 'PM', a: (DAYS[wd] as string).slice(0, 3), A: DAYS[wd] as string,
    b: (MONTHS[mo] as string).slice(0, 3), B: MONTHS[mo] as string, j: String(dayOfYear).padStart(3, '0'), w: String(wd), e: String(d).padStart(2, ' '),
    s: String(Math.floor(date.getTime() / 1000)), z: `${offset >= 0 ? '+' : '-'}${p2(Math.floor(Math.abs(offset) / 60))}${p2(Math.abs(offset) % 60)}`, Z: utc ? 'UTC' : '', '%': '%',
  };
  codes.F = `${codes.Y}-${codes.m}-${codes.d}`;
  codes.T = `${codes.H}:${codes.M}:${codes.S}`;
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => codes[c] ?? m);
}

/** datetime.datetime */
export class PyDateTime extends PyObject {
  readonly pyTypeName = 'datetime';
  constructor(readonly date: Date, readonly utc: boolean) {
    super();
  }
  getAttr(name: string): unknown {
    const fields: Record<string, string> = { year: '%Y', month: '%m', day: '%d', hour: '%H', minute: '%M', second: '%S', microsecond: '%f' };
    if (name in fields) return Number(strftime(this.date, fields[name] as string, this.utc));
    if (name === 'strftime') return new PyFunction('strftime', ([fmt]) => strftime(this.date, toStr(fmt), this.utc));
    if (name === 'isoformat') return new PyFunction('isoformat', () => strftime(this.date, '%Y-%m-%dT%H:%M:%S.%f', this.utc));
    return undefined;
  }
  override pyRepr(): string {
    return strftime(this.date, '%Y-%m-%d %H:%M:%S.%f', this.utc);
  }
}
