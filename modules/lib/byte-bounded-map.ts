// A map of controller-side file data that holds at most `maxBytes`: past it, the oldest entries are dropped
// (whoever still uses a dropped entry keeps its own reference). An entry bigger than the bound is never held.
export class ByteBoundedMap<V> {
  private readonly entries = new Map<string, V>();
  private held = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly bytesOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    const bytes = this.bytesOf(value);
    if (bytes > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, value);
    this.held += bytes;
    for (const [k, v] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(k);
      this.held -= this.bytesOf(v);
    }
  }
}

/** The key of a file's current content: path, inode, size, mtime and ctime in ns. */
export function fileVersionKey(path: string, st: { dev: bigint; ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint }): string {
  return `${path}\0${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}
