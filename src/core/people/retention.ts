// Retention: personal data is kept until the end of its term plus the Settings period (default a
// year), then cleared. A record of the current term is kept until Term end + period; a record from
// before Term start belongs to an earlier term, which ended by Term start at the latest, so it is kept
// until Term start + period (never shorter than its own term's rule).
import type { LocalDate } from '../model';
import { addDays } from '../time';

export interface RetentionRule {
  termStart: LocalDate | null;
  termEnd: LocalDate | null;
  days: number;
  today: LocalDate;
}

/** True when a record dated `date` is past its retention and its personal fields may be cleared. */
export function isExpired(date: LocalDate, rule: RetentionRule): boolean {
  const { termStart, termEnd, days, today } = rule;
  if (!termStart || !termEnd) return false; // without a term nothing can be said to be over
  const kept = date >= termStart ? termEnd : termStart;
  return today > addDays(kept, days);
}
