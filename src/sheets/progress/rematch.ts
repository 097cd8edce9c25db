// Applying an alert's suggested re-match: the pair ends today and its tutee starts with the other tutor
// the matcher found (as Trial or Active, as Settings say), in the block it found — one write of the
// Pairs tab and one undoable version. The teacher's click names the tutor they saw; if the matcher's
// answer has changed since (someone else changed the program), nothing is written and they are told.
import type { LocalDate, Pair } from '../../core/model';
import { recordChange } from '../program/history';
import { pairRecord, readPairs } from '../matching/pairs-tab';
import { ProgramDataError } from '../program/problems';
import { readProgram } from '../program/roster';
import { PAIRS_TAB } from '../program/schema';
import { writeTable } from '../store/table';
import type { TableStore } from '../store/table-store';
import { bestOtherTutorFinder } from './refresh';

export type RematchOutcome =
  | { applied: true; version: number; endedPairId: string; newPairId: string; message: string }
  | { applied: false; message: string };

export function applyRematch(store: TableStore, pairId: string, tutorId: string, today: LocalDate, now: Date): RematchOutcome {
  const reading = readPairs(store);
  if (reading.problems.length) throw new ProgramDataError(reading.problems);
  const { program } = readProgram(store);
  const pair = reading.pairs.find((p) => p.pairId === pairId);
  if (!pair || (pair.status !== 'Active' && pair.status !== 'Trial')) {
    return { applied: false, message: `${pairId} is no longer meeting (see the Pairs tab): nothing was changed.` };
  }
  const best = bestOtherTutorFinder(program, reading.pairs)(pair);
  if (!best || best.tutorId !== tutorId) {
    return { applied: false, message: 'The program changed since the dashboard was refreshed and the matcher now suggests another tutor: refresh the dashboard and look again. Nothing was changed.' };
  }
  const names = new Map(program.students.map((student) => [student.id, student.name] as [string, string]));
  const next = reading.pairs.reduce((max, p) => Math.max(max, Number(/(\d+)$/.exec(p.pairId)?.[1] ?? 0)), 0) + 1;
  const start = program.settings.termStart && program.settings.termStart > today ? program.settings.termStart : today;
  const fresh: Pair = {
    pairId: `P-${String(next).padStart(4, '0')}`,
    tutorId: best.tutorId,
    tuteeId: pair.tuteeId,
    subject: pair.subject,
    block: best.block,
    status: program.settings.startWithTrial ? 'Trial' : 'Active',
    locked: false,
    score: 0,
    why: `Re-matched from ${pair.pairId} (a Stalled or Trial review alert)`,
    startDate: start,
    endDate: null,
  };
  const pairs = [...reading.pairs.map((p) => (p.pairId === pairId ? { ...p, status: 'Ended' as const, endDate: today, locked: false } : p)), fresh];
  const records = pairs.map((p) => pairRecord({ ...p, tutorName: names.get(p.tutorId) ?? p.tutorId, tuteeName: names.get(p.tuteeId) ?? p.tuteeId }, store.timeZone));
  const version = recordChange(store, { label: 'Re-match a pair', tabs: [PAIRS_TAB.name], savedAt: now }, () =>
    writeTable(store, PAIRS_TAB, [...records, ...reading.teacherRowIds.map((id) => ({ 'Pair ID': id }))]),
  );
  const message = `${names.get(pair.tuteeId) ?? pair.tuteeId} now works with ${names.get(best.tutorId) ?? best.tutorId} in ${best.block} (${fresh.pairId}, ${fresh.status}); ${pair.pairId} ended. Schedule sessions to update the calendar.`;
  return { applied: true, version, endedPairId: pairId, newPairId: fresh.pairId, message };
}
