// A short, stable digest of a value's content: equal content gives an equal fingerprint in any
// runtime, so a stored fingerprint tells whether a Calendar series needs rewriting.

/** 16 hex digits: two 32-bit FNV-1a hashes with different offsets over the canonical JSON. */
export function fingerprintOf(value: unknown): string {
  const hash = new TextHash();
  hash.add(canonicalJson(value));
  return hash.digest();
}

/**
 * {@link fingerprintOf} of an array of rows of strings, fed row by row: the same fingerprint without
 * the whole array's JSON in memory at once (a tab of sessions is tens of megabytes of it).
 */
export function fingerprintOfRows(rows: Iterable<string[]>): string {
  const hash = new TextHash();
  hash.add('[');
  let firstRow = true;
  for (const row of rows) {
    hash.add(firstRow ? '[' : ',[');
    firstRow = false;
    for (let i = 0; i < row.length; i++) {
      if (i > 0) hash.add(',');
      hash.addJsonString(row[i]);
    }
    hash.add(']');
  }
  hash.add(']');
  return hash.digest();
}

/** 32-bit FNV-1a, as signed integers (see TextHash). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Both hashes in one pass over text given in pieces. They are kept as Math.imul gives them (signed
 * 32-bit) and made unsigned for the digest only: an unsigned value above 2^31 is no small integer to
 * V8, and the loop ran at half the speed.
 */
class TextHash {
  private first = FNV_OFFSET;
  private second = FNV_PRIME ^ 0x5bd1e995;

  add(text: string): void {
    let { first, second } = this;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      first = Math.imul(first ^ code, FNV_PRIME);
      second = Math.imul(second ^ code, FNV_PRIME);
    }
    this.first = first;
    this.second = second;
  }

  /**
   * `text` as JSON.stringify writes it, quotes included, fed without making that text (a tab of
   * sessions is 26 million characters of it): a quote, a backslash and a control character escaped,
   * a surrogate escaped unless it is half of a pair.
   */
  addJsonString(text: string): void {
    this.add('"');
    let { first, second } = this;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff && !pairedAt(text, i))) {
        this.first = first;
        this.second = second;
        this.add(jsonEscape(code));
        ({ first, second } = this);
        continue;
      }
      first = Math.imul(first ^ code, FNV_PRIME);
      second = Math.imul(second ^ code, FNV_PRIME);
    }
    this.first = first;
    this.second = second;
    this.add('"');
  }

  digest(): string {
    return hex(this.first >>> 0) + hex(this.second >>> 0);
  }
}

const hex = (hash: number) => hash.toString(16).padStart(8, '0');

/** A text's 32-bit FNV-1a hash (the fingerprint's first), over its UTF-16 code units. */
export function textHash(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Whether the surrogate at `i` is half of a pair (high then low), which JSON.stringify keeps as it is. */
function pairedAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  return code <= 0xdbff ? isLow(text.charCodeAt(i + 1)) : i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
}

const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/** How JSON.stringify writes a character it escapes. */
function jsonEscape(code: number): string {
  return SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}

/** JSON with object keys sorted, so property order never changes the fingerprint. */
export function canonicalJson(value: unknown): string {
  // Arrays of plain values (a tab's rows) have no keys to sort: JSON.stringify writes the same text, faster.
  if (Array.isArray(value)) return holdsPlainValues(value) ? JSON.stringify(value) : `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * True when the array holds only strings, numbers, booleans, null, undefined, and arrays of those,
 * with no holes (map skips a hole, so the canonical text of one differs from JSON.stringify's).
 */
function holdsPlainValues(array: unknown[]): boolean {
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) return false;
    const item = array[i];
    if (Array.isArray(item)) {
      if (!holdsPlainValues(item)) return false;
    } else if (item !== null && item !== undefined && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return false;
  }
  return true;
}
