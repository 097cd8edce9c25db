// Counts every call made on a fake service, so tests can assert that reading or writing a tab costs a
// constant number of Apps Script calls, independent of its row count (each real call is a round trip).

export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly order: string[] = [];
  private readonly valueReads = new Map<string, number>();

  /** Records one call, named `Class.method` (e.g. `Range.getValues`). */
  record(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.order.push(name);
  }

  /** Records one read of a tab's values (Range.getValues on that sheet), besides the call itself. */
  recordValuesRead(tab: string): void {
    this.valueReads.set(tab, (this.valueReads.get(tab) ?? 0) + 1);
  }

  /** Reads of each tab's values, by tab name (sorted), as a plain object. */
  valuesReadByTab(): Record<string, number> {
    return Object.fromEntries([...this.valueReads.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Calls of one method, e.g. `count('Range.getValues')`. */
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** All calls, or those whose name starts with `prefix` (e.g. `'Range.'`). */
  total(prefix = ''): number {
    return this.order.filter((name) => name.startsWith(prefix)).length;
  }

  /** Calls per method name, in a plain object convenient for `toEqual`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The calls in the order they were made. */
  log(): readonly string[] {
    return [...this.order];
  }

  reset(): void {
    this.counts.clear();
    this.order.length = 0;
    this.valueReads.clear();
  }
}

/** Base of every fake service object: names its calls `<className>.<method>`. */
export abstract class Counted {
  protected constructor(
    protected readonly calls: CallCounter,
    private readonly className: string,
  ) {}

  protected track(method: string): void {
    this.calls.record(`${this.className}.${method}`);
  }
}
