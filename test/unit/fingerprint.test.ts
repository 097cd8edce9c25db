// The content fingerprint that Calendar series and Undo versions are stored with: it must never change
// for the same content (a changed fingerprint would rewrite every series once), however it is computed.
import fc from 'fast-check';
import { canonicalJson, fingerprintOf, fingerprintOfRows } from '../../src/core/scheduling/fingerprint';

/** The canonical text as first defined: arrays item by item, object keys sorted, undefined keys left out. */
function referenceJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${referenceJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function referenceHash(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

const plain = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  item: fc.oneof({ depthSize: 'small' }, plain, fc.date({ noInvalidDate: true }), tie('array'), tie('object'), tie('sparse')),
  array: fc.array(tie('item'), { maxLength: 5 }),
  object: fc.dictionary(fc.string(), tie('item'), { maxKeys: 4 }),
  sparse: fc.array(tie('item'), { maxLength: 4 }).map((items) => {
    const holed = [...items];
    holed.length += 2; // two holes at the end
    return holed;
  }),
})).item;

describe('fingerprintOf', () => {
  it('gives the text and the hash it always gave, for any value (rows of plain cells take a faster path)', () => {
    fc.assert(
      fc.property(fc.oneof(value, fc.array(fc.array(plain, { maxLength: 6 }), { maxLength: 20 })), (input) => {
        const text = referenceJson(input);
        expect(canonicalJson(input)).toBe(text);
        expect(fingerprintOf(input)).toBe(referenceHash(text, 0x811c9dc5) + referenceHash(text, 0x01000193 ^ 0x5bd1e995));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of an object’s keys', () => {
    expect(fingerprintOf({ a: 1, b: [2, 'x'] })).toBe(fingerprintOf({ b: [2, 'x'], a: 1 }));
  });
});

describe('fingerprintOfRows', () => {
  it('gives the fingerprint of the whole array, fed one row at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { maxLength: 6 }), { maxLength: 20 }), (rows) => {
        function* oneByOne() {
          yield* rows;
        }
        expect(fingerprintOfRows(oneByOne())).toBe(fingerprintOf(rows));
      }),
      { numRuns: 300 },
    );
  });

  it('writes each string as JSON.stringify would: quotes, backslashes, control characters and lone surrogates', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\n', '\u0000', '\ud83d', '\ude00', '😀', 'a"b\\c'));
    fc.assert(
      fc.property(fc.array(fc.array(text, { maxLength: 6 }), { maxLength: 12 }), (rows) => {
        expect(fingerprintOfRows(rows)).toBe(fingerprintOf(rows));
      }),
      { numRuns: 500 },
    );
  });
});
