// What the sheets layer needs from a calendar: the Apps Script adapter (src/gas/calendar/sync.ts)
// implements it; the local host has none (the CLI writes an .ics file instead).
import type { DateRange, LocalDate, Pair } from '../../core/model';
import type { SeriesPlan } from '../../core/scheduling';

export interface CalendarSyncRequest {
  programName: string;
  timeZone: string;
  noSchoolDates: readonly DateRange[];
  series: readonly SeriesPlan[];
  pairs: readonly Pair[];
  today: LocalDate;
  sendInvitations: boolean;
}

export interface CalendarSyncReport {
  created: number;
  updated: number;
  ended: number;
  unchanged: number;
  /** Series whose event was deleted by hand and created again. */
  recreated: number;
  /** Calendar writes still to do (a follow-up run is scheduled when this is not 0). */
  remaining: number;
  done: boolean;
  notices: string[];
  calendarId: string;
  /**
   * Set when this account could not sync (the program calendar is another teacher's and not shared
   * with it, or shared to see only): what to do about it. Calendar was not changed by this run.
   */
  blocked?: string;
}

/** What "Start a new program calendar" did to the old one before forgetting it. */
export interface CalendarHandover {
  /** Whether this account could open and change the old calendar. */
  reached: boolean;
  /** Old series ended (or deleted, when they had not started yet). */
  ended: number;
  /** Old series still to end (the run was cut short): the old calendar is kept until they are. */
  remaining: number;
  done: boolean;
  notices: string[];
}

export interface CalendarPort {
  /** One run of the sync; `fresh` starts a new one, otherwise the previous run's totals continue. */
  sync(request: CalendarSyncRequest, fresh: boolean): CalendarSyncReport;
  /** seriesKey → Calendar event ID of every series written so far. */
  eventIds(): Map<string, string>;
  /** The latest run's report, or null before the first sync. */
  status(): CalendarSyncReport | null;
  /** The invitation choice of the sync a follow-up run continues. */
  pendingInvitationChoice(): boolean;
  /**
   * Ends every series of the current program calendar that this account can reach, then forgets
   * that calendar, so the next sync makes a new one owned by this account (only when the teacher asks).
   */
  retire(request: CalendarSyncRequest): CalendarHandover;
  /**
   * The Google Meet link of each of these series (those of online blocks), made when missing; a series
   * whose link is not ready yet is left out (the next sync asks again). Absent where there is no Meet.
   */
  meetLinks?(seriesKeys: readonly string[]): Map<string, string>;
  /**
   * One meeting of a series (the occurrence starting at `start`) gets `add` as guest and loses `remove`:
   * an exception on that occurrence only, the rest of the series untouched. Idempotent ('unchanged'
   * when the meeting already is so); the add-on's own write, so the next sync does not report it as a
   * hand edit. Absent where there is no calendar.
   */
  substituteGuest?(change: { eventId: string; start: Date; add: string; remove: string }): 'written' | 'unchanged' | 'not found';
}
