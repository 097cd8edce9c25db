// Requests to talk to a teacher, from reflections: shown at the top of the sidebar until the teacher
// marks them handled (the Reflections tab's Handled column). Only teachers see them.
import { localDateOf, wallTimeOf } from '../../core/time';
import { cellText, yesNo } from '../store/cells';
import type { TalkRequest } from './filing-service';
import { readProgram } from '../program/roster';
import { REFLECTIONS_TAB } from '../program/schema';
import { readTable, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface OpenTalkRequest {
  responseId: string;
  studentId: string;
  studentName: string;
  role: string;
  sessionId: string;
  /** ISO instant (a Date cannot cross google.script.run). */
  submitted: string;
  whatWasHard: string;
  /** "Something in this session worried me": urgent, with what worried them (only teachers see this). */
  concern: boolean;
  worry: string;
}

/** Every reflection that asks to talk to a teacher and is not marked handled, newest first. */
export function openTalkRequests(store: TableStore): OpenTalkRequest[] {
  if (!store.tabNames().includes(REFLECTIONS_TAB.name)) return [];
  const names = new Map(readProgram(store).program.students.map((student) => [student.id, student.name] as [string, string]));
  const requests: OpenTalkRequest[] = [];
  for (const row of readTable(store, REFLECTIONS_TAB).rows) {
    const asks = cellText(row.get('Talk to a teacher')).toLowerCase() === 'yes';
    const concern = cellText(row.get('Something worried me')).toLowerCase() === 'yes';
    if ((!asks && !concern) || cellText(row.get('Handled')).toLowerCase() === 'yes') continue;
    const submitted = row.get('Submitted');
    const studentId = cellText(row.get('Student ID'));
    requests.push({
      responseId: cellText(row.get('Response ID')),
      studentId,
      studentName: names.get(studentId) ?? studentId,
      role: cellText(row.get('Role')),
      sessionId: cellText(row.get('Session ID')),
      submitted: submitted instanceof Date ? submitted.toISOString() : cellText(submitted),
      whatWasHard: cellText(row.get('What was hard')),
      concern,
      worry: cellText(row.get('What worried them')),
    });
  }
  // Concerns first (urgent), then newest first.
  return requests.sort((a, b) => Number(b.concern) - Number(a.concern) || (a.submitted < b.submitted ? 1 : a.submitted > b.submitted ? -1 : 0));
}

/** Marks one request handled; false when no such request is open. */
export function markTalkHandled(store: TableStore, responseId: string): boolean {
  if (!openTalkRequests(store).some((request) => request.responseId === responseId)) return false;
  const table = readTable(store, REFLECTIONS_TAB);
  const records = table.rows
    .filter((row) => cellText(row.get('Response ID')) !== '')
    .map((row): RecordValues => {
      const id = cellText(row.get('Response ID'));
      return id === responseId ? { 'Response ID': id, Handled: yesNo(true) } : { 'Response ID': id };
    });
  writeTable(store, REFLECTIONS_TAB, records);
  return true;
}

/**
 * The email a teacher gets for one request: the student, the session and when it was sent, and where
 * to mark it handled. Nothing about any other student (not even the partner), so forwarding it is safe.
 */
export function talkEmail(request: TalkRequest, programName: string, spreadsheetUrl: string, timeZone: string): { subject: string; body: string } {
  const sent = `${localDateOf(request.submitted, timeZone)} ${wallTimeOf(request.submitted, timeZone)}`;
  if (request.urgent) return concernEmail(request, programName, spreadsheetUrl, sent);
  return {
    subject: `${programName}: ${request.studentName} would like to talk to a teacher`,
    body: [
      `${request.studentName} (${request.studentId}) answered Yes to "I would like to talk to a teacher" in the reflection on session ${request.sessionId}, sent ${sent}.`,
      '',
      `The request is listed at the top of the Peer Tutoring sidebar until you mark it handled: ${spreadsheetUrl}`,
    ].join('\n'),
  };
}

/**
 * An urgent concern: who and which session, never what they wrote (the email may be read on a phone or
 * forwarded; the words stay in the spreadsheet, for teachers only). An unmatched one says so.
 */
function concernEmail(request: TalkRequest, programName: string, spreadsheetUrl: string, sent: string): { subject: string; body: string } {
  const where = request.unresolved
    ? `in a reflection that could not be matched to a session (it said "${request.sessionId}"): it is UNRESOLVED and waits on the Needs review tab`
    : `in the reflection on session ${request.sessionId}, sent ${sent}`;
  return {
    subject: `URGENT ${programName}: ${request.studentName} said something worried them`,
    body: [
      `${request.studentName} (${request.studentId}) answered Yes to "Something in this session worried me" ${where}.`,
      '',
      `Read what worried them in the Reflections tab ("What worried them") or at the top of the Peer Tutoring sidebar, and talk with the student today: ${spreadsheetUrl}`,
      'An urgent Concern alert is open on the Alerts tab.',
    ].join('\n'),
  };
}
