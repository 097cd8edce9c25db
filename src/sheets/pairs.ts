// The Pairs and Waitlist tabs: read back what teachers may have edited (Status, Locked) and write a
// new matching while keeping history rows, locked rows and teacher columns.
import { PAIR_STATUSES, type LocalDate, type Pair, type WaitlistEntry } from '../core/model';
import { cellText, isBlank, parseChoice, parseDate, parseYesNo, quote } from './cells';
import type { Problem } from './problems';
import { PAIRS_TAB, WAITLIST_TAB } from './schema';
import { readTable, type RecordValues, type TableRow } from './table';
import type { TableStore } from './table-store';

export interface PairsReading {
  pairs: Pair[];
  problems: Problem[];
}

function readPair(row: TableRow, timeZone: string, problems: Problem[]): Pair | null {
  const report = (column: string, message: string) =>
    problems.push({ tab: PAIRS_TAB.name, row: row.rowNumber, column, columnIndex: row.columnOf(column), message });
  const status = parseChoice(row.get('Status'), PAIR_STATUSES);
  const locked = isBlank(row.get('Locked')) ? { ok: true as const, value: false } : parseYesNo(row.get('Locked'));
  const date = (column: string): LocalDate | null => {
    if (isBlank(row.get(column))) return null;
    const parsed = parseDate(row.get(column), timeZone);
    if (parsed.ok) return parsed.value;
    report(column, parsed.message);
    return null;
  };
  if (!status.ok) report('Status', status.message);
  if (!locked.ok) report('Locked', locked.message);
  const pair: Pair = {
    pairId: cellText(row.get('Pair ID')),
    tutorId: cellText(row.get('Tutor ID')),
    tuteeId: cellText(row.get('Tutee ID')),
    subject: cellText(row.get('Subject')),
    block: cellText(row.get('Block')),
    status: status.ok ? status.value : 'Proposed',
    locked: locked.ok && locked.value,
    score: Number(row.get('Score')) || 0,
    why: cellText(row.get('Why')),
    startDate: date('Start date'),
    endDate: date('End date'),
  };
  for (const column of ['Pair ID', 'Tutor ID', 'Tutee ID', 'Subject'] as const) {
    if (isBlank(row.get(column))) report(column, 'is empty: a pair needs it (delete the row if the pair is not wanted)');
  }
  return status.ok && locked.ok && pair.pairId && pair.tutorId && pair.tuteeId && pair.subject ? pair : null;
}

/** Reads Pairs; a missing Pairs tab simply means no pairs yet. */
export function readPairs(store: TableStore): PairsReading {
  if (!store.tabNames().includes(PAIRS_TAB.name)) return { pairs: [], problems: [] };
  const table = readTable(store, PAIRS_TAB);
  const problems = [...table.problems];
  if (problems.length) return { pairs: [], problems };
  const pairs: Pair[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const pair = readPair(row, store.timeZone, problems);
    if (!pair) continue;
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
  return { pairs, problems };
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

export function pairRecord(pair: NamedPair, toDateCell: (date: LocalDate) => Date): RecordValues {
  return {
    'Pair ID': pair.pairId,
    'Tutor ID': pair.tutorId,
    Tutor: pair.tutorName,
    'Tutee ID': pair.tuteeId,
    Tutee: pair.tuteeName,
    Subject: pair.subject,
    Block: pair.block,
    Status: pair.status,
    Locked: pair.locked ? 'Yes' : 'No',
    Score: pair.score,
    Why: pair.why,
    'Start date': pair.startDate ? toDateCell(pair.startDate) : '',
    'End date': pair.endDate ? toDateCell(pair.endDate) : '',
  };
}

export function waitlistRecord(entry: WaitlistEntry & { name: string }, toDateCell: (date: LocalDate) => Date): RecordValues {
  return {
    'Student ID': entry.studentId,
    Name: entry.name,
    Subject: entry.subject,
    Reason: entry.reason,
    Since: toDateCell(entry.since),
  };
}
