// The Calendar events of one-off sessions (help requests): which sessions still need one, and what each
// event says; and, once Calendar has them, their event IDs (and Meet links) on the Sessions tab. A
// one-off session is a single event on the program calendar, not a series: scheduling keeps its row as
// it is, so the event is made here, when the request is booked.
import type { Student } from '../../core/model';
import { addDays, instantOf, localDateOf } from '../../core/time';
import { readProgram } from '../program/roster';
import { SESSIONS_TAB } from '../program/schema';
import { readSessions } from '../scheduling/sessions-tab';
import { writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';
import { bookedOneOffs } from './help-requests';

/** One event to create, as the Calendar adapter needs it. */
export interface OneOffEvent {
  sessionId: string;
  title: string;
  description: string;
  location: string;
  /** The tutor's and tutee's emails (active students with guardian consent only). */
  guests: string[];
  start: Date;
  end: Date;
  /** Asked for online (or in an Online block): the event gets a Meet link. */
  online: boolean;
}

/** What Calendar gave a one-off session. */
export interface OneOffCreated {
  eventId: string;
  /** '' while the conference is pending (or for an in-person session). */
  meetLink: string;
}

const reachable = (student: Student | undefined) =>
  !!student && student.active && student.consent === 'Yes' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(student.email.trim());

/**
 * One-off sessions from today (in the program timezone) on that are not Cancelled and have no Calendar
 * event yet; and those of `meetPending` (a conference asked for, not ready) whose Meet link is still
 * blank (`eventId` set: only the link is missing). Reads Sessions, then the rest only when one waits.
 */
export function oneOffEventsWanted(store: TableStore, now: Date, meetPending: ReadonlySet<string>): { create: OneOffEvent[]; meetOnly: { sessionId: string; eventId: string }[] } {
  const wanted = { create: [] as OneOffEvent[], meetOnly: [] as { sessionId: string; eventId: string }[] };
  // A day's margin: the program timezone is read below, only if a session waits.
  const yesterday = addDays(localDateOf(now, store.timeZone), -1);
  // No booked help request, no one-off session: the Sessions tab (a school year of rows) is not read.
  const oneOffs = bookedOneOffs(store);
  if (!oneOffs.size) return wanted;
  const rows = readSessions(store).rows.filter(
    (row) => row.oneOff && row.status !== 'Cancelled' && row.date >= yesterday && (!row.calendarEventId || (meetPending.has(row.sessionId) && !row.meetLink)),
  );
  if (!rows.length) return wanted;
  const { program } = readProgram(store);
  const { programName, timezone } = program.settings;
  const timeZone = timezone || store.timeZone;
  const today = localDateOf(now, timeZone);
  const students = new Map(program.students.map((s) => [s.id, s] as [string, Student]));
  for (const row of rows) {
    const oneOff = oneOffs.get(row.sessionId);
    if (!oneOff || row.date < today) continue;
    if (row.calendarEventId) {
      wanted.meetOnly.push({ sessionId: row.sessionId, eventId: row.calendarEventId });
      continue;
    }
    const online = oneOff.online || row.details.location.trim().toLowerCase() === 'online';
    const tutor = students.get(oneOff.tutorId);
    const tutee = students.get(oneOff.tuteeId);
    const tutorName = tutor?.name || oneOff.tutorId;
    const tuteeName = tutee?.name || oneOff.tuteeId;
    const links = [
      row.links.tutorReflection && `Tutor's reflection after the session: ${row.links.tutorReflection}`,
      row.links.tuteeReflection && `Tutee's reflection after the session: ${row.links.tuteeReflection}`,
      row.links.exitTicket && `Tutee's exit ticket: ${row.links.exitTicket}`,
    ].filter(Boolean);
    wanted.create.push({
      sessionId: row.sessionId,
      // "Extra" keeps it apart from the pairs' series (whose resumed creation looks for its title).
      title: `${programName}: extra ${oneOff.subject} session — ${tutorName} & ${tuteeName}`,
      description: [`Subject: ${oneOff.subject}`, `Tutor: ${tutorName}`, `Tutee: ${tuteeName}`, `Session: ${row.sessionId} (a help request)`, ...(links.length ? ['', ...links] : [])].join('\n'),
      location: row.details.location,
      guests: [tutor, tutee].filter(reachable).map((s) => s!.email.trim()),
      start: instantOf(row.date, row.start, timeZone),
      end: instantOf(row.date, row.end, timeZone),
      online,
    });
  }
  return wanted;
}

/**
 * Writes each session's event ID (and Meet link, when there is one) on the Sessions tab: one write,
 * rows kept by key. False (nothing written) while the tab has a problem to fix first.
 */
export function recordOneOffEvents(store: TableStore, created: ReadonlyMap<string, OneOffCreated>): boolean {
  if (!created.size) return true;
  const reading = readSessions(store);
  if (reading.problems.length) return false;
  const records: RecordValues[] = reading.rows.map((row) => {
    const found = created.get(row.sessionId);
    const record: RecordValues = { 'Session ID': row.sessionId };
    if (found) {
      record['Calendar event ID'] = found.eventId;
      if (found.meetLink) record['Meet link'] = found.meetLink;
    }
    return record;
  });
  writeTable(store, SESSIONS_TAB, records);
  return true;
}
