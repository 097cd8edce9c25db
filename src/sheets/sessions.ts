// The Sessions tab: read back what teachers and tutors recorded (Status, attendance, notes) as
// SessionRecords, with a located problem for every cell that cannot be read, and turn records back
// into rows. Rows the add-on keeps as they are carry only their key, so writeTable leaves every cell
// of them exactly as the teacher left it (checkboxes, formatting of text, their own columns).
import { SESSION_STATUSES, type LocalDate, type Session } from '../core/model';
import type { SessionRecord } from '../core/scheduling';
import { cellText, isBlank, parseChoice, parseDate, parseTime, parseYesNo, type Parsed } from './cells';
import type { Problem } from './problems';
import { headerKey, SESSIONS_TAB } from './schema';
import { indexHeaders, readTable, type RecordValues, type TableRow } from './table';
import type { Cell, TableStore } from './table-store';

/** A Sessions row as read: the record and where it came from. */
export interface SessionRow extends SessionRecord {
  rowNumber: number;
}

export interface SessionsReading {
  rows: SessionRow[];
  problems: Problem[];
  /** False when the tab does not exist yet (nothing to keep). */
  exists: boolean;
  /** True when a column of the schema (e.g. the attendance columns) is not on the tab yet. */
  lacksColumns: boolean;
}

/** Reads Sessions; a missing tab simply means no sessions yet. */
export function readSessions(store: TableStore): SessionsReading {
  if (!store.tabNames().includes(SESSIONS_TAB.name)) return { rows: [], problems: [], exists: false, lacksColumns: true };
  const table = readTable(store, SESSIONS_TAB);
  const present = indexHeaders(table.headers);
  const lacksColumns = SESSIONS_TAB.columns.some((column) => !present.has(headerKey(column.header)));
  if (table.problems.length) return { rows: [], problems: table.problems, exists: true, lacksColumns };
  const problems: Problem[] = [];
  const rows = table.rows.map((row) => readSessionRow(row, store.timeZone, problems));
  return { rows: rows.filter((row): row is SessionRow => row !== null), problems, exists: true, lacksColumns };
}

function readSessionRow(row: TableRow, timeZone: string, problems: Problem[]): SessionRow | null {
  const before = problems.length;
  const report = (column: string, message: string) =>
    problems.push({ tab: SESSIONS_TAB.name, row: row.rowNumber, column, columnIndex: row.columnOf(column), message });
  const parse = <T>(column: string, parsed: Parsed<T>, fallback: T): T => {
    if (parsed.ok) return parsed.value;
    report(column, parsed.message);
    return fallback;
  };
  const attendance = (column: string): boolean | null =>
    isBlank(row.get(column)) ? null : parse(column, parseYesNo(row.get(column)), null);
  const required = (column: string): string => {
    const text = cellText(row.get(column));
    if (text === '') report(column, 'is empty: a session needs it (delete the row if the session is not wanted)');
    return text;
  };
  const record: SessionRow = {
    rowNumber: row.rowNumber,
    sessionId: required('Session ID'),
    pairId: required('Pair ID'),
    date: parse('Date', parseDate(row.get('Date'), timeZone), ''),
    start: parse('Start', parseTime(row.get('Start'), timeZone), ''),
    end: parse('End', parseTime(row.get('End'), timeZone), ''),
    block: cellText(row.get('Block')),
    // A blank Status is what a new row looks like before anyone touched it.
    status: isBlank(row.get('Status')) ? 'Scheduled' : parse('Status', parseChoice(row.get('Status'), SESSION_STATUSES), 'Scheduled'),
    calendarEventId: cellText(row.get('Calendar event ID')),
    tutorPresent: attendance('Tutor present'),
    tuteePresent: attendance('Tutee present'),
    notes: cellText(row.get('Notes')),
  };
  return problems.length === before ? record : null;
}

function yesNo(value: boolean | null): Cell {
  return value === null ? '' : value ? 'Yes' : 'No';
}

/** Every column of a session as the add-on writes it: Date a date cell, Start and End `HH:MM` text. */
export function sessionRecord(session: SessionRecord, toDateCell: (date: LocalDate) => Date): RecordValues {
  return {
    'Session ID': session.sessionId,
    'Pair ID': session.pairId,
    Date: toDateCell(session.date),
    Start: session.start,
    End: session.end,
    Block: session.block,
    Status: session.status,
    'Calendar event ID': session.calendarEventId,
    'Tutor present': yesNo(session.tutorPresent),
    'Tutee present': yesNo(session.tuteePresent),
    Notes: session.notes,
  };
}

/** A row kept as it stands: only its key (and a new Calendar event ID, when it has one). */
export function keptSessionRecord(session: Session, eventId: string | null): RecordValues {
  const record: RecordValues = { 'Session ID': session.sessionId };
  if (eventId !== null && eventId !== session.calendarEventId) record['Calendar event ID'] = eventId;
  return record;
}
