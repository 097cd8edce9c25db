// RFC 5545 iCalendar export of the planned Calendar series: one recurring VEVENT per pair and weekly
// slot (and one single VEVENT per one-off help session), with a VTIMEZONE built from the zone's real offset changes (found with Intl). Stable UIDs make
// a re-import update the events instead of duplicating them. Pure string building, no Node APIs.
import type { DateRange, LocalDate, WallTime } from '../core/model';
import { compactDate, type SeriesPlan } from '../core/scheduling';
import { addDays, instantOf, offsetMinutes, offsetTransitions } from '../core/time';

export interface IcsOptions {
  programName: string;
  /** Program timezone: X-WR-TIMEZONE, and the VTIMEZONE of a calendar without series. */
  timeZone: string;
  /** DTSTAMP of every event. */
  now: Date;
  /**
   * SEQUENCE of a series. Default: whole minutes from 2024-01-01 to `now`, so a later export
   * always carries a higher sequence and importers replace the older copy.
   */
  sequence?: (series: SeriesPlan) => number;
  /** Dates the VTIMEZONE must cover; default: the span of the series, or the year from `now`. */
  window?: DateRange;
}

export const UID_DOMAIN = 'peer-tutoring-hub';
const CRLF = '\r\n';

export function uidOf(series: SeriesPlan): string {
  return `${series.seriesKey}@${UID_DOMAIN}`;
}

/** A single event (a one-off help session): one VEVENT at its instants, no recurrence. */
export interface IcsSingleEvent {
  /** Stable, e.g. `<Session ID>@peer-tutoring-hub`, so a re-import updates it. */
  uid: string;
  title: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
}

export function writeIcs(series: readonly SeriesPlan[], options: IcsOptions, singles: readonly IcsSingleEvent[] = []): string {
  const zones = [...new Set([options.timeZone, ...series.map((s) => s.timeZone)])];
  const window = options.window ?? windowOf(series, options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Peer Tutoring Hub//${escapeText(options.programName)}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.programName)}`,
    `X-WR-TIMEZONE:${options.timeZone}`,
    ...zones.flatMap((zone) => vtimezone(zone, window)),
    ...series.flatMap((s) => vevent(s, options)),
    ...singles.flatMap((event) => singleVevent(event, options)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function vevent(series: SeriesPlan, options: IcsOptions): string[] {
  const tzid = `TZID=${paramValue(series.timeZone)}`;
  const localStamp = (date: LocalDate, time: WallTime) => `${compactDate(date)}T${time.replace(':', '')}00`;
  const lastStart = instantOf(series.until, series.firstStart.time, series.timeZone);
  const sequence = options.sequence ? options.sequence(series) : defaultSequence(options.now);
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(uidOf(series))}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    `SEQUENCE:${sequence}`,
    `DTSTART;${tzid}:${localStamp(series.firstStart.date, series.firstStart.time)}`,
    `DTEND;${tzid}:${localStamp(series.firstEnd.date, series.firstEnd.time)}`,
    // RFC 5545 §3.3.10: with a TZID-qualified DTSTART, UNTIL must be a UTC date-time.
    `RRULE:FREQ=WEEKLY;UNTIL=${utcStamp(lastStart)}`,
    ...(series.exdates.length
      ? [`EXDATE;${tzid}:${series.exdates.map((date) => localStamp(date, series.firstStart.time)).join(',')}`]
      : []),
    `SUMMARY:${escapeText(series.title)}`,
    ...(series.location.trim() ? [`LOCATION:${escapeText(series.location)}`] : []),
    `DESCRIPTION:${escapeText(series.description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

function singleVevent(event: IcsSingleEvent, options: IcsOptions): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    `SEQUENCE:${defaultSequence(options.now)}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DTEND:${utcStamp(event.end)}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.location.trim() ? [`LOCATION:${escapeText(event.location)}`] : []),
    `DESCRIPTION:${escapeText(event.description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

function defaultSequence(now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.UTC(2024, 0, 1)) / 60000));
}

function windowOf(series: readonly SeriesPlan[], now: Date): DateRange {
  if (series.length === 0) {
    const today = now.toISOString().slice(0, 10);
    return { from: today, to: addDays(today, 366) };
  }
  const from = series.map((s) => s.firstStart.date).reduce((a, b) => (a < b ? a : b));
  const to = series.map((s) => s.until).reduce((a, b) => (a > b ? a : b));
  return { from, to };
}

/**
 * One observance for the offset in force when the window opens, then a one-off observance per
 * offset change inside it (a week of margin each side). Zones without changes get one STANDARD.
 */
function vtimezone(timeZone: string, window: DateRange): string[] {
  const start = instantOf(addDays(window.from, -7), '00:00', timeZone);
  const end = instantOf(addDays(window.to, 8), '00:00', timeZone);
  const initial = offsetMinutes(start, timeZone);
  const transitions = offsetTransitions(timeZone, start, end);
  const initialIsDaylight = transitions.length > 0 && initial > transitions[0].toMinutes;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(initialIsDaylight, start, initial, initial, timeZone),
    ...transitions.flatMap((t) => observance(t.toMinutes > t.fromMinutes, t.at, t.fromMinutes, t.toMinutes, timeZone)),
    'END:VTIMEZONE',
  ];
}

function observance(daylight: boolean, at: Date, fromMinutes: number, toMinutes: number, timeZone: string): string[] {
  const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
  // An observance's DTSTART is the local time just before the change, in the offset it changes from.
  const localBefore = new Date(at.getTime() + fromMinutes * 60000);
  const name = zoneAbbreviation(at, timeZone);
  return [
    `BEGIN:${kind}`,
    `DTSTART:${utcStamp(localBefore).slice(0, -1)}`,
    `TZOFFSETFROM:${utcOffset(fromMinutes)}`,
    `TZOFFSETTO:${utcOffset(toMinutes)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

/** `EST`, `CEST`…; none for zones Intl only names `GMT+5:30`. */
function zoneAbbreviation(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  return /^[A-Z]{2,5}$/.test(name) ? name : '';
}

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** `20260308T070000Z`. */
function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value, quoted when it holds `:`, `;` or `,` (RFC 5545 §3.2). */
function paramValue(value: string): string {
  return /[:;,]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/**
 * Folds a content line into chunks of at most 75 octets of UTF-8, never splitting a character (§3.1).
 * The chunks are cut from the line (a school year's calendar is a megabyte of lines).
 */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; ) {
    const code = line.codePointAt(i)!;
    const size = utf8Length(code);
    // Continuation lines begin with a space, which counts toward their 75 octets.
    const limit = chunks.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      chunks.push(line.slice(start, i));
      start = i;
      octets = 0;
    }
    octets += size;
    i += code > 0xffff ? 2 : 1;
  }
  chunks.push(line.slice(start));
  return chunks.join(`${CRLF} `);
}

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}
