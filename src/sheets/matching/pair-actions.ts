// What a teacher does to pairs after matching: start Proposed pairs (as Trial or Active, as Settings
// say), confirm a Trial pair (Active), or end a pair so its tutee is matched again. Each action is one
// write of the Pairs tab and one undoable version.
import type { LocalDate, Pair, PairStatus } from '../../core/model';
import { recordChange } from '../program/history';
import { pairRecord, readPairs } from './pairs-tab';
import { ProgramDataError } from '../program/problems';
import { readProgram } from '../program/roster';
import { PAIRS_TAB } from '../program/schema';
import { writeTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export type PairAction = 'start' | 'confirm' | 'end';

/** The statuses each action applies to. */
const FROM: Record<PairAction, PairStatus[]> = {
  start: ['Proposed'],
  confirm: ['Trial'],
  end: ['Proposed', 'Trial', 'Active', 'Paused'],
};

const LABEL: Record<PairAction, string> = { start: 'Start pairs', confirm: 'Confirm trial pairs', end: 'End pairs' };

export interface PairActionReport {
  version: number | null;
  changed: { pairId: string; status: PairStatus }[];
  /** Pair IDs asked for that the action does not apply to, with why. */
  skipped: { pairId: string; reason: string }[];
}

/**
 * Applies `action` to the pairs named (or, with `'all'`, to every pair it applies to). Rows keep
 * everything else: the teacher's columns and rows, locks, notes.
 */
export function changePairs(store: TableStore, action: PairAction, pairIds: string[] | 'all', today: LocalDate, now: Date): PairActionReport {
  const reading = readPairs(store);
  if (reading.problems.length) throw new ProgramDataError(reading.problems);
  const { settings, students } = readProgram(store).program;
  const names = new Map(students.map((student) => [student.id, student.name] as [string, string]));
  const wanted = pairIds === 'all' ? null : new Set(pairIds);
  const skipped = pairIds === 'all' ? [] : skippedIds(reading.pairs, pairIds, action);
  const target: PairStatus = action === 'end' ? 'Ended' : action === 'confirm' || !settings.startWithTrial ? 'Active' : 'Trial';
  const start = settings.termStart && settings.termStart > today ? settings.termStart : today;
  const changed: PairActionReport['changed'] = [];
  const pairs = reading.pairs.map((pair): Pair => {
    if (!FROM[action].includes(pair.status) || (wanted && !wanted.has(pair.pairId))) return pair;
    changed.push({ pairId: pair.pairId, status: target });
    if (action === 'end') return { ...pair, status: target, endDate: today, locked: false };
    return { ...pair, status: target, startDate: action === 'start' ? start : pair.startDate };
  });
  if (!changed.length) return { version: null, changed, skipped };
  const records = pairs.map((pair) => pairRecord({ ...pair, tutorName: names.get(pair.tutorId) ?? pair.tutorId, tuteeName: names.get(pair.tuteeId) ?? pair.tuteeId }, store.timeZone));
  const version = recordChange(store, { label: LABEL[action], tabs: [PAIRS_TAB.name], savedAt: now }, () =>
    writeTable(store, PAIRS_TAB, [...records, ...reading.teacherRowIds.map((id) => ({ 'Pair ID': id }))]),
  );
  return { version, changed, skipped };
}

function skippedIds(pairs: Pair[], pairIds: string[], action: PairAction): PairActionReport['skipped'] {
  return pairIds.flatMap((pairId) => {
    const pair = pairs.find((p) => p.pairId === pairId);
    if (!pair) return [{ pairId, reason: 'no such Pair ID on the Pairs tab' }];
    if (!FROM[action].includes(pair.status)) return [{ pairId, reason: `its Status is ${pair.status}` }];
    return [];
  });
}
