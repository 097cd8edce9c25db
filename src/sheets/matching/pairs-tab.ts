// The Pairs and Waitlist tabs: read back what teachers may have edited (Status, Locked) and write a
// new matching while keeping history rows, locked rows and teacher columns.
import { PAIR_STATUSES, type LocalDate, type Pair, type WaitlistEntry } from '../../core/model';
import { cellText, dateCell, isBlank, parseChoice, parseDate, parseYesNo, quote, yesNo } from '../store/cells';
import type { Problem } from '../program/problems';
import { PAIRS_TAB, WAITLIST_TAB } from '../program/schema';
import { RowReader } from '../store/row-reader';
import { readTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface PairsReading {
  pairs: Pair[];
  problems: Problem[];
  /**
   * Pair IDs of rows that are not pairs (no Tutor ID, no Tutee ID: a teacher's own, like a Total row),
   * written back by their key so they stay exactly as they are; rows without a Pair ID stay anyway.
   */
  teacherRowIds: string[];
}

const PAIR_NEEDS_IT = 'is empty: a pair needs it (delete the row if the pair is not wanted)';

function readPair(reader: RowReader, timeZone: string): Pair {
  const date = (column: string) => reader.parseOptional(column, (cell) => parseDate(cell, timeZone), null);
  return {
    pairId: reader.required('Pair ID', PAIR_NEEDS_IT),
    tutorId: reader.required('Tutor ID', PAIR_NEEDS_IT),
    tuteeId: reader.required('Tutee ID', PAIR_NEEDS_IT),
    subject: reader.required('Subject', PAIR_NEEDS_IT),
    block: reader.text('Block'),
    status: reader.parse('Status', (cell) => parseChoice(cell, PAIR_STATUSES), 'Proposed'),
    locked: reader.parseOptional('Locked', parseYesNo, false),
    score: Number(reader.cell('Score')) || 0,
    why: reader.text('Why'),
    startDate: date('Start date'),
    endDate: date('End date'),
  };
}

/** Reads Pairs; a missing Pairs tab simply means no pairs yet. */
export function readPairs(store: TableStore): PairsReading {
  if (!store.tabNames().includes(PAIRS_TAB.name)) return { pairs: [], problems: [], teacherRowIds: [] };
  const table = readTable(store, PAIRS_TAB);
  const problems = [...table.problems];
  if (problems.length) return { pairs: [], problems, teacherRowIds: [] };
  const pairs: Pair[] = [];
  const teacherRowIds: string[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (isBlank(row.get('Tutor ID')) && isBlank(row.get('Tutee ID'))) {
      const id = cellText(row.get('Pair ID'));
      if (id) teacherRowIds.push(id);
      continue;
    }
    const reader = new RowReader(PAIRS_TAB.name, row);
    const pair = readPair(reader, store.timeZone);
    problems.push(...reader.problems);
    // A pair whose cells cannot all be read is left out (and reported) rather than guessed.
    if (reader.problems.length) continue;
    const earlier = seen.get(pair.pairId);
    if (earlier !== undefined) {
      problems.push({
        tab: PAIRS_TAB.name,
        row: row.rowNumber,
        column: 'Pair ID',
        columnIndex: row.columnOf('Pair ID'),
        message: `${quote(pair.pairId)} is the same Pair ID as row ${earlier}: each Pair ID must be unique`,
      });
      continue;
    }
    seen.set(pair.pairId, row.rowNumber);
    pairs.push(pair);
  }
  return { pairs, problems, teacherRowIds };
}

/**
 * A pair that is not Ended must name students on the Students tab (`rosterIds`: every ID there, rows
 * with problems included); otherwise nothing can be decided about it, so it is a located problem.
 */
export function unknownStudentProblems(store: TableStore, pairs: Pair[], rosterIds: ReadonlySet<string>): Problem[] {
  if (!pairs.some((pair) => pair.status !== 'Ended' && (!rosterIds.has(pair.tutorId) || !rosterIds.has(pair.tuteeId)))) return [];
  const table = readTable(store, PAIRS_TAB);
  const problems: Problem[] = [];
  for (const row of table.rows) {
    if (cellText(row.get('Status')).toLowerCase() === 'ended') continue;
    for (const column of ['Tutor ID', 'Tutee ID']) {
      const id = cellText(row.get(column));
      if (id === '' || rosterIds.has(id)) continue;
      problems.push({
        tab: PAIRS_TAB.name,
        row: row.rowNumber,
        column,
        columnIndex: row.columnOf(column),
        message: `${quote(id)} is not a Student ID on the Students tab: add the student back, or set this pair's Status to Ended`,
      });
    }
  }
  return problems;
}

/** The date each (student, subject) was first waitlisted, so re-matching keeps "Since". */
export function readWaitlistSince(store: TableStore): Map<string, LocalDate> {
  const since = new Map<string, LocalDate>();
  if (!store.tabNames().includes(WAITLIST_TAB.name)) return since;
  for (const row of readTable(store, WAITLIST_TAB).rows) {
    const date = parseDate(row.get('Since'), store.timeZone);
    if (date.ok) since.set(waitlistKey(cellText(row.get('Student ID')), cellText(row.get('Subject'))), date.value);
  }
  return since;
}

export function waitlistKey(studentId: string, subject: string): string {
  return `${studentId.toLowerCase()}\u0000${subject.trim().toLowerCase()}`;
}

export interface NamedPair extends Pair {
  tutorName: string;
  tuteeName: string;
}

export function pairRecord(pair: NamedPair, timeZone: string): RecordValues {
  return {
    'Pair ID': pair.pairId,
    'Tutor ID': pair.tutorId,
    Tutor: pair.tutorName,
    'Tutee ID': pair.tuteeId,
    Tutee: pair.tuteeName,
    Subject: pair.subject,
    Block: pair.block,
    Status: pair.status,
    Locked: yesNo(pair.locked),
    Score: pair.score,
    Why: pair.why,
    'Start date': dateCell(pair.startDate, timeZone),
    'End date': dateCell(pair.endDate, timeZone),
  };
}

export function waitlistRecord(entry: WaitlistEntry & { name: string }, timeZone: string): RecordValues {
  return {
    'Student ID': entry.studentId,
    Name: entry.name,
    Subject: entry.subject,
    Reason: entry.reason,
    Since: dateCell(entry.since, timeZone),
  };
}

export interface PairsAwaitingStart {
  /** Pairs written by matching that no one has started yet. */
  proposed: { pairId: string; tutorName: string; tuteeName: string; subject: string; block: string }[];
  /** Pairs on trial, to confirm (Active) or end. */
  trial: { pairId: string; tutorName: string; tuteeName: string; subject: string; block: string }[];
  /** The status a started pair gets (Settings: New pairs start as trial). */
  startsAs: 'Trial' | 'Active';
}

/** What waits for the teacher on the Pairs tab: Proposed pairs to start, Trial pairs to confirm. */
export function pairsAwaitingStart(store: TableStore, names: ReadonlyMap<string, string>, startWithTrial: boolean): PairsAwaitingStart {
  const { pairs } = readPairs(store);
  const view = (pair: Pair) => ({
    pairId: pair.pairId,
    tutorName: names.get(pair.tutorId) ?? pair.tutorId,
    tuteeName: names.get(pair.tuteeId) ?? pair.tuteeId,
    subject: pair.subject,
    block: pair.block,
  });
  return {
    proposed: pairs.filter((pair) => pair.status === 'Proposed').map(view),
    trial: pairs.filter((pair) => pair.status === 'Trial').map(view),
    startsAs: startWithTrial ? 'Trial' : 'Active',
  };
}
