// Filing form responses into the program database, exactly once: each response is keyed by its
// Response ID (derived from the response itself), so the same response delivered twice, by the
// trigger and again by a CSV import, or re-filed from Needs review, ends as one row. Whatever cannot
// be filed goes to Needs review, whole, with the reason. A tutor's (or tutee's) answers fill the
// session's attendance only where the teacher has not: a blank or Scheduled Status, blank presence.
// One read and at most one write per tab, however many responses a run files.
import { fileResponse, type ExitTicketRecord, type FilingContext, type ReflectionRecord, type SessionFacts } from '../../core/forms/filing';
import type { ExitTicketQuestion, FormKind } from '../../core/forms/questions';
import { isGhost, responseIdOf, type RawResponse } from '../../core/forms/responses';
import { masteryOf, reviewsDue, type MasteryRow, type SkillOfStudent, type TicketScore, masteryRuleOf } from '../../core/progress/mastery';
import type { LocalDate, Pair } from '../../core/model';
import { localDateOf } from '../../core/time';
import { cellText, dateCell, yesNo } from '../store/cells';
import { readPairs } from '../matching/pairs-tab';
import { readProgram, type Program } from '../program/roster';
import { EXIT_TICKETS_TAB, MASTERY_TAB, NEEDS_REVIEW_TAB, REFLECTIONS_TAB, SESSIONS_TAB, type TabSpec } from '../program/schema';
import { readSessions, type SessionRow } from '../scheduling/sessions-tab';
import { appendRecords, readLogColumn, readTable, writeTable, type LogColumn, type RecordValues } from '../store/table';
import type { Cell, TableStore } from '../store/table-store';
import { readExitTicketQuestions } from './questions-tab';
import { concernAlertsOf, type UnmatchedConcern } from '../../core/sessions/concerns';
import type { ReflectionLog } from '../../core/progress/records';
import { answersRaiseConcern, raiseAlertsNow, unmatchedConcernOf } from '../sessions/concerns';
import { addReflectionGoals, skillOfReflection } from '../sessions/goals-tab';
import { readMasteryTab } from '../sessions/agendas';
import { bookedOneOffs, fileHelpRequests, type HelpReport, type OneOff } from '../sessions/help-requests';
import { fileConsentResponses, type ConsentFilingReport } from '../people/consent-filing';

/** A request to talk to a teacher, for the email and the sidebar (never shown to other students). */
export interface TalkRequest {
  responseId: string;
  studentId: string;
  studentName: string;
  sessionId: string;
  submitted: Date;
  /** "Something in this session worried me": emailed first, marked urgent. */
  urgent?: boolean;
  /** The response could not be matched to a session (it is on Needs review). */
  unresolved?: boolean;
}

export interface FilingReport {
  received: number;
  reflections: number;
  exitTickets: number;
  /** Already filed (same Response ID): nothing written again. */
  duplicates: number;
  /** Empty events: not responses. */
  ghosts: number;
  needsReview: number;
  /** Sessions whose Status or presence a response filled in. */
  attendance: number;
  /** New requests to talk to a teacher in this run. */
  talkRequests: TalkRequest[];
  /** Help requests filed in this run: the one-off sessions booked, and those no one could take. */
  help: HelpReport;
  /** Guardian consent answers filed in this run (the consent form), when there were any. */
  consent?: ConsentFilingReport;
}

/**
 * A log tab as filing sees it: the Response IDs already in it (its header row and ID column only: the
 * rest of a long log is never read) and the records this run adds.
 */
interface Log {
  spec: TabSpec;
  column: LogColumn;
  ids: string[];
  added: RecordValues[];
}

interface Logs {
  reflections: Log;
  exitTickets: Log;
  review: Log;
  filed: Set<string>;
}

/** A response to file, under the Response ID it keeps (a re-filed one keeps its original ID). */
interface Incoming {
  response: RawResponse;
  responseId: string;
}

/** Files `responses` (in the order given) and rebuilds Mastery when an exit ticket came in. */
export function fileResponses(store: TableStore, responses: readonly RawResponse[], now: Date): FilingReport {
  const incoming = responses.map((response) => ({ response, responseId: responseIdOf(response) }));
  const consents = incoming.filter((item) => item.response.form === 'Consent');
  if (!consents.length) return fileIncoming(store, incoming, now, new Set());
  // Consent answers have their own log and rules (src/sheets/people/consent-filing).
  const others = incoming.filter((item) => item.response.form !== 'Consent');
  const report: FilingReport = others.length
    ? fileIncoming(store, others, now, new Set())
    : { received: 0, reflections: 0, exitTickets: 0, duplicates: 0, ghosts: 0, needsReview: 0, attendance: 0, talkRequests: [], help: { booked: [], unplaced: [] } };
  const consent = fileConsentResponses(store, consents, now);
  return { ...report, received: report.received + consents.length, duplicates: report.duplicates + consent.duplicates, needsReview: report.needsReview + consent.needsReview, consent };
}

/**
 * Files again every Needs review row, with the Session, Student ID and Skill the teacher corrected
 * there; each keeps its Response ID, so it is still filed once. Rows that still cannot be filed stay,
 * with the new reason.
 */
export function refileNeedsReview(store: TableStore, now: Date): FilingReport {
  if (!store.tabNames().includes(NEEDS_REVIEW_TAB.name)) return fileIncoming(store, [], now, new Set());
  const incoming: Incoming[] = [];
  for (const row of readTable(store, NEEDS_REVIEW_TAB).rows) {
    const response = correctedResponse(row.get.bind(row));
    const responseId = cellText(row.get('Response ID'));
    if (response && responseId) incoming.push({ response, responseId });
  }
  return fileIncoming(store, incoming, now, new Set(incoming.map((item) => item.responseId)));
}

/** The stored response with the teacher's corrections; null when its Answers cannot be read. */
function correctedResponse(get: (header: string) => Cell): RawResponse | null {
  const form = cellText(get('Form'));
  if (form !== 'Reflection' && form !== 'Exit ticket') return null;
  let stored: Record<string, string>;
  try {
    stored = JSON.parse(cellText(get('Answers'))) as Record<string, string>;
  } catch {
    return null;
  }
  const { Timestamp: timestamp, ...answers } = stored;
  const submitted = new Date(timestamp);
  if (Number.isNaN(submitted.getTime())) return null;
  for (const [header, title] of [['Session', 'Session'], ['Student ID', 'Student ID'], ['Skill', 'Skill']] as const) {
    const corrected = cellText(get(header));
    if (corrected) answers[title] = corrected;
  }
  return { form, submitted, answers };
}

function fileIncoming(store: TableStore, incoming: readonly Incoming[], now: Date, refiling: ReadonlySet<string>): FilingReport {
  const { program } = readProgram(store);
  const timeZone = program.settings.timezone || store.timeZone;
  const sessions = readSessions(store);
  const pairs = readPairs(store).pairs;
  // Help requests is read only when the Sessions tab has one-off sessions (or a request is being filed).
  const oneOffs = sessions.rows.some((row) => row.oneOff) ? bookedOneOffs(store) : undefined;
  const facts = sessionFacts(sessions.rows, pairs, oneOffs ?? new Map());
  const context: FilingContext = { sessions: facts, pairSessions: byPair(facts), timeZone, questions: readExitTicketQuestions(store).questions };
  const logs = readLogs(store, refiling, new Set(incoming.map((item) => item.response.form)));
  const report: FilingReport = { received: incoming.length, reflections: 0, exitTickets: 0, duplicates: 0, ghosts: 0, needsReview: 0, attendance: 0, talkRequests: [], help: { booked: [], unplaced: [] } };
  const reflections: ReflectionRecord[] = [];
  const unmatched: UnmatchedConcern[] = [];
  // Help requests have their own log (and book a session): filed after Sessions' attendance write below.
  const helpRequests = incoming.filter((item) => item.response.form === 'Help request' && !isGhost(item.response));
  for (const { response, responseId } of incoming) {
    if (response.form === 'Help request') continue;
    if (isGhost(response)) {
      report.ghosts++;
      continue;
    }
    if (logs.filed.has(responseId)) {
      report.duplicates++;
      continue;
    }
    logs.filed.add(responseId);
    const filing = fileResponse(response, context);
    if (filing.kind === 'reflection') {
      const record = { ...filing.record, responseId };
      reflections.push(record);
      logs.reflections.added.push(reflectionRecord(record));
      report.reflections++;
    } else if (filing.kind === 'exit ticket') {
      logs.exitTickets.added.push(exitTicketRecord({ ...filing.record, responseId }));
      report.exitTickets++;
    } else {
      logs.review.added.push(reviewRecord(response, responseId, filing.reason, now));
      report.needsReview++;
      // A concern is raised even when its response cannot be filed (once: not again when re-filed).
      const concern = answersRaiseConcern(response.answers) && !refiling.has(responseId) ? unmatchedConcernOf((header) => reviewRecord(response, responseId, filing.reason, now)[header] ?? '') : null;
      if (concern) unmatched.push(concern);
    }
  }
  writeLog(store, logs.reflections);
  writeLog(store, logs.exitTickets);
  // Re-filed rows leave Needs review: the tab (short, the teacher's worklist) is rewritten without them.
  if (refiling.size) writeTable(store, NEEDS_REVIEW_TAB, [...keptRecords(logs.review), ...logs.review.added]);
  else writeLog(store, logs.review);
  const mastery = report.exitTickets ? writeMastery(store, program, readTicketScores(store, timeZone), expectedSkills(pairs, context.questions)) : null;
  if (!sessions.problems.length) {
    const reviews = mastery ? reviewsBySession(sessions.rows, pairs, mastery, localDateOf(now, timeZone)) : null;
    report.attendance = updateSessions(store, sessions.rows, reflections, reviews);
    report.help = fileHelpRequests(store, helpRequests, program, pairs, sessions.rows, now, oneOffs);
  }
  const names = new Map(program.students.map((student) => [student.id, student.name] as [string, string]));
  const name = (id: string) => names.get(id) ?? id;
  raiseConcerns(store, reflections, unmatched, names, timeZone, localDateOf(now, timeZone));
  fileGoals(store, reflections, pairs, mastery, context.questions, timeZone);
  const worried = reflections.filter((record) => record.worried === 'Yes' && !refiling.has(record.responseId));
  report.talkRequests = [
    ...worried.map((record) => ({ responseId: record.responseId, studentId: record.studentId, studentName: name(record.studentId), sessionId: record.sessionId, submitted: record.submitted, urgent: true })),
    ...unmatched.map((c) => ({ responseId: c.responseId, studentId: c.studentId, studentName: names.get(c.studentId) ?? `student "${c.studentId}"`, sessionId: c.sessionAnswer, submitted: now, urgent: true, unresolved: true })),
    ...reflections
      .filter((record) => record.talkToTeacher === 'Yes' && !worried.includes(record))
      .map((record) => ({ responseId: record.responseId, studentId: record.studentId, studentName: name(record.studentId), sessionId: record.sessionId, submitted: record.submitted })),
  ];
  return report;
}

/** The Concern alerts of this run's reflections and unmatched responses, on the Alerts tab now. */
function raiseConcerns(store: TableStore, reflections: ReflectionRecord[], unmatched: UnmatchedConcern[], names: ReadonlyMap<string, string>, timeZone: string, today: LocalDate): void {
  raiseAlertsNow(store, concernAlertsOf(reflections.map((r) => reflectionLogOf(r, timeZone)), unmatched, (id) => names.get(id) ?? id), names, today);
}

/**
 * The goals students wrote in this run's reflections land on the Goals tab now (each once; the
 * dashboard's refresh then follows them). A tutee's goal names the skill they are on.
 */
function fileGoals(store: TableStore, reflections: ReflectionRecord[], pairs: Pair[], mastery: MasteryRow[] | null, questions: readonly ExitTicketQuestion[], timeZone: string): void {
  if (!reflections.some((r) => r.goal)) return;
  let known = mastery;
  const skillOf = (reflection: ReflectionLog) => skillOfReflection(reflection, { pairs, mastery: (known ??= readMasteryTab(store)), questions });
  addReflectionGoals(store, reflections.map((r) => reflectionLogOf(r, timeZone)), skillOf);
}

function reflectionLogOf(r: ReflectionRecord, timeZone: string): ReflectionLog {
  return {
    responseId: r.responseId,
    submitted: r.submitted,
    date: localDateOf(r.submitted, timeZone),
    sessionId: r.sessionId,
    pairId: r.pairId,
    studentId: r.studentId,
    role: r.role,
    mood: r.mood,
    confidence: r.confidence,
    talkToTeacher: r.talkToTeacher === 'Yes',
    handled: false,
    whatWorked: r.whatWorked,
    nextStep: r.nextStep,
    worried: r.worried === 'Yes',
    goal: r.goal,
  };
}

/** Each session's pair; a one-off session (a help request) has its own two students, from the Help requests tab. */
function sessionFacts(rows: SessionRow[], pairs: Pair[], oneOffs: ReadonlyMap<string, OneOff>): Map<string, SessionFacts> {
  const pairById = new Map(pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  const facts = new Map<string, SessionFacts>();
  for (const row of rows) {
    const oneOff = oneOffs.get(row.sessionId);
    const pair = pairById.get(row.pairId) ?? (oneOff ? { pairId: row.pairId, ...oneOff } : undefined);
    if (!pair) continue;
    facts.set(row.sessionId, { sessionId: row.sessionId, pairId: pair.pairId, tutorId: pair.tutorId, tuteeId: pair.tuteeId, subject: pair.subject, date: row.date });
  }
  return facts;
}

/** Each pair's sessions (for links that name the pair: see FilingContext.pairSessions). */
function byPair(sessions: ReadonlyMap<string, SessionFacts>): Map<string, SessionFacts[]> {
  const pairs = new Map<string, SessionFacts[]>();
  for (const session of sessions.values()) {
    const list = pairs.get(session.pairId);
    if (list) list.push(session);
    else pairs.set(session.pairId, [session]);
  }
  return pairs;
}

/**
 * The Response IDs in each log tab (its ID column only); the Needs review rows being re-filed are left
 * out (they are filed again, or come back with a new reason). A form's responses can only be in its own
 * log or in Needs review, so the other form's log is not read.
 */
function readLogs(store: TableStore, refiling: ReadonlySet<string>, forms: ReadonlySet<FormKind>): Logs {
  const filed = new Set<string>();
  const read = (spec: TabSpec, needed = true): Log => {
    if (!needed) return { spec, column: { headers: [], keys: [], exists: false, complete: false }, ids: [], added: [] };
    const column = readLogColumn(store, spec, 'Response ID');
    const ids = column.keys.map(cellText).filter((id) => id && !(spec === NEEDS_REVIEW_TAB && refiling.has(id)));
    ids.forEach((id) => filed.add(id));
    return { spec, column, ids, added: [] };
  };
  return {
    reflections: read(REFLECTIONS_TAB, forms.has('Reflection')),
    exitTickets: read(EXIT_TICKETS_TAB, forms.has('Exit ticket')),
    review: read(NEEDS_REVIEW_TAB, forms.size > 0 || refiling.size > 0),
    filed,
  };
}

/**
 * New rows go below the log's last row in one append. A log that is missing, or lacks a column of the
 * contract, is written whole once (writeTable adds the tab and the columns, keeping every row).
 */
function writeLog(store: TableStore, log: Log): void {
  if (log.added.length === 0) return;
  if (log.column.complete) appendRecords(store, log.spec.name, log.column.headers, log.added);
  else writeTable(store, log.spec, [...keptRecords(log), ...log.added]);
}

/** The rows already in a log, by key only: writeTable keeps each as it is (and a teacher's own rows, which have none). */
function keptRecords(log: Log): RecordValues[] {
  return log.ids.map((id) => ({ 'Response ID': id }));
}

function reflectionRecord(record: ReflectionRecord): RecordValues {
  return {
    'Response ID': record.responseId,
    Submitted: record.submitted,
    'Session ID': record.sessionId,
    'Pair ID': record.pairId,
    'Student ID': record.studentId,
    Role: record.role,
    Mood: record.mood ?? '',
    Confidence: record.confidence ?? '',
    'Session held': record.sessionHeld,
    'Partner present': record.partnerPresent,
    'Worked on': record.workedOn,
    'What worked': record.whatWorked,
    'What was hard': record.whatWasHard,
    'Next step': record.nextStep,
    'Talk to a teacher': record.talkToTeacher,
    Handled: record.talkToTeacher === 'Yes' || record.worried === 'Yes' ? yesNo(false) : '',
    'Goal for next week': record.goal,
    'Something worried me': record.worried,
    'What worried them': record.worry,
    'Only wanted answers': record.onlyAnswers,
    'Wants a different tutor': record.newTutor,
  };
}

function exitTicketRecord(record: ExitTicketRecord): RecordValues {
  return {
    'Response ID': record.responseId,
    Submitted: record.submitted,
    'Session ID': record.sessionId,
    'Pair ID': record.pairId,
    'Student ID': record.studentId,
    Subject: record.subject,
    Skill: record.skill,
    Score: record.score,
    Points: record.points,
    'Out of': record.outOf,
  };
}

export function reviewRecord(response: RawResponse, responseId: string, reason: string, now: Date): RecordValues {
  return {
    Received: now,
    Form: response.form,
    Reason: reason,
    Answers: JSON.stringify({ Timestamp: response.submitted.toISOString(), ...response.answers }),
    'Response ID': responseId,
    Session: response.answers.Session ?? '',
    'Student ID': response.answers['Student ID'] ?? '',
    Skill: response.answers.Skill ?? '',
  };
}

/**
 * One write of Sessions with what this filing changed. Attendance: a tutor's "Did the session take
 * place?" sets Status (Held or Missed) and "Was your partner there?" Tutee present; a tutee's "Was your
 * partner there?" sets Tutor present. Only blank (or Scheduled) cells are filled: what a teacher typed
 * wins. `reviews` (when Mastery changed) is each upcoming session's Reviews due. Returns how many
 * sessions' attendance changed.
 */
function updateSessions(store: TableStore, rows: SessionRow[], reflections: ReflectionRecord[], reviews: Map<string, string> | null): number {
  const bySession = new Map(rows.map((row) => [row.sessionId, { ...row }] as [string, SessionRow]));
  const changed = new Set<string>();
  for (const record of [...reflections].sort((a, b) => a.submitted.getTime() - b.submitted.getTime())) {
    const row = bySession.get(record.sessionId);
    if (!row) continue;
    if (record.role === 'Tutor' && record.sessionHeld && row.status === 'Scheduled') {
      row.status = record.sessionHeld === 'Yes' ? 'Held' : 'Missed';
      changed.add(row.sessionId);
    }
    if (record.role === 'Tutor' && record.sessionHeld === 'Yes' && row.tutorPresent === null) {
      row.tutorPresent = true;
      changed.add(row.sessionId);
    }
    const presence = record.partnerPresent === '' ? null : record.partnerPresent === 'Yes';
    if (presence === null) continue;
    if (record.role === 'Tutor' && row.tuteePresent === null) row.tuteePresent = presence;
    else if (record.role === 'Tutee' && row.tutorPresent === null) row.tutorPresent = presence;
    else continue;
    changed.add(row.sessionId);
  }
  if (!changed.size && !reviews) return 0;
  const records = rows.map((original): RecordValues => {
    const row = bySession.get(original.sessionId)!;
    const record: RecordValues = { 'Session ID': row.sessionId };
    if (changed.has(row.sessionId)) Object.assign(record, { Status: row.status, 'Tutor present': yesNo(row.tutorPresent), 'Tutee present': yesNo(row.tuteePresent) });
    const due = reviews?.get(row.sessionId);
    if (due !== undefined) record['Reviews due'] = due;
    return record;
  });
  writeTable(store, SESSIONS_TAB, records);
  return changed.size;
}

/**
 * For each session from `today` on: the tutee's mastered skills in the pair's subject whose next review
 * falls on or before it — the tutor's plan for the first minutes. '' when none.
 */
function reviewsBySession(rows: SessionRow[], pairs: Pair[], mastery: MasteryRow[], today: LocalDate): Map<string, string> {
  const pairById = new Map(pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  const byStudent = new Map<string, MasteryRow[]>();
  for (const row of mastery) {
    const list = byStudent.get(row.studentId);
    if (list) list.push(row);
    else byStudent.set(row.studentId, [row]);
  }
  const reviews = new Map<string, string>();
  for (const row of rows) {
    const pair = pairById.get(row.pairId);
    if (!pair || row.date < today) continue;
    const subject = pair.subject.trim().toLowerCase();
    const due = reviewsDue(byStudent.get(pair.tuteeId) ?? [], pair.tuteeId, row.date).filter((item) => item.subject.trim().toLowerCase() === subject);
    reviews.set(row.sessionId, due.map((item) => item.skill).join('; '));
  }
  return reviews;
}

/** Each skill of the subject of every running pair, for its tutee. */
export function expectedSkills(pairs: Pair[], questions: readonly ExitTicketQuestion[]): SkillOfStudent[] {
  return pairs
    .filter((pair) => pair.status === 'Active' || pair.status === 'Trial')
    .flatMap((pair) => {
      const skills = new Set(questions.filter((q) => q.subject.trim().toLowerCase() === pair.subject.trim().toLowerCase()).map((q) => q.skill));
      return [...skills].map((skill) => ({ studentId: pair.tuteeId, subject: pair.subject, skill }));
    });
}

/** Every exit ticket's score, dated in the program timezone. */
function readTicketScores(store: TableStore, timeZone: string): TicketScore[] {
  const tickets: TicketScore[] = [];
  for (const row of readTable(store, EXIT_TICKETS_TAB).rows) {
    const submitted = row.get('Submitted');
    const instant = submitted instanceof Date ? submitted : new Date(cellText(submitted));
    const score = Number(row.get('Score'));
    if (Number.isNaN(instant.getTime()) || !Number.isFinite(score)) continue;
    tickets.push({
      studentId: cellText(row.get('Student ID')),
      subject: cellText(row.get('Subject')),
      skill: cellText(row.get('Skill')),
      date: localDateOf(instant, timeZone),
      submitted: instant,
      score,
    });
  }
  return tickets;
}

/** Mastery is generated: rebuilt from every exit ticket (and the skills of running pairs) in one write. */
export function writeMastery(store: TableStore, program: Program, tickets: readonly TicketScore[], expected: SkillOfStudent[]): MasteryRow[] {
  const { students, settings } = program;
  const names = new Map(students.map((student) => [student.id, student.name] as [string, string]));
  const rule = masteryRuleOf(settings);
  const mastery = masteryOf(tickets, rule, expected);
  writeTable(
    store,
    MASTERY_TAB,
    mastery.map((row) => ({
      'Student ID': row.studentId,
      Name: names.get(row.studentId) ?? row.studentId,
      Subject: row.subject,
      Skill: row.skill,
      Tickets: row.tickets,
      Latest: row.tickets ? row.latest : '',
      Best: row.tickets ? row.best : '',
      State: row.state,
      'Mastered on': dateCell(row.masteredOn, store.timeZone),
      'Next review': dateCell(row.nextReview, store.timeZone),
    })),
  );
  return mastery;
}
