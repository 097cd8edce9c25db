// Help requests, filed from the Help request form like the other responses (once each, by Response
// ID): the matcher picks the tutor, the one-off session goes on the Sessions tab (One-off: Help request,
// kept by scheduling), the request on the Help requests tab; a request no one can take is an alert with
// the reason, at once. The emails to the tutor and the tutee are sent by the caller (the mail service).
import { feasibleTutorsFinder, type MatchResult, type ProposedPair } from '../../core/matching';
import { HELP_REQUEST, HELP_WHEN, type HelpWhen } from '../../core/forms/questions';
import type { RawResponse } from '../../core/forms/responses';
import type { Alert } from '../../core/progress/alerts';
import { bookHelp, type HelpCandidate } from '../../core/sessions/help';
import { compactDate } from '../../core/scheduling';
import { localDateOf, wallTimeOf } from '../../core/time';
import type { Pair, Student } from '../../core/model';
import { cellText, dateCell } from '../cells';
import type { Program } from '../roster';
import { HELP_REQUESTS_TAB, SESSIONS_TAB } from '../schema';
import type { SessionRow } from '../sessions';
import { appendRecords, readLogColumn, readTable, writeTable, type RecordValues } from '../table';
import type { TableStore } from '../table-store';
import { raiseAlertsNow } from './concerns';

export interface HelpBookingReport {
  responseId: string;
  tutee: Student;
  tutor: Student;
  subject: string;
  sessionId: string;
  date: string;
  start: string;
  end: string;
  location: string;
  online: boolean;
}

export interface HelpReport {
  booked: HelpBookingReport[];
  /** Requests no one could take (each now an open alert), by student name and reason. */
  unplaced: { studentId: string; reason: string }[];
}

interface Incoming {
  response: RawResponse;
  responseId: string;
}

/** Files the help requests not filed before; one append to each of Sessions and Help requests, alerts at once. */
export function fileHelpRequests(store: TableStore, incoming: readonly Incoming[], program: Program, pairs: readonly Pair[], sessions: readonly SessionRow[], now: Date, known?: ReadonlyMap<string, OneOff>): HelpReport {
  const report: HelpReport = { booked: [], unplaced: [] };
  if (!incoming.length) return report;
  const log = readLogColumn(store, HELP_REQUESTS_TAB, 'Response ID');
  const filed = new Set(log.keys.map(cellText));
  const fresh = incoming.filter((item) => !filed.has(item.responseId) && filed.add(item.responseId));
  if (!fresh.length) return report;
  const timeZone = program.settings.timezone || store.timeZone;
  const students = new Map(program.students.map((s) => [s.id, s] as [string, Student]));
  const candidatesOf = candidateFinder(program, pairs);
  const taken = busyFinder(sessions, pairs, known ?? bookedOneOffs(store));
  // One-off "pairs" are numbered after the highest on the Sessions tab (rows a teacher deleted never reuse a number).
  let number = Math.max(0, ...sessions.map((s) => Number(/^H-(\d+)$/.exec(s.pairId)?.[1] ?? 0)));
  const logRows: RecordValues[] = [];
  const sessionRows: RecordValues[] = [];
  const alerts: Alert[] = [];
  for (const { response, responseId } of fresh) {
    const answer = (title: string) => (response.answers[title] ?? '').trim();
    const studentId = answer(HELP_REQUEST.studentId);
    const subject = answer(HELP_REQUEST.subject);
    const when: HelpWhen = answer(HELP_REQUEST.when).toLowerCase() === 'today' ? 'Today' : HELP_WHEN[1];
    const online = answer(HELP_REQUEST.online).toLowerCase() === 'yes';
    const row: RecordValues = { 'Response ID': responseId, Submitted: response.submitted, 'Student ID': studentId, Subject: subject, Need: answer(HELP_REQUEST.skill), When: when, Online: online ? 'Yes' : 'No' };
    const tutee = students.get(studentId);
    const refusal = !tutee ? `"${studentId}" is not a Student ID on the Students tab` : !tutee.active ? 'the student is not active' : tutee.consent !== 'Yes' ? `guardian consent is ${tutee.consent}` : null;
    const booking = refusal
      ? { booked: false as const, reason: refusal }
      : bookHelp(studentId, candidatesOf(studentId, subject, online), windowOf(program, now, timeZone, when), taken.busy);
    if (!booking.booked || !tutee) {
      const reason = booking.booked ? '' : booking.reason;
      logRows.push({ ...row, Status: 'No tutor', Reason: reason });
      alerts.push(helpAlert(responseId, studentId, subject, when, reason, tutee?.name ?? studentId));
      report.unplaced.push({ studentId, reason });
      continue;
    }
    const pairId = `H-${String(++number).padStart(4, '0')}`;
    const sessionId = `${pairId}-${compactDate(booking.date)}`;
    const tutor = students.get(booking.tutorId)!;
    taken.add(tutor.id, booking.date, booking.block.name);
    taken.add(tutee.id, booking.date, booking.block.name);
    sessionRows.push({
      'Session ID': sessionId,
      'Pair ID': pairId,
      Tutor: tutor.name,
      Tutee: tutee.name,
      Subject: subject,
      Location: booking.block.location,
      Date: dateCell(booking.date, store.timeZone),
      Start: booking.block.start,
      End: booking.block.end,
      Block: booking.block.name,
      Status: 'Scheduled',
      'One-off': 'Help request',
    });
    logRows.push({ ...row, Status: 'Booked', 'Session ID': sessionId, 'Tutor ID': tutor.id, Reason: booking.why });
    report.booked.push({ responseId, tutee, tutor, subject, sessionId, date: booking.date, start: booking.block.start, end: booking.block.end, location: booking.block.location, online });
  }
  appendOrWrite(store, SESSIONS_TAB, 'Session ID', sessionRows);
  appendOrWrite(store, HELP_REQUESTS_TAB, 'Response ID', logRows);
  raiseAlertsNow(store, alerts, new Map(program.students.map((s) => [s.id, s.name] as [string, string])), localDateOf(now, timeZone));
  return report;
}

/** The Help request alert of a request no one could take (also derived again by Refresh, by the same key). */
export function helpAlert(responseId: string, studentId: string, subject: string, when: string, reason: string, name: string): Alert {
  return {
    key: ['Help request', studentId, '', responseId].join('|'),
    kind: 'Help request',
    studentId,
    pairId: '',
    detail: `${name} asked for help in ${subject} (${when.toLowerCase()}), and no tutor could be booked: ${reason}`,
    action: 'Find a tutor by hand (or ask the student what else works), then mark the request Handled on the Help requests tab',
  };
}

/** The matcher's tutors for the tutee's need, best first, in blocks whose place suits the request. */
function candidateFinder(program: Program, pairs: readonly Pair[]): (tuteeId: string, subject: string, online: boolean) => HelpCandidate[] {
  const running = pairs.filter((pair) => pair.status === 'Active' || pair.status === 'Trial');
  const current: MatchResult = {
    pairs: running.map((pair): ProposedPair => ({ ...pair, locked: false, existingPairId: pair.pairId })),
    waitlist: [],
    // Only the pairs matter to feasibleTutors; these totals prove nothing.
    totals: { needs: 0, placed: running.length, tutorsUsed: 0, averageLoad: 0, totalScore: 0, proof: { optimal: false, morePlaceable: 0, scoreGapPercent: 0 } },
  };
  const find = feasibleTutorsFinder({ students: program.students, blocks: program.blocks, settings: program.settings, pairs: [...pairs] });
  const blocks = new Map(program.blocks.map((block) => [block.name, block]));
  return (tuteeId, subject, online) =>
    find(tuteeId, subject, current)
      .sort((a, b) => b.score - a.score)
      .flatMap((option) => {
        const block = blocks.get(option.block);
        // A student who asked for an in-person session is not sent online.
        if (!block || (!online && block.location.trim().toLowerCase() === 'online')) return [];
        return [{ tutorId: option.tutorId, block, why: option.why }];
      });
}

/** The two students and the subject of a one-off session (as its Help requests row records them). */
export interface OneOff {
  tutorId: string;
  tuteeId: string;
  subject: string;
  /** The student asked for an online session. */
  online: boolean;
}

/** Tutor, tutee and subject of each one-off session booked before, by Session ID (from the Help requests tab). */
export function bookedOneOffs(store: TableStore): Map<string, OneOff> {
  const booked = new Map<string, OneOff>();
  if (!store.tabNames().includes(HELP_REQUESTS_TAB.name)) return booked;
  for (const row of readTable(store, HELP_REQUESTS_TAB).rows) {
    const sessionId = cellText(row.get('Session ID'));
    if (sessionId) booked.set(sessionId, { tutorId: cellText(row.get('Tutor ID')), tuteeId: cellText(row.get('Student ID')), subject: cellText(row.get('Subject')), online: cellText(row.get('Online')).toLowerCase() === 'yes' });
  }
  return booked;
}

/** Who already meets when: every session on the Sessions tab (weekly and one-off), and the bookings of this run. */
function busyFinder(sessions: readonly SessionRow[], pairs: readonly Pair[], oneOffs: ReadonlyMap<string, { tutorId: string; tuteeId: string }>) {
  const pairById = new Map(pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  const names = new Set<string>();
  const key = (studentId: string, date: string, block: string) => `${studentId}\u0000${date}\u0000${block}`;
  const add = (studentId: string, date: string, block: string) => names.add(key(studentId, date, block));
  for (const session of sessions) {
    const pair = pairById.get(session.pairId) ?? oneOffs.get(session.sessionId);
    if (!pair || session.status === 'Cancelled') continue;
    add(pair.tutorId, session.date, session.block);
    add(pair.tuteeId, session.date, session.block);
  }
  return { add, busy: (studentId: string, date: string, block: string) => names.has(key(studentId, date, block)) };
}

function windowOf(program: Program, now: Date, timeZone: string, when: HelpWhen) {
  const { termStart, termEnd, noSchoolDates } = program.settings;
  return { today: localDateOf(now, timeZone), now: wallTimeOf(now, timeZone), when, termStart, termEnd, noSchoolDates };
}

function appendOrWrite(store: TableStore, spec: typeof SESSIONS_TAB, keyHeader: string, records: RecordValues[]): void {
  if (!records.length) return;
  const log = readLogColumn(store, spec, keyHeader);
  if (log.complete) appendRecords(store, spec.name, log.headers, records);
  else writeTable(store, spec, [...log.keys.map(cellText).filter(Boolean).map((key) => ({ [keyHeader]: key })), ...records]);
}

/** What the Help requests tab says for Refresh: the alerts still open (No tutor, not Handled) and the counts. */
export function helpRequestsState(store: TableStore, names: ReadonlyMap<string, string>): { alerts: Alert[]; booked: number; unplaced: number } {
  const state = { alerts: [] as Alert[], booked: 0, unplaced: 0 };
  if (!store.tabNames().includes(HELP_REQUESTS_TAB.name)) return state;
  for (const row of readTable(store, HELP_REQUESTS_TAB).rows) {
    const status = cellText(row.get('Status')).toLowerCase();
    if (status === 'booked') state.booked++;
    if (status !== 'no tutor') continue;
    state.unplaced++;
    const studentId = cellText(row.get('Student ID'));
    state.alerts.push(helpAlert(cellText(row.get('Response ID')), studentId, cellText(row.get('Subject')), cellText(row.get('When')), cellText(row.get('Reason')), names.get(studentId) ?? studentId));
  }
  return state;
}
