// What this process wrote lately, so a launch can skip rewriting the same course, link and
// membership (docs/decisions/0019). A key maps to the row id written and a signature of the values
// written; a launch with the same signature within the time to live writes nothing. Bounded: the
// oldest entries go first. Another process, or a restart, just writes once more (the writes are
// idempotent upserts), so nothing depends on this being shared or complete.

export class RecentWrites {
  private readonly entries = new Map<string, { id: string; signature: string; at: number }>();

  constructor(private readonly limit: number, private readonly ttlMs: number) {}

  /** The id written for this key with this signature, while it is fresh; else null. */
  get(key: string, signature: string, now = Date.now()): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.signature !== signature || now - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    return entry.id;
  }

  set(key: string, id: string, signature: string, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { id, signature, at: now });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  /** For tests: forget everything. */
  clear(): void {
    this.entries.clear();
  }
}
