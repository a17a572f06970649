/** `serial: 2`, `serial: "30%"`, `serial: [1, 5, "20%"]` (the last size repeats); none: one batch of all hosts. */
export function playBatches(hosts: string[], serial: Array<number | string>): string[][] {
  if (serial.length === 0) return [hosts];
  const size = (spec: number | string): number => {
    if (typeof spec === 'number') return spec <= 0 ? hosts.length : spec;
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(spec.trim());
    // pct_to_int: int(pct/100 * total), at least 1
    if (pct) return Math.max(1, Math.floor((Number(pct[1]) / 100) * hosts.length));
    const n = Number(spec);
    return Number.isFinite(n) && n > 0 ? n : hosts.length;
  };
  const batches: string[][] = [];
  let index = 0;
  let step = 0;
  while (index < hosts.length) {
    const n = size(serial[Math.min(step, serial.length - 1)] as number | string);
    batches.push(hosts.slice(index, index + n));
    index += n;
    step += 1;
  }
  return batches;
}
