// The quarter-hour offset cache gives exactly what Intl gives, across daylight-saving changes and
// zones with half- and quarter-hour offsets.
import fc from 'fast-check';
import { localDateOf, wallTimeOf } from '../../src/core/time';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'];

function intl(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describe('wall clock of an instant', () => {
  it('equals Intl for any instant from 2000 to 2040 in zones with DST and odd offsets', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        const instant = new Date(ms);
        // Twice: the second answer comes from the cache.
        for (let i = 0; i < 2; i++) expect(`${localDateOf(instant, zone)} ${wallTimeOf(instant, zone)}`).toBe(intl(instant, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('is right on both sides of a daylight-saving change', () => {
    const before = new Date('2027-03-14T06:59:59Z'); // 01:59:59 EST
    const after = new Date('2027-03-14T07:00:00Z'); // 03:00 EDT
    expect(wallTimeOf(before, 'America/New_York')).toBe('01:59');
    expect(wallTimeOf(after, 'America/New_York')).toBe('03:00');
  });
});
