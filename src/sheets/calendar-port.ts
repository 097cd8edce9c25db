// What the sheets layer needs from a calendar: the Apps Script adapter (src/gas/calendar-sync.ts)
// implements it; the local host has none (the CLI writes an .ics file instead).
import type { DateRange, LocalDate, Pair } from '../core/model';
import type { SeriesPlan } from '../core/scheduling';

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
}
