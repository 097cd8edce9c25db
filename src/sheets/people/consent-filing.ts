// Filing guardian consent answers: each response once (Response ID) in the Consent log; the latest
// answer per student sets the Students Consent column and its date (one write of Students); an answer
// that cannot be filed (no such student) goes to Needs review, whole. A No ends the student's pairs:
// their history stays, and the next scheduling run (queued at once in Google) removes their future
// sessions and Calendar series, as for any pair that breaks a hard rule.
import { consentAnswerOf, consentUpdates, type ConsentAnswer } from '../../core/people/consent';
import { isGhost, type RawResponse } from '../../core/forms/responses';
import { localDateOf } from '../../core/time';
import { cellText, dateCell } from '../store/cells';
import { reviewRecord } from '../forms/filing-service';
import { changePairs } from '../matching/pair-actions';
import { readPairs } from '../matching/pairs-tab';
import { ProgramDataError } from '../program/problems';
import { readProgram } from '../program/roster';
import { readSessions } from '../scheduling/sessions-tab';
import { CONSENT_LOG_TAB, NEEDS_REVIEW_TAB, SESSIONS_TAB, STUDENTS_TAB, headerKey, type TabSpec } from '../program/schema';
import { appendRecords, indexHeaders, readLogColumn, readTable, writeGrid, writeTable, type RecordValues } from '../store/table';
import { valueOf, type GridCell, type TableStore } from '../store/table-store';

export interface ConsentFilingReport {
  filed: number;
  duplicates: number;
  needsReview: number;
  /** Students whose Consent cell changed, with the new value. */
  changed: { studentId: string; consent: 'Yes' | 'No' }[];
  /** Pairs ended because consent was withdrawn. */
  pairsEnded: string[];
  /** Their future sessions taken off the Sessions tab. */
  sessionsRemoved: number;
  /** Why pairs could not be ended (a problem on the Pairs tab), or ''. */
  notice: string;
}

export function emptyConsentReport(): ConsentFilingReport {
  return { filed: 0, duplicates: 0, needsReview: 0, changed: [], pairsEnded: [], sessionsRemoved: 0, notice: '' };
}

export function fileConsentResponses(store: TableStore, incoming: readonly { response: RawResponse; responseId: string }[], now: Date): ConsentFilingReport {
  const report = emptyConsentReport();
  if (incoming.length === 0) return report;
  const { program, rosterIds } = readProgram(store);
  const known = new Map([...rosterIds].map((id) => [id.toLowerCase(), id]));
  const filed = readConsentLog(store);
  const review = readLogColumn(store, NEEDS_REVIEW_TAB, 'Response ID');
  const seen = new Set([...filed.ids, ...review.keys.map(cellText)]);
  const added: ConsentAnswer[] = [];
  const reviews: RecordValues[] = [];
  for (const { response, responseId } of incoming) {
    if (isGhost(response)) continue;
    if (seen.has(responseId)) {
      report.duplicates++;
      continue;
    }
    seen.add(responseId);
    const answer = consentAnswerOf(response, responseId);
    const studentId = 'reason' in answer ? '' : known.get(answer.studentId.toLowerCase());
    if ('reason' in answer || !studentId) {
      const reason = 'reason' in answer ? answer.reason : `"${answer.studentId}" is not a Student ID on the Students tab: set the student's Consent by hand`;
      reviews.push(reviewRecord(response, responseId, reason, now));
      continue;
    }
    added.push({ ...answer, studentId });
  }
  appendLog(store, CONSENT_LOG_TAB, readLogColumn(store, CONSENT_LOG_TAB, 'Response ID'), added.map(logRecord));
  appendLog(store, NEEDS_REVIEW_TAB, review, reviews);
  report.filed = added.length;
  report.needsReview = reviews.length;
  const timeZone = program.settings.timezone || store.timeZone;
  report.changed = writeConsents(store, consentUpdates(added, filed.latest), timeZone);
  endWithdrawnPairs(store, report, localDateOf(now, timeZone), now);
  return report;
}

function logRecord(answer: ConsentAnswer): RecordValues {
  return { 'Response ID': answer.responseId, Submitted: answer.submitted, 'Student ID': answer.studentId, Guardian: answer.guardian, Consent: answer.consent };
}

/** The Response IDs on file and each student's latest answer time. */
function readConsentLog(store: TableStore): { ids: string[]; latest: Map<string, Date> } {
  const latest = new Map<string, Date>();
  if (!store.tabNames().includes(CONSENT_LOG_TAB.name)) return { ids: [], latest };
  const rows = readTable(store, CONSENT_LOG_TAB).rows;
  for (const row of rows) {
    const cell = row.get('Submitted');
    const submitted = cell instanceof Date ? cell : new Date(cellText(cell));
    const id = cellText(row.get('Student ID')).toLowerCase();
    if (!id || Number.isNaN(submitted.getTime())) continue;
    const before = latest.get(id);
    if (!before || before < submitted) latest.set(id, submitted);
  }
  return { ids: rows.map((row) => cellText(row.get('Response ID'))).filter(Boolean), latest };
}

function appendLog(store: TableStore, spec: TabSpec, column: ReturnType<typeof readLogColumn>, records: RecordValues[]): void {
  if (!records.length) return;
  if (column.complete) appendRecords(store, spec.name, column.headers, records);
  else writeTable(store, spec, [...column.keys.map((id) => ({ 'Response ID': id })), ...records]);
}

/** Sets Consent and Consent date of each updated student (the date column added when missing); one write. */
function writeConsents(store: TableStore, updates: Map<string, ConsentAnswer>, timeZone: string): ConsentFilingReport['changed'] {
  if (!updates.size) return [];
  const grid = (store.readTab(STUDENTS_TAB.name) ?? []).map((row) => [...row]);
  if (!grid.length) return [];
  const index = indexHeaders(grid[0]);
  if (!index.has(headerKey('Consent date'))) {
    grid[0].push('Consent date');
    index.set(headerKey('Consent date'), grid[0].length - 1);
  }
  const [idAt, consentAt, dateAt] = ['Student ID', 'Consent', 'Consent date'].map((h) => index.get(headerKey(h))!);
  const changed: ConsentFilingReport['changed'] = [];
  for (const row of grid.slice(1)) {
    const answer = updates.get(cellText(valueOf(row[idAt] ?? '')).toLowerCase());
    if (!answer) continue;
    while (row.length < grid[0].length) row.push('');
    if (cellText(valueOf(row[consentAt] ?? '')) !== answer.consent) changed.push({ studentId: answer.studentId, consent: answer.consent });
    row[consentAt] = answer.consent;
    row[dateAt] = dateCell(localDateOf(answer.submitted, timeZone), store.timeZone) as GridCell;
  }
  writeGrid(store, STUDENTS_TAB.name, grid);
  return changed;
}

/** A withdrawn consent ends the student's pairs (Ended today; sessions held stay on the Sessions tab). */
function endWithdrawnPairs(store: TableStore, report: ConsentFilingReport, today: string, now: Date): void {
  const withdrawn = new Set(report.changed.filter((c) => c.consent === 'No').map((c) => c.studentId.toLowerCase()));
  if (!withdrawn.size) return;
  const { pairs } = readPairs(store);
  const ids = pairs.filter((p) => p.status !== 'Ended' && (withdrawn.has(p.tutorId.toLowerCase()) || withdrawn.has(p.tuteeId.toLowerCase()))).map((p) => p.pairId);
  if (!ids.length) return;
  try {
    report.pairsEnded = changePairs(store, 'end', ids, today, now).changed.map((c) => c.pairId);
  } catch (error) {
    if (!(error instanceof ProgramDataError)) throw error;
    report.notice = 'consent was withdrawn, but the Pairs tab has a problem, so the pairs were not ended: fix it (Check roster) and end them in the sidebar';
    return;
  }
  report.sessionsRemoved = removeFutureSessions(store, new Set(report.pairsEnded), today);
}

/**
 * Takes the ended pairs' sessions after today off the Sessions tab (one write); past sessions and what
 * was recorded on them stay, as do a teacher's own rows. Calendar follows at its next sync.
 */
function removeFutureSessions(store: TableStore, ended: ReadonlySet<string>, today: string): number {
  const sessions = readSessions(store);
  if (!sessions.exists || sessions.problems.length) return 0;
  const keep = sessions.rows.filter((row) => !(ended.has(row.pairId) && row.date > today && row.status === 'Scheduled'));
  const removed = sessions.rows.length - keep.length;
  if (removed) writeTable(store, SESSIONS_TAB, keep.map((row) => ({ 'Session ID': row.sessionId })));
  return removed;
}
