// Calendar dates and wall-clock times in a named IANA timezone, computed with Intl (available in
// Node and in Apps Script's V8 runtime) so that nothing depends on the machine's own timezone.
import type { LocalDate, WallTime } from './model';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Offsets by timeZone and quarter hour. Every offset change of the tz database falls on a quarter hour
 * of UTC, so an instant's offset is its quarter hour's: Intl (slow: a formatToParts per call) is asked
 * once per quarter hour, which matters when a dashboard dates 100,000 log rows.
 */
const offsetCache = new Map<string, number>();
const QUARTER_HOUR = 15 * 60000;
const OFFSET_CACHE_LIMIT = 50000;

function wallClockOf(instant: Date, timeZone: string): WallClock {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) return wallClockFromIntl(instant, timeZone);
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const clock = wallClockFromIntl(instant, timeZone);
    offset = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - Math.floor(ms / 1000) * 1000;
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  const shifted = new Date(ms + offset);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

function wallClockFromIntl(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const c = wallClockOf(instant, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

/** The wall-clock time (`HH:MM`) of `instant` in `timeZone`. */
export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const c = wallClockOf(instant, timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (east positive). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const c = wallClockOf(instant, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * Instants by timeZone, date and time: a school year of sessions asks for the same few hundred dates
 * and times tens of thousands of times (the answer is a number, so no caller can change it).
 */
const instantCache = new Map<string, number>();

/**
 * The instant at which clocks in `timeZone` show `date` `time`. A time skipped by a
 * spring-forward change resolves to the instant after the gap; a repeated time to its first occurrence.
 */
export function instantOf(date: LocalDate, time: WallTime, timeZone: string): Date {
  const key = `${timeZone}|${date}|${time}`;
  let ms = instantCache.get(key);
  if (ms === undefined) {
    ms = instantFromOffsets(date, time, timeZone);
    if (instantCache.size >= OFFSET_CACHE_LIMIT) instantCache.clear();
    instantCache.set(key, ms);
  }
  return new Date(ms);
}

function instantFromOffsets(date: LocalDate, time: WallTime, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const naiveUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Offset changes are at most a day apart from any instant that matters, so the offsets a day
  // before and a day after give every candidate instant.
  const day1 = 24 * 3600000;
  const candidates = [naiveUtc - day1, naiveUtc + day1].map(
    (probe) => naiveUtc - offsetMinutes(new Date(probe), timeZone) * 60000,
  );
  const matching = candidates.filter((candidate) => wallTimeOf(new Date(candidate), timeZone) === time);
  return matching.length ? Math.min(...matching) : Math.max(...candidates);
}

/** Day-level arithmetic on ISO dates (no timezone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const utc = (date: LocalDate) => {
    const [year, month, day] = date.split('-').map(Number);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: LocalDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** True for a real calendar date written `yyyy-mm-dd`. */
export function isLocalDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return addDays(text, 0) === text;
}

/** A change of a timezone's UTC offset: at `at`, clocks go from `fromMinutes` to `toMinutes` (east positive). */
export interface OffsetTransition {
  at: Date;
  fromMinutes: number;
  toMinutes: number;
}

/**
 * Every offset change of `timeZone` between `from` and `to`, found by sampling each day and then
 * bisecting to the minute (real zones never change twice within one day).
 */
export function offsetTransitions(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const day = 24 * 3600000;
  const transitions: OffsetTransition[] = [];
  let previous = from.getTime();
  let previousOffset = offsetMinutes(from, timeZone);
  for (let probe = previous + day; previous < to.getTime(); probe += day) {
    const current = Math.min(probe, to.getTime());
    const currentOffset = offsetMinutes(new Date(current), timeZone);
    if (currentOffset !== previousOffset) {
      const at = firstInstantWithOffset(timeZone, previous, current, currentOffset);
      transitions.push({ at: new Date(at), fromMinutes: previousOffset, toMinutes: currentOffset });
    }
    previous = current;
    previousOffset = currentOffset;
  }
  return transitions;
}

/** Bisects (low, high] to the first whole minute whose offset is `offset`. */
function firstInstantWithOffset(timeZone: string, low: number, high: number, offset: number): number {
  const minute = 60000;
  while (high - low > minute) {
    const middle = low + Math.max(1, Math.floor((high - low) / 2 / minute)) * minute;
    if (offsetMinutes(new Date(middle), timeZone) === offset) high = middle;
    else low = middle;
  }
  return high;
}
