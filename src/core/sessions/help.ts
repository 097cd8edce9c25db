// A one-off session for a help request: the matcher's tutors for the tutee's need, in its order (subject,
// level, availability, language, load), and the first of them with a block both are free in on a
// school day in the window asked for (today, or the rest of this week), not already taken by a session.
import type { Block, DateRange, LocalDate, WallTime } from '../model';
import { WEEKDAYS } from '../model';
import { addDays, weekdayIndex } from '../time';
import { isNoSchool } from '../scheduling';
import type { HelpWhen } from '../forms/questions';

export interface HelpCandidate {
  tutorId: string;
  block: Block;
  why: string;
}

export interface HelpWindow {
  today: LocalDate;
  /** Now, wall-clock in the program timezone: a block of today that has started is too late. */
  now: WallTime;
  when: HelpWhen;
  termStart: LocalDate | null;
  termEnd: LocalDate | null;
  noSchoolDates: readonly DateRange[];
}

export type HelpBooking = { booked: true; tutorId: string; block: Block; date: LocalDate; why: string } | { booked: false; reason: string };

/** The days of the window: today, or today to Sunday. */
export function windowDays(window: Pick<HelpWindow, 'today' | 'when'>): LocalDate[] {
  const last = window.when === 'Today' ? 0 : 6 - weekdayIndex(window.today);
  return Array.from({ length: last + 1 }, (_, i) => addDays(window.today, i));
}

/**
 * The first candidate (in the matcher's order) with a free block in the window. `busy` says whether a
 * student already meets in a block on a date (a weekly or another one-off session).
 */
export function bookHelp(tuteeId: string, candidates: readonly HelpCandidate[], window: HelpWindow, busy: (studentId: string, date: LocalDate, block: string) => boolean): HelpBooking {
  if (!candidates.length) return { booked: false, reason: 'no trained tutor can take this need now (see the Waitlist reasons: level, shared free block, language or load)' };
  const days = windowDays(window).filter(
    (date) => (!window.termStart || date >= window.termStart) && (!window.termEnd || date <= window.termEnd) && !isNoSchool(date, window.noSchoolDates),
  );
  for (const candidate of candidates) {
    for (const date of days) {
      if (WEEKDAYS[weekdayIndex(date)] !== candidate.block.day) continue;
      if (date === window.today && candidate.block.start <= window.now) continue;
      if (busy(candidate.tutorId, date, candidate.block.name) || busy(tuteeId, date, candidate.block.name)) continue;
      return { booked: true, tutorId: candidate.tutorId, block: candidate.block, date, why: candidate.why };
    }
  }
  const span = window.when === 'Today' ? 'today' : 'this week';
  return { booked: false, reason: `none of the ${candidates.length} tutor${candidates.length === 1 ? '' : 's'} who could take it has a free block ${span}` };
}
