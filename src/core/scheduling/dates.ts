// Which calendar dates a pair meets on: the term, the pair's own start and end dates, the
// block's weekday and the No-school dates. Pure date arithmetic on ISO strings.
import { WEEKDAYS, type DateRange, type LocalDate, type Pair, type Settings, type Weekday } from '../model';
import { addDays, weekdayIndex } from '../time';

/** The dates a pair may meet: max(term start, pair start) .. min(term end, pair end); null when empty. */
export function pairDateRange(pair: Pair, settings: Settings): DateRange | null {
  if (!settings.termStart || !settings.termEnd) return null;
  const from = later(settings.termStart, pair.startDate);
  const to = earlier(settings.termEnd, pair.endDate);
  return from <= to ? { from, to } : null;
}

function later(date: LocalDate, other: LocalDate | null): LocalDate {
  return other && other > date ? other : date;
}

function earlier(date: LocalDate, other: LocalDate | null): LocalDate {
  return other && other < date ? other : date;
}

/** Every `weekday` in `range`, ascending. */
export function weeklyDates(weekday: Weekday, range: DateRange): LocalDate[] {
  const target = WEEKDAYS.indexOf(weekday);
  const first = addDays(range.from, (target - weekdayIndex(range.from) + 7) % 7);
  const dates: LocalDate[] = [];
  // Stepping in UTC milliseconds and formatting by hand: this loop runs for every slot of every pair.
  const week = 7 * 24 * 3600000;
  const last = utcMidnight(range.to);
  for (let ms = utcMidnight(first); ms <= last; ms += week) dates.push(isoDateOfUtc(ms));
  return dates;
}

function utcMidnight(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function isoDateOfUtc(ms: number): LocalDate {
  const day = new Date(ms);
  const month = day.getUTCMonth() + 1;
  const date = day.getUTCDate();
  return `${String(day.getUTCFullYear()).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/** True when `date` is a No-school date or inside a No-school range (backwards ranges match nothing). */
export function isNoSchool(date: LocalDate, noSchool: readonly DateRange[]): boolean {
  return noSchool.some((range) => range.from <= date && date <= range.to);
}

/** The weekly dates of a slot split into meeting dates and No-school exceptions. */
export interface WeeklySchedule {
  meetings: LocalDate[];
  /** No-school dates between the first and the last meeting (the exceptions of a recurring series). */
  exceptions: LocalDate[];
}

export function weeklySchedule(weekday: Weekday, range: DateRange, noSchool: readonly DateRange[]): WeeklySchedule {
  const meetings: LocalDate[] = [];
  const skipped: LocalDate[] = [];
  for (const date of weeklyDates(weekday, range)) (isNoSchool(date, noSchool) ? skipped : meetings).push(date);
  if (meetings.length === 0) return { meetings, exceptions: [] };
  const first = meetings[0];
  const last = meetings[meetings.length - 1];
  return { meetings, exceptions: skipped.filter((date) => first < date && date < last) };
}

/** `2026-03-05` → `20260305`, as in Session IDs and iCalendar dates. */
export function compactDate(date: LocalDate): string {
  return date.replace(/-/g, '');
}
