// The Calendar event series the program should have: one recurring weekly series per pair and
// weekly slot, with No-school dates as exceptions. Pure data for the Calendar adapter and the ICS writer.
import type { LocalDate, Pair, Session, Settings, Student, WallTime, Weekday } from '../model';
import { instantOf } from '../time';
import { pairDateRange, weeklySchedule } from './dates';
import { fingerprintOf } from './fingerprint';
import { compareText, type PairSlots } from './slots';

export interface WallDateTime {
  date: LocalDate;
  time: WallTime;
}

export interface SeriesPlan {
  /**
   * `<Pair ID>#<slot>`: the pair and its slot number, not the block, so a pair whose block changes
   * keeps its key and its series is moved (updated), never duplicated.
   */
  seriesKey: string;
  pairId: string;
  /** 1 = the pair's own block, 2… = extra weekly blocks. */
  slot: number;
  block: string;
  title: string;
  description: string;
  location: string;
  /** Non-blank emails of tutor and tutee. */
  guests: string[];
  timeZone: string;
  weekday: Weekday;
  /** First occurrence, wall-clock in `timeZone` (always a meeting date, never an exception). */
  firstStart: WallDateTime;
  firstEnd: WallDateTime;
  /** Date of the last occurrence (inclusive). */
  until: LocalDate;
  /** No-school dates on `weekday` strictly between the first and last occurrence. */
  exdates: LocalDate[];
  /** Number of sessions the series stands for (weekly dates minus exceptions). */
  occurrences: number;
  /** Digest of everything Calendar shows; equal fingerprints mean no write is needed. */
  fingerprint: string;
}

export interface SeriesInput {
  pairs: readonly Pair[];
  slots: readonly PairSlots[];
  students: readonly Student[];
  settings: Settings;
  /** Extra description lines for a pair, e.g. links to its reflection and exit-ticket forms. */
  describe?: (pair: Pair) => string[];
}

export function seriesKeyOf(pairId: string, slot: number): string {
  return `${pairId}#${slot}`;
}

/** The Pair ID inside a series key. */
export function pairIdOfSeriesKey(seriesKey: string): string {
  const hash = seriesKey.lastIndexOf('#');
  return hash < 0 ? seriesKey : seriesKey.slice(0, hash);
}

/** One series per slot that has at least one meeting, sorted by series key. */
export function planSeries(input: SeriesInput): SeriesPlan[] {
  const pairs = new Map(input.pairs.map((pair) => [pair.pairId, pair]));
  const students = new Map(input.students.map((student) => [student.id, student]));
  const plans: SeriesPlan[] = [];
  for (const { pairId, blocks } of input.slots) {
    const pair = pairs.get(pairId);
    const range = pair && pairDateRange(pair, input.settings);
    if (!pair || !range) continue;
    blocks.forEach((block, index) => {
      const { meetings, exceptions } = weeklySchedule(block.day, range, input.settings.noSchoolDates);
      if (meetings.length === 0) return;
      const tutor = students.get(pair.tutorId);
      const tutee = students.get(pair.tuteeId);
      const content = {
        block: block.name,
        title: `${input.settings.programName}: ${pair.subject} — ${tutor?.name || pair.tutorId} & ${tutee?.name || pair.tuteeId}`,
        description: [
          `Subject: ${pair.subject}`,
          `Tutor: ${tutor?.name || pair.tutorId}`,
          `Tutee: ${tutee?.name || pair.tuteeId}`,
          `Block: ${block.name} (${block.day} ${block.start}–${block.end})`,
          `Pair: ${pair.pairId}`,
          ...(input.describe?.(pair) ?? []),
        ].join('\n'),
        location: block.location,
        guests: guestsOf([tutor?.email, tutee?.email]),
        timeZone: input.settings.timezone,
        weekday: block.day,
        firstStart: { date: meetings[0], time: block.start },
        firstEnd: { date: meetings[0], time: block.end },
        until: meetings[meetings.length - 1],
        exdates: exceptions,
      };
      plans.push({
        seriesKey: seriesKeyOf(pairId, index + 1),
        pairId,
        slot: index + 1,
        ...content,
        occurrences: meetings.length,
        fingerprint: fingerprintOf(content),
      });
    });
  }
  return plans.sort((a, b) => compareText(a.seriesKey, b.seriesKey));
}

/**
 * The fingerprint `series` would have with another description: equal to a stored fingerprint when
 * the series was last written exactly as planned now but for its description (its agenda).
 */
export function fingerprintWithDescription(series: SeriesPlan, description: string): string {
  const { seriesKey: _key, pairId: _pair, slot: _slot, occurrences: _occurrences, fingerprint: _fingerprint, ...content } = series;
  return fingerprintOf({ ...content, description });
}

function guestsOf(emails: ReadonlyArray<string | undefined>): string[] {
  const guests: string[] = [];
  for (const email of emails) {
    const trimmed = (email ?? '').trim();
    if (trimmed && !guests.some((guest) => guest.toLowerCase() === trimmed.toLowerCase())) guests.push(trimmed);
  }
  return guests;
}

/** The instants the Calendar adapter needs: first occurrence, last start (the recurrence's end) and exceptions. */
export function seriesInstants(series: SeriesPlan): { firstStart: Date; firstEnd: Date; lastStart: Date; exdates: Date[] } {
  const at = (date: LocalDate, time: WallTime) => instantOf(date, time, series.timeZone);
  return {
    firstStart: at(series.firstStart.date, series.firstStart.time),
    firstEnd: at(series.firstEnd.date, series.firstEnd.time),
    lastStart: at(series.until, series.firstStart.time),
    exdates: series.exdates.map((date) => at(date, series.firstStart.time)),
  };
}

/**
 * Finds the series key of a session from the slot plan (by pair and block), so the sheets layer can
 * fill the Sessions tab's `Calendar event ID` from the stored series; null for a block the pair no
 * longer meets in.
 */
export function seriesKeyFinder(slots: readonly PairSlots[]): (session: Pick<Session, 'pairId' | 'block'>) => string | null {
  const keys = new Map<string, string>();
  for (const { pairId, blocks } of slots) {
    blocks.forEach((block, index) => keys.set(`${pairId}\u0000${block.name}`, seriesKeyOf(pairId, index + 1)));
  }
  return (session) => keys.get(`${session.pairId}\u0000${session.block}`) ?? null;
}
