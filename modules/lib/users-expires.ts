// user.py's `expires` (seconds since the epoch, a float) against shadow's expiry field (days since the epoch, -1 when
// empty), as useradd/usermod's `-e` takes it: a YYYY-MM-DD date in UTC, or '' to remove the expiry.

/** The `-e` word useradd gets: '' for a negative time (no expiry), else the UTC date of time.gmtime(expires). */
export function expiresWord(expires: number): string {
  if (Math.floor(expires) < 0) return '';
  return new Date(Math.floor(expires) * 1000).toISOString().slice(0, 10);
}

/**
 * The `-e` word usermod needs, or undefined when the account already expires as asked: a negative time removes an
 * expiry that is set (>= 0); otherwise the dates (year, month, day) are compared.
 */
export function expiresChange(expires: number, currentDays: number): string | undefined {
  if (Math.floor(expires) < 0) return currentDays >= 0 ? '' : undefined;
  if (currentDays < 0 || Math.floor(Math.floor(expires) / 86400) !== currentDays) return expiresWord(expires);
  return undefined;
}
