/** Drop every argument whose value is the run's omit token (`default(omit)`), in nested dicts and lists too. */
export function removeOmit<T>(value: T, token: string): T {
  if (Array.isArray(value)) return value.filter((item) => item !== token).map((item) => removeOmit(item, token)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== token)
        .map(([key, item]) => [key, removeOmit(item, token)]),
    ) as T;
  }
  return value;
}
