// The Sessions tab: read back what teachers and tutors recorded (Status, attendance, notes) as
// SessionRecords, with a located problem for every cell that cannot be read, and turn records back
// into rows. Rows the add-on keeps as they are carry only their key, so writeTable leaves every cell
// of them exactly as the teacher left it (checkboxes, formatting of text, their own columns).
import { SESSION_STATUSES, type Session } from '../../core/model';
import type { SessionLinks } from '../../core/forms/links';
import type { SessionRecord } from '../../core/scheduling';
import { dateCell, isBlank, parseChoice, parseDate, parseTime, parseYesNo, yesNo } from '../store/cells';
import type { Problem } from '../program/problems';
import { headerKey, SESSIONS_TAB } from '../program/schema';
import { RowReader } from '../store/row-reader';
import { indexHeaders, readTable, type RecordValues, type TableRow } from '../store/table';
import type { TableStore } from '../store/table-store';

/** Who meets, in what and where: written beside the Pair ID so attendance can be taken from the tab. */
export interface SessionDetails {
  tutor: string;
  tutee: string;
  subject: string;
  location: string;
}

const DETAIL_HEADERS: Record<keyof SessionDetails, string> = { tutor: 'Tutor', tutee: 'Tutee', subject: 'Subject', location: 'Location' };

/** A Sessions row as read: the record, its details and form links as they stand, and where it came from. */
export interface SessionRow extends SessionRecord {
  rowNumber: number;
  /** Student ID of the substitute tutor for this session ('' when none). */
  substitute: string;
  details: SessionDetails;
  links: SessionLinks;
  /** The `Agenda` cell as it stands (see sessions/agendas). */
  agenda?: string;
  /** The `Meet link` cell (online blocks). */
  meetLink?: string;
  /** A one-off session (a help request): not planned from a pair, kept as it is by scheduling. */
  oneOff?: boolean;
}

/** The Sessions columns of a session's prefilled form links. */
export const LINK_HEADERS: Record<keyof SessionLinks, string> = {
  tutorReflection: 'Tutor reflection',
  tuteeReflection: 'Tutee reflection',
  exitTicket: 'Exit ticket',
};

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
  const rows: SessionRow[] = [];
  for (const row of table.rows) {
    if (isTeachersOwnRow(row)) continue;
    const reader = new RowReader(SESSIONS_TAB.name, row);
    const session = readSessionRow(reader, store.timeZone);
    problems.push(...reader.problems);
    if (reader.problems.length === 0) rows.push(session);
  }
  return { rows, problems, exists: true, lacksColumns };
}

/** A row with no Session ID, Pair ID or Date is the teacher's own (a total, a prepared formula): not a session. */
function isTeachersOwnRow(row: TableRow): boolean {
  return ['Session ID', 'Pair ID', 'Date'].every((header) => isBlank(row.get(header)));
}

const SESSION_NEEDS_IT = 'is empty: a session needs it (delete the row if the session is not wanted)';

function readSessionRow(reader: RowReader, timeZone: string): SessionRow {
  const attendance = (column: string) => reader.parseOptional(column, parseYesNo, null);
  return {
    rowNumber: reader.row.rowNumber,
    sessionId: reader.required('Session ID', SESSION_NEEDS_IT),
    pairId: reader.required('Pair ID', SESSION_NEEDS_IT),
    date: reader.parse('Date', (cell) => parseDate(cell, timeZone), ''),
    start: reader.parse('Start', (cell) => parseTime(cell, timeZone), ''),
    end: reader.parse('End', (cell) => parseTime(cell, timeZone), ''),
    block: reader.text('Block'),
    // A blank Status is what a new row looks like before anyone touched it.
    status: reader.parseOptional('Status', (cell) => parseChoice(cell, SESSION_STATUSES), 'Scheduled'),
    calendarEventId: reader.text('Calendar event ID'),
    tutorPresent: attendance('Tutor present'),
    tuteePresent: attendance('Tutee present'),
    notes: reader.text('Notes'),
    substitute: reader.text('Substitute'),
    details: { tutor: reader.text('Tutor'), tutee: reader.text('Tutee'), subject: reader.text('Subject'), location: reader.text('Location') },
    links: {
      tutorReflection: reader.text(LINK_HEADERS.tutorReflection),
      tuteeReflection: reader.text(LINK_HEADERS.tuteeReflection),
      exitTicket: reader.text(LINK_HEADERS.exitTicket),
    },
    agenda: reader.text('Agenda'),
    meetLink: reader.text('Meet link'),
    oneOff: reader.text('One-off') !== '',
  };
}

/** Every column of a session as the add-on writes it: Date a date cell, Start and End `HH:MM` text. */
export function sessionRecord(session: SessionRecord, timeZone: string, details: SessionDetails | null = null, links: SessionLinks | null = null): RecordValues {
  return {
    'Session ID': session.sessionId,
    'Pair ID': session.pairId,
    ...(details ? detailValues(details) : {}),
    ...(links ? linkValues(links) : {}),
    Date: dateCell(session.date, timeZone),
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

/**
 * A row kept as it stands: only its key, a new Calendar event ID when it has one, and the details
 * that `detailUpdates` says change.
 */
export function keptSessionRecord(session: Session, eventId: string | null, details: Partial<SessionDetails> = {}, links: Partial<SessionLinks> = {}): RecordValues {
  const record: RecordValues = { 'Session ID': session.sessionId, ...detailValues(details), ...linkValues(links) };
  if (eventId !== null && eventId !== session.calendarEventId) record['Calendar event ID'] = eventId;
  return record;
}

/**
 * The details of a row to rewrite: those that differ from `wanted`. A past session (dated today or
 * earlier) only has blank details filled: what it recorded then (its place, say) is history.
 */
export function detailUpdates(row: SessionRow, wanted: SessionDetails | null, past: boolean): Partial<SessionDetails> {
  const updates: Partial<SessionDetails> = {};
  if (!wanted) return updates;
  for (const field of Object.keys(DETAIL_HEADERS) as (keyof SessionDetails)[]) {
    const current = row.details[field];
    if (wanted[field] !== '' && current !== wanted[field] && (!past || current === '')) updates[field] = wanted[field];
  }
  return updates;
}

/** The links of a row to rewrite: those that differ from `wanted` (null: the row's links are left as they are). */
export function linkUpdates(row: Pick<SessionRow, 'links'>, wanted: SessionLinks | null): Partial<SessionLinks> {
  const updates: Partial<SessionLinks> = {};
  if (!wanted) return updates;
  for (const field of Object.keys(LINK_HEADERS) as (keyof SessionLinks)[]) {
    if (row.links[field] !== wanted[field]) updates[field] = wanted[field];
  }
  return updates;
}

function linkValues(links: Partial<SessionLinks>): RecordValues {
  const values: RecordValues = {};
  for (const [field, value] of Object.entries(links)) values[LINK_HEADERS[field as keyof SessionLinks]] = value;
  return values;
}

function detailValues(details: Partial<SessionDetails>): RecordValues {
  const values: RecordValues = {};
  for (const [field, value] of Object.entries(details)) values[DETAIL_HEADERS[field as keyof SessionDetails]] = value;
  return values;
}
