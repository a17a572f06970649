// strftime and to_datetime filters (C locale, like Ansible on a default controller).
import { isNumber, pyStr, TemplateError, toNumber } from '../values.js';
import type { FilterFn } from '../values.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Parts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  weekday: number; // 0 = Sunday
  yday: number; // 1-based
  offsetMinutes: number | null;
  zone: string;
}

const pad = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);

function dayOfYear(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000) + 1;
}

function partsOf(date: Date, utc: boolean): Parts {
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = utc ? date.getUTCDate() : date.getDate();
  const offset = utc ? 0 : -date.getTimezoneOffset();
  const zone = utc ? 'UTC' : (new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '');
  return {
    year,
    month,
    day,
    hour: utc ? date.getUTCHours() : date.getHours(),
    minute: utc ? date.getUTCMinutes() : date.getMinutes(),
    second: utc ? date.getUTCSeconds() : date.getSeconds(),
    microsecond: 0,
    weekday: utc ? date.getUTCDay() : date.getDay(),
    yday: dayOfYear(year, month, day),
    offsetMinutes: offset,
    zone,
  };
}

/** glibc strftime for the C locale. */
export function formatStrftime(format: string, p: Parts, epochSeconds: number): string {
  return format.replace(/%([-]?)([a-zA-Z%])/g, (whole, flag: string, d: string) => {
    const num = (n: number, w = 2): string => (flag === '-' ? String(n) : pad(n, w));
    switch (d) {
      case 'Y': return String(p.year);
      case 'y': return num(p.year % 100);
      case 'C': return num(Math.floor(p.year / 100));
      case 'm': return num(p.month);
      case 'd': return num(p.day);
      case 'e': return flag === '-' ? String(p.day) : pad(p.day, 2, ' ');
      case 'H': return num(p.hour);
      case 'I': return num(p.hour % 12 || 12);
      case 'M': return num(p.minute);
      case 'S': return num(p.second);
      case 'f': return pad(p.microsecond, 6);
      case 'p': return p.hour < 12 ? 'AM' : 'PM';
      case 'j': return num(p.yday, 3);
      case 'a': return (DAYS[p.weekday] as string).slice(0, 3);
      case 'A': return DAYS[p.weekday] as string;
      case 'b': case 'h': return (MONTHS[p.month - 1] as string).slice(0, 3);
      case 'B': return MONTHS[p.month - 1] as string;
      case 'w': return String(p.weekday);
      case 'u': return String(p.weekday || 7);
      case 'U': return num(Math.floor((p.yday + 6 - p.weekday) / 7));
      case 'W': return num(Math.floor((p.yday + 6 - ((p.weekday + 6) % 7)) / 7));
      case 'z': {
        if (p.offsetMinutes === null) return '';
        const sign = p.offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(p.offsetMinutes);
        return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
      }
      case 'Z': return p.zone;
      case 's': return String(Math.floor(epochSeconds));
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      case 'F': return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
      case 'T': return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
      case 'R': return `${pad(p.hour)}:${pad(p.minute)}`;
      case 'D': case 'x': return `${pad(p.month)}/${pad(p.day)}/${pad(p.year % 100)}`;
      case 'X': return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
      case 'c': return `${(DAYS[p.weekday] as string).slice(0, 3)} ${(MONTHS[p.month - 1] as string).slice(0, 3)} ${pad(p.day, 2, ' ')} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${p.year}`;
      default: return whole;
    }
  });
}

/** strftime(second=None, utc=False): the format is the filtered value. */
export const strftime: FilterFn = (value, args, kwargs) => {
  const second = kwargs.second ?? args[0] ?? null;
  const utc = Boolean(kwargs.utc ?? args[1] ?? false);
  let epoch = Date.now() / 1000;
  if (second !== null) {
    const n = isNumber(second) ? toNumber(second) : Number(pyStr(second));
    if (Number.isNaN(n) || (typeof second === 'string' && second.trim() === '')) throw new TemplateError(`Invalid value for epoch value (${pyStr(second)})`);
    epoch = n;
  }
  const whole = Math.floor(epoch);
  return formatStrftime(pyStr(value), partsOf(new Date(whole * 1000), utc), whole);
};

/** A naive datetime.datetime as to_datetime returns it; str() prints like Python. */
export class PyDatetime {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour = 0,
    readonly minute = 0,
    readonly second = 0,
    readonly microsecond = 0,
  ) {}

  /** seconds since the epoch, treating the naive value as UTC (only differences matter) */
  epoch(): number {
    return Date.UTC(this.year, this.month - 1, this.day, this.hour, this.minute, this.second) / 1000 + this.microsecond / 1e6;
  }

  /** datetime - datetime */
  minus(other: PyDatetime): PyTimedelta {
    return PyTimedelta.fromSeconds(this.epoch() - other.epoch());
  }

  strftime(format: string): string {
    const parts: Parts = {
      year: this.year, month: this.month, day: this.day, hour: this.hour, minute: this.minute, second: this.second,
      microsecond: this.microsecond, weekday: new Date(Date.UTC(this.year, this.month - 1, this.day)).getUTCDay(),
      yday: dayOfYear(this.year, this.month, this.day), offsetMinutes: null, zone: '',
    };
    return formatStrftime(format, parts, this.epoch());
  }

  readonly pyTypeName = 'datetime';

  /** repr(): datetime.datetime(2023, 11, 14, 22, 13, 20); seconds/microseconds only when set */
  pyRepr(): string {
    const parts = [this.year, this.month, this.day, this.hour, this.minute];
    if (this.second || this.microsecond) parts.push(this.second);
    if (this.microsecond) parts.push(this.microsecond);
    return `datetime.datetime(${parts.join(', ')})`;
  }

  /** isoformat(): what Ansible's JSON encoder writes for a datetime */
  isoformat(): string {
    return this.toString().replace(' ', 'T');
  }

  toString(): string {
    const base = `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)} ${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
    return this.microsecond ? `${base}.${pad(this.microsecond, 6)}` : base;
  }
}

/** datetime.timedelta: .days, .seconds, .microseconds, total_seconds(). */
export class PyTimedelta {
  constructor(
    readonly days: number,
    readonly seconds: number,
    readonly microseconds: number,
  ) {}

  static fromSeconds(total: number): PyTimedelta {
    const micro = Math.round(total * 1e6);
    const days = Math.floor(micro / 86400e6);
    const rest = micro - days * 86400e6;
    return new PyTimedelta(days, Math.floor(rest / 1e6), rest % 1e6);
  }

  readonly pyTypeName = 'timedelta';

  /** repr(): datetime.timedelta(days=1, seconds=5) */
  pyRepr(): string {
    const parts: string[] = [];
    if (this.days) parts.push(`days=${this.days}`);
    if (this.seconds) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds) parts.push(`microseconds=${this.microseconds}`);
    return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
  }

  total_seconds(): number {
    return this.days * 86400 + this.seconds + this.microseconds / 1e6;
  }

  toString(): string {
    const h = Math.floor(this.seconds / 3600);
    const m = Math.floor((this.seconds % 3600) / 60);
    const s = this.seconds % 60;
    const time = `${h}:${pad(m)}:${pad(s)}${this.microseconds ? `.${pad(this.microseconds, 6)}` : ''}`;
    return this.days ? `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${time}` : time;
  }
}

/** to_datetime(format='%Y-%m-%d %H:%M:%S'): datetime.strptime for the common directives. */
export const toDatetime: FilterFn = (value, args, kwargs) => {
  const text = pyStr(value);
  const format = pyStr(kwargs.format ?? args[0] ?? '%Y-%m-%d %H:%M:%S');
  const fields: string[] = [];
  let re = '^';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === '%' && i + 1 < format.length) {
      const d = format[++i] as string;
      const spec: Record<string, string> = {
        Y: '(\\d{4})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})',
        y: '(\\d{2})', f: '(\\d{1,6})', b: '([A-Za-z]{3})', B: '([A-Za-z]+)', j: '(\\d{1,3})', p: '(AM|PM|am|pm)',
        I: '(\\d{1,2})', a: '(?:[A-Za-z]{3})', A: '(?:[A-Za-z]+)', '%': '%',
      };
      const part = spec[d];
      if (part === undefined) throw new TemplateError(`'${d}' is a bad directive in format '%${d}'`);
      if (part.startsWith('(')) fields.push(d);
      re += part;
    } else if (/\s/.test(ch)) re += '\\s+';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`${re}$`).exec(text);
  if (!m) throw new TemplateError(`time data ${JSON.stringify(text).replace(/^"|"$/g, "'")} does not match format '${format}'`);
  const v: Record<string, string> = {};
  fields.forEach((f, i) => (v[f] = m[i + 1] as string));
  const monthName = (s: string): number => MONTHS.findIndex((n) => n.toLowerCase().startsWith(s.toLowerCase())) + 1;
  const year = v.Y ? Number(v.Y) : v.y ? (Number(v.y) < 69 ? 2000 : 1900) + Number(v.y) : 1900;
  const month = v.m ? Number(v.m) : v.b ? monthName(v.b) : v.B ? monthName(v.B) : 1;
  let hour = Number(v.H ?? v.I ?? 0);
  if (v.p) hour = (hour % 12) + (v.p.toUpperCase() === 'PM' ? 12 : 0);
  const micro = v.f ? Number(v.f.padEnd(6, '0')) : 0;
  const result = new PyDatetime(year, month, Number(v.d ?? 1), hour, Number(v.M ?? 0), Number(v.S ?? 0), micro);
  if (month < 1 || month > 12 || result.day < 1 || result.day > 31 || hour > 23 || result.minute > 59 || result.second > 61) {
    throw new TemplateError('unconverted data remains or value out of range');
  }
  return result;
};
