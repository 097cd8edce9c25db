// The sessions a set of weekly slots produces over the term, one per meeting date.
import type { LocalDate, Pair, Session, Settings } from '../model';
import { instantOf } from '../time';
import { compactDate, pairDateRange, weeklySchedule } from './dates';
import { compareText, type PairSlots } from './slots';

/** The Session ID contract: `<Pair ID>-<yyyymmdd>`. */
export function sessionIdOf(pairId: string, date: LocalDate): string {
  return `${pairId}-${compactDate(date)}`;
}

/**
 * Every session of every planned slot from max(term start, pair start) to min(term end, pair end),
 * skipping No-school dates. Times are the block's wall-clock times, so a 15:00 block is 15:00 on
 * both sides of a daylight-saving change. Sorted by date, start time and Session ID.
 */
export function generateSessions(pairs: readonly Pair[], slots: readonly PairSlots[], settings: Settings): Session[] {
  const pairsById = new Map(pairs.map((pair) => [pair.pairId, pair]));
  const sessions: Session[] = [];
  for (const { pairId, blocks } of slots) {
    const pair = pairsById.get(pairId);
    const range = pair && pairDateRange(pair, settings);
    if (!range) continue;
    for (const block of blocks) {
      for (const date of weeklySchedule(block.day, range, settings.noSchoolDates).meetings) {
        sessions.push({
          sessionId: sessionIdOf(pairId, date),
          pairId,
          date,
          start: block.start,
          end: block.end,
          block: block.name,
          status: 'Scheduled',
          calendarEventId: '',
        });
      }
    }
  }
  return sessions.sort(compareSessions);
}

export function compareSessions(a: Session, b: Session): number {
  return compareText(a.date, b.date) || compareText(a.start, b.start) || compareText(a.sessionId, b.sessionId);
}

/** The real start and end instants of a session in the program timezone. */
export function sessionInstants(session: Session, timeZone: string): { start: Date; end: Date } {
  return {
    start: instantOf(session.date, session.start, timeZone),
    end: instantOf(session.date, session.end, timeZone),
  };
}
