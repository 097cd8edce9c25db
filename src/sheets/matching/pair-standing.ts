// The hard rules of the contract applied to pairs that already meet: both students on the roster,
// Active = Yes and guardian Consent = Yes. A pair that breaks them stops: scheduling gives it no more
// sessions and ends its Calendar series, and the report says why, per pair, naming no student.
//
// The Students rows are read here on their own, not through readProgram, because readProgram leaves
// out every row with a problem: a typo in a Grade must not look like a student who left (and end
// their pairs), while a Consent that no longer reads Yes must stop sessions even if the row has
// another problem. So only the three cells that matter are read, from every row.
import { CONSENTS, type Consent, type Pair } from '../../core/model';
import { isScheduled } from '../../core/scheduling';
import { cellText, isBlank, parseChoice, parseYesNo } from '../store/cells';
import { STUDENTS_TAB } from '../program/schema';
import { readTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface StoppedPair {
  pairId: string;
  /** Why, in words for the teacher, without names: "the tutee's guardian consent is No". */
  reason: string;
}

interface Standing {
  /** Null when the cell is blank or not one of Yes, No, Pending. */
  consent: Consent | null;
  /** Null when the cell cannot be read as Yes or No. */
  active: boolean | null;
}

/** Every Student ID on the Students tab (as typed, trimmed) with its Consent and Active cells. */
function readStandings(store: TableStore): Map<string, Standing> {
  const standings = new Map<string, Standing>();
  // A missing tab reads as no rows (scheduling has already stopped on it as a roster problem).
  for (const row of readTable(store, STUDENTS_TAB).rows) {
    const id = cellText(row.get('Student ID'));
    if (id === '' || standings.has(id)) continue;
    const consent = parseChoice(row.get('Consent'), CONSENTS);
    const active = isBlank(row.get('Active')) ? null : parseYesNo(row.get('Active'));
    standings.set(id, { consent: consent.ok ? consent.value : null, active: active?.ok ? active.value : null });
  }
  return standings;
}

/**
 * Why one student stops the pair, or null. Consent is a safeguard: only a recorded Yes keeps
 * sessions going. Leaving is an explicit Active = No, or the ID gone from the roster; an Active
 * cell that cannot be read is a roster problem to fix, not a departure.
 */
function reasonOf(role: 'tutor' | 'tutee', standing: Standing | undefined): string | null {
  if (!standing) return `the ${role} is no longer on the Students tab`;
  if (standing.active === false) return `the ${role} has left the program (Active is No)`;
  if (standing.consent !== 'Yes') return `the ${role}'s guardian consent is ${standing.consent ?? 'not recorded as Yes'}`;
  return null;
}

/** Active and Trial pairs that the roster no longer allows to meet, with the reason. */
export function stoppedPairs(store: TableStore, pairs: readonly Pair[]): StoppedPair[] {
  const scheduled = pairs.filter(isScheduled);
  if (scheduled.length === 0) return [];
  const standings = readStandings(store);
  const stopped: StoppedPair[] = [];
  for (const pair of scheduled) {
    const reasons = [reasonOf('tutor', standings.get(pair.tutorId)), reasonOf('tutee', standings.get(pair.tuteeId))].filter(
      (reason): reason is string => reason !== null,
    );
    if (reasons.length) stopped.push({ pairId: pair.pairId, reason: reasons.join('; ') });
  }
  return stopped;
}

/** The line the schedule report shows for a stopped pair. */
export function describeStopped({ pairId, reason }: StoppedPair): string {
  return `Pair ${pairId} stopped: ${reason}. Its future sessions are removed (past ones kept) and its Calendar series ends today; set its Status to Ended or Paused, or fix the roster, to clear this.`;
}
