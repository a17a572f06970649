// Python's float formatting rounds exact ties half-to-even on the binary value (`'%.0f' % 2.5` is '2');
// JS toFixed/toExponential round ties up. These helpers give Python's digits.

function roundDigits(digits: string, keep: number, rest: string): { digits: string; carry: boolean } {
  const head = digits.slice(0, keep);
  const first = rest[0] ?? '0';
  const tie = first === '5' && /^5?0*$/.test(rest);
  const lastOdd = Number(head[head.length - 1] ?? '0') % 2 === 1;
  const up = first > '5' || (first === '5' && !tie) || (tie && lastOdd);
  if (!up) return { digits: head, carry: false };
  const arr = head.split('').map(Number);
  let i = arr.length - 1;
  for (; i >= 0; i--) {
    if (arr[i] === 9) arr[i] = 0;
    else {
      arr[i] = (arr[i] as number) + 1;
      break;
    }
  }
  if (i < 0) return { digits: `1${arr.join('')}`, carry: true };
  return { digits: arr.join(''), carry: false };
}

/** `'%.{p}f' % x` */
export function pyToFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const exact = Math.abs(x).toFixed(Math.min(100, p + 30));
  const [int, frac = ''] = exact.split('.');
  const { digits } = roundDigits((int as string) + frac, (int as string).length + p, frac.slice(p));
  const intLen = digits.length - p;
  const out = p > 0 ? `${digits.slice(0, intLen)}.${digits.slice(intLen)}` : digits;
  return sign + out;
}

/** `'%.{p}e' % x` (mantissa digits and a two-digit exponent) */
export function pyToExponential(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const exact = Math.abs(x).toExponential(Math.min(100, p + 30));
  const [mant, expText] = exact.split('e');
  let exp = Number(expText);
  const all = (mant as string).replace('.', '');
  const { digits, carry } = roundDigits(all, p + 1, all.slice(p + 1));
  let d = digits;
  if (carry) {
    exp += 1;
    d = d.slice(0, p + 1);
  }
  const body = p > 0 ? `${d[0]}.${d.slice(1)}` : d;
  return `${sign}${body}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}
