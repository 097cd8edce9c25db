import ICAL from 'ical.js';
import fc from 'fast-check';
import type { Pair, Settings } from '../../src/core/model';
import { generateSessions, planSeries, planSlots, sessionInstants } from '../../src/core/scheduling';
import { escapeText, foldLine, writeIcs } from '../../src/local/ics';
import { block, pair, settings, student } from './scheduling-fixtures';

const blocks = [block('Mon-A', 'Mon'), block('Wed-A', 'Wed', '15:00', '15:45'), block('Thu-B', 'Thu', '12:00', '12:45')];
const students = [
  { ...student('S-1', ['Mon-A', 'Wed-A', 'Thu-B']), name: 'José Müller-Øster, Jr.; "the tutor"' },
  student('S-2', ['Mon-A', 'Wed-A', 'Thu-B']),
  student('S-3', ['Mon-A', 'Wed-A', 'Thu-B'], ''),
  student('S-4', ['Mon-A', 'Wed-A', 'Thu-B']),
];
const pairs: Pair[] = [
  pair('P-1', 'S-1', 'S-2', 'Mon-A', { subject: 'Math, Algebra\\Geometry' }),
  pair('P-2', 'S-3', 'S-4', 'Wed-A', { startDate: '2026-02-20' }),
];

function program(timezone: string, termStart: string, termEnd: string): Settings {
  return settings({
    programName: 'Peer Tutoring — Süd',
    timezone,
    termStart,
    termEnd,
    sessionsPerWeek: 2,
    noSchoolDates: [{ from: termStart, to: termStart }, { from: '2026-03-16', to: '2026-03-20' }, { from: '2026-10-29', to: '2026-10-29' }],
  });
}

function build(settingsForZone: Settings) {
  const { slots } = planSlots({ pairs, blocks, students, sessionsPerWeek: settingsForZone.sessionsPerWeek });
  const series = planSeries({ pairs, slots, students, settings: settingsForZone });
  const sessions = generateSessions(pairs, slots, settingsForZone);
  const ics = writeIcs(series, { programName: settingsForZone.programName, timeZone: settingsForZone.timezone, now: new Date('2026-01-15T10:30:00Z') });
  return { series, sessions, ics };
}

/** Every occurrence ical.js expands from the file, as `<Pair ID> <start> <end>` in UTC. */
function occurrencesByIcalJs(ics: string, timeZone: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  try {
    return calendar.getAllSubcomponents('vevent').flatMap((vevent) => {
      const event = new ICAL.Event(vevent);
      expect(event.startDate.zone?.tzid).toBe(timeZone);
      const pairId = event.uid.split('#')[0];
      const iterator = event.iterator();
      const found: string[] = [];
      for (let next = iterator.next(); next; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        found.push(`${pairId} ${details.startDate.toJSDate().toISOString()} ${details.endDate.toJSDate().toISOString()}`);
        if (found.length > 500) throw new Error('runaway recurrence');
      }
      return found;
    });
  } finally {
    ICAL.TimezoneService.remove(timeZone);
  }
}

describe('writeIcs read back by ical.js', () => {
  const cases: Array<[string, string, string]> = [
    ['America/New_York', '2026-02-02', '2026-04-24'], // spring forward 8 March
    ['America/New_York', '2026-09-28', '2026-11-20'], // fall back 1 November
    ['Europe/Berlin', '2026-02-02', '2026-04-24'], // spring forward 29 March
    ['Europe/Berlin', '2026-09-28', '2026-11-20'], // fall back 25 October
    ['Asia/Kolkata', '2026-02-02', '2026-04-24'], // no daylight saving
  ];

  it.each(cases)('%s %s..%s: the occurrences are exactly the Sessions', (timeZone, termStart, termEnd) => {
    const { sessions, ics, series } = build(program(timeZone, termStart, termEnd));
    expect(series).toHaveLength(4);
    const expected = sessions.map((s) => {
      const { start, end } = sessionInstants(s, timeZone);
      return `${s.pairId} ${start.toISOString()} ${end.toISOString()}`;
    });
    expect(occurrencesByIcalJs(ics, timeZone).sort()).toEqual(expected.sort());
    expect(new Set(expected).size).toBe(sessions.length);
  });

  it('keeps text exactly through escaping and folding', () => {
    const { ics, series } = build(program('Europe/Berlin', '2026-02-02', '2026-04-24'));
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((e) => e.summary)).toEqual(series.map((s) => s.title));
    expect(events.map((e) => e.description)).toEqual(series.map((s) => s.description));
    expect(events.map((e) => e.location)).toEqual(series.map((s) => s.location));
    expect(events[0].summary).toContain('José Müller-Øster, Jr.; "the tutor"');
    expect(events[0].description).toContain('Math, Algebra\\Geometry\nTutor:');
  });
});

describe('writeIcs format', () => {
  const { ics } = build(program('America/New_York', '2026-02-02', '2026-04-24'));
  const physicalLines = ics.split('\r\n');

  it('uses CRLF line endings and folds every line at 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physicalLines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(physicalLines.some((line) => line.startsWith(' '))).toBe(true);
  });

  it('has the calendar header, a UTC UNTIL and TZID-qualified DTSTART and EXDATE', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:[^\r]+\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n/);
    expect(unfolded).toContain('UID:P-1#1@peer-tutoring-hub\r\n');
    expect(unfolded).toContain('DTSTART;TZID=America/New_York:20260209T150000\r\n'); // 2 Feb is a No-school date
    expect(unfolded).toContain('RRULE:FREQ=WEEKLY;UNTIL=20260420T190000Z\r\n');
    expect(unfolded).toContain('EXDATE;TZID=America/New_York:20260316T150000\r\n');
    expect(unfolded).toContain('DTSTAMP:20260115T103000Z\r\n');
    expect(unfolded).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n/);
  });

  it('gives a zone without daylight saving a single STANDARD observance', () => {
    const kolkata = build(program('Asia/Kolkata', '2026-02-02', '2026-04-24')).ics;
    expect(kolkata.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(kolkata).toContain('TZOFFSETTO:+0530');
  });

  it('keeps UIDs stable and raises SEQUENCE between exports', () => {
    const settingsNow = program('America/New_York', '2026-02-02', '2026-04-24');
    const { slots } = planSlots({ pairs, blocks, students, sessionsPerWeek: 2 });
    const series = planSeries({ pairs, slots, students, settings: settingsNow });
    const at = (iso: string) => writeIcs(series, { programName: 'P', timeZone: settingsNow.timezone, now: new Date(iso) });
    const uids = (text: string) => text.match(/^UID:.*$/gm);
    const sequence = (text: string) => Number(/^SEQUENCE:(\d+)/m.exec(text)![1]);
    expect(uids(at('2026-01-15T10:00:00Z'))).toEqual(uids(at('2026-02-01T10:00:00Z')));
    expect(sequence(at('2026-02-01T10:00:00Z'))).toBeGreaterThan(sequence(at('2026-01-15T10:00:00Z')));
  });
});

describe('text helpers', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(40)}${'😀'.repeat(20)}`);
    for (const line of folded.split('\r\n')) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    expect(folded.split('\r\n').map((line, i) => (i ? line.slice(1) : line)).join('')).toBe(`SUMMARY:${'é'.repeat(40)}${'😀'.repeat(20)}`);
  });
});

describe('one-off sessions', () => {
  it('are single events at their instants, beside the series, with their own stable UIDs', () => {
    const settingsForZone = program('America/New_York', '2026-02-02', '2026-06-12');
    const { series } = build(settingsForZone);
    const single = {
      uid: 'H-0001-20260305@peer-tutoring-hub',
      title: 'Peer Tutoring: extra Math session — Ana; "Bo" & Cy, Jr.',
      description: 'Subject: Math\nSession: H-0001-20260305 (a help request)',
      location: 'Online',
      start: new Date('2026-03-05T20:00:00Z'),
      end: new Date('2026-03-05T20:45:00Z'),
    };
    const ics = writeIcs(series, { programName: settingsForZone.programName, timeZone: settingsForZone.timezone, now: new Date('2026-01-15T10:30:00Z') }, [single]);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(series.length + 1);
    const event = new ICAL.Event(events.find((e) => e.getFirstPropertyValue('uid') === single.uid)!);
    expect(event.isRecurring()).toBe(false);
    expect(event.summary).toBe(single.title);
    expect(event.location).toBe('Online');
    expect(event.description).toBe(single.description);
    expect(event.startDate.toJSDate().toISOString()).toBe(single.start.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(single.end.toISOString());
  });
});

describe('foldLine', () => {
  it('folds any line at 75 octets without splitting a character, and unfolds to the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '€', '😀', ' ', ';'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 300 }), (line) => {
        const folded = foldLine(line);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
        const physical = folded.split('\r\n');
        physical.forEach((text, i) => {
          expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(75);
          // A pair's halves stay on one line.
          if (i > 0) expect(/[\ud800-\udbff]$/.test(physical[i - 1]) && /^ [\udc00-\udfff]/.test(text)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });
});
