// The Monday of a date's week, remembered: the dashboard asks it for every session and ticket of a
// term (150,000 times), for a few hundred distinct dates.
import type { LocalDate } from '../model';
import { addDays, weekdayIndex } from '../time';

const mondays = new Map<LocalDate, LocalDate>();

export function mondayOf(date: LocalDate): LocalDate {
  let monday = mondays.get(date);
  if (monday === undefined) {
    if (mondays.size > 10_000) mondays.clear(); // dates of many terms: start over rather than grow
    monday = addDays(date, -weekdayIndex(date));
    mondays.set(date, monday);
  }
  return monday;
}
