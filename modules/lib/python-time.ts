/** Now, to the microsecond (Date alone has milliseconds). */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** Python's `str(datetime)` for an epoch time in microseconds: `2026-11-22 00:47:21.123456`, local time. */
export function pythonDatetime(epochMicros: number): string {
  const date = new Date(Math.floor(epochMicros / 1000));
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const micros = epochMicros % 1_000_000;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(micros, 6)}`;
}

/** Python's `str(timedelta)` for a duration in microseconds: `0:00:00.003456`. */
export function pythonTimedelta(micros: number): string {
  const total = Math.max(0, Math.round(micros));
  const seconds = Math.floor(total / 1_000_000);
  const rest = total % 1_000_000;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const base = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return rest === 0 ? base : `${base}.${String(rest).padStart(6, '0')}`;
}
