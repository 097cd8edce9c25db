// The functions the sidebar calls. They are the same in Apps Script (over SpreadsheetApp) and in the
// local server (over an .xlsx workbook): only the host environment differs.
import { seriesLinkLines, type FormTemplates } from '../core/forms/links';
import type { LocalDate, Pair } from '../core/model';
import { summarizeProgram, type ProgramSummary } from '../core/summary';
import type { MipSolver, PairKey } from '../core/matching';
import { relaySolver, type ExactAnswer, type ExactTask } from '../core/matching/exact-relay';
import {
  alternativeTutors,
  applyMatches,
  proposeMatches,
  type ApplyOutcome,
  type ApplyRequest,
  type MatchOptions,
  type MatchPreview,
} from './matching/service';
import { undoVersion, type UndoResult } from './program/history';
import { changePairs, type PairAction, type PairActionReport } from './matching/pair-actions';
import { markTalkHandled, openTalkRequests, type OpenTalkRequest } from './forms/talk-requests';
import { sessionLinker } from './forms/session-links';
import { bookedOneOffs } from './sessions/help-requests';
import type { FormsPort, FormsStatus } from './forms/port';
import { confirmMilestone, masteryMilestones, type Milestone } from './forms/milestones';
import { findStudents, refreshProgress, studentProgress, type ProgressReport } from './progress/refresh';
import { applyRematch } from './progress/rematch';
import type { StudentProgress } from '../core/progress/student';
import type { Dosage, Totals } from '../core/progress/dashboard';
import { pairsAwaitingStart, type PairsAwaitingStart } from './matching/pairs-tab';
import type { CalendarPort, CalendarSyncReport, CalendarSyncRequest } from './scheduling/calendar-port';
import { describeProblem, type Problem } from './program/problems';
import { planSchedule, previewSchedule, scheduleSessions, seriesOfPlan, type SchedulePlan, type SchedulePreview, type ScheduleReport } from './scheduling/service';
import { readProgram } from './program/roster';
import { programToday, readSettings } from './program/settings';
import { emailConsentLinks, type ConsentEmailReport } from './people/consent-emails';
import { checkRoster } from './program/setup';
import { scheduleAgendas } from './sessions/agendas';
import { seriesKeyFinder, type SeriesPlan, type SessionRecord } from '../core/scheduling';
import { tutorAgendas, type TutorAgendas } from './sessions/tutor-view';
import { previewMessage, sendMessage, type MailPort, type MessagePreview, type MessageReport, type MessageRequest } from './sessions/messages';
import { messageChoices, type MessageChoices } from './sessions/message-choices';
import type { TableStore } from './store/table-store';
import type { ClassroomCourse, ClassroomPort } from './people/classroom-port';
import { importRosterCsv, importStudents, type RosterImportReport } from './people/roster-import';
import { pendingConsents, type PendingConsent } from './people/consent-tab';
import { assignSubstitute, substituteInCalendar, substituteNeeds, type SubstituteNeed } from './people/substitutes';
import { mentorRows, type MentorRow } from './people/mentors-tab';
import { readProgressData } from './progress/progress-data';

export interface HostEnvironment {
  store: TableStore;
  /** Runs `task` holding the document lock, so two teachers never write at once. */
  withDocumentLock<T>(task: () => T): T;
  now(): Date;
  /** Moves the teacher's cursor to a cell (a no-op where there is no spreadsheet UI). */
  selectCell(tab: string, row: number, column: number): void;
  /** The program's calendar; absent locally (the CLI writes an .ics file instead). */
  calendar?: CalendarPort;
  /** The program's date when set (`--today` locally); otherwise today in the program timezone. */
  today?: LocalDate;
  /** Google Forms: their link recipes, and filing what the forms sent. Absent locally. */
  forms?: FormsPort;
  /**
   * Runs the work earlier runs left over (a Calendar sync cut by Apps Script's limits) now, with the
   * document lock already held. Absent locally, where nothing is ever left over.
   */
  runPendingWork?(): void;
  /** Email through the teacher's own account (MailApp); locally .eml files in an outbox folder. */
  mail?: MailPort;
  /**
   * An exact solver that finishes matchings the own search cannot prove optimal (HiGHS, locally).
   * Absent in Apps Script, which cannot start HiGHS synchronously: there the sidebar's browser runs it.
   */
  exactSolver?: MipSolver;
  /**
   * Where the browser runs the exact finish (no `exactSolver` here): the script that defines HiGHS
   * for the sidebar (the project's HighsSolver file), read only when a matching needs it.
   */
  browserSolverScript?(): string;
  /** Google Classroom, for importing the roster; absent locally. */
  classroom?: ClassroomPort;
  /**
   * After a refresh: draws the Dashboard's charts over its tables and keeps the daily alerts email
   * as Settings say (in Google Sheets; absent locally, where the sidebar draws the charts).
   */
  afterRefresh?(report: ProgressReport): void;
  /** A family letter as a Google Doc from the teacher's template (absent locally: `peer-tutoring report`). */
  familyLetterDoc?(studentId: string, today: LocalDate): FamilyLetterDoc | null;
  /** A tutor's service certificate as a Google Doc from the teacher's template (absent locally: `peer-tutoring certificate`). */
  certificateDoc?(studentId: string, today: LocalDate): FamilyLetterDoc | null;
}

export interface FamilyLetterDoc {
  name: string;
  url: string;
  templateUrl: string;
  templateCreated: boolean;
  /** What in the template could not be used. */
  problems: string[];
}

/** Mastery, Alerts, the Dashboard and its charts rebuilt (the document lock held). */
export function refreshAll(host: HostEnvironment, today: LocalDate): ProgressReport {
  const report = refreshProgress(host.store, today);
  host.afterRefresh?.(report);
  return report;
}

export interface ScheduleOptions {
  /** Send the tutor and tutee Calendar invitation emails (only when the teacher ticks it). */
  sendInvitations: boolean;
}

export interface ScheduleOutcome {
  sessions: ScheduleReport;
  /** Null where there is no calendar. */
  calendar: CalendarSyncReport | null;
}

/**
 * Syncs the calendar to the current plan, then writes Sessions with the event IDs known so far. A sync
 * cut by Apps Script's limits continues in a follow-up run (`continueSchedule`).
 */
export function runSchedule(host: HostEnvironment, today: LocalDate, sendInvitations: boolean, fresh: boolean): ScheduleOutcome {
  const { store, calendar } = host;
  const plan = planSchedule(store, today);
  const templates = host.forms?.linkTemplates() ?? null;
  const agendas = scheduleAgendas(store, plan.program, plan.pairs, plan.merged.sessions, today);
  const request = calendarRequest(plan, today, sendInvitations, templates, agendas.describe);
  const report = calendar ? calendar.sync(request, fresh) : null;
  const linker = templates ? sessionLinker(templates, plan.pairs, bookedOneOffs(store)) : null;
  const meet = meetLinkFinder(plan, request.series, calendar ?? null);
  const extras = (session: SessionRecord) => ({ ...agendas.extrasOf(session), ...meet(session) });
  const sessions = scheduleSessions(store, today, host.now(), calendar?.eventIds(), plan, linker, extras);
  return { sessions, calendar: report };
}

/** The series Schedule sessions would sync now, with their agendas; nothing is synced or written. */
export function currentCalendarRequest(host: HostEnvironment, today: LocalDate): CalendarSyncRequest {
  const plan = planSchedule(host.store, today);
  const agendas = scheduleAgendas(host.store, plan.program, plan.pairs, plan.merged.sessions, today);
  return calendarRequest(plan, today, false, host.forms?.linkTemplates() ?? null, agendas.describe);
}

/** Blocks whose Location says Online meet on Google Meet: one link per event series. */
export function isOnline(location: string): boolean {
  return location.trim().toLowerCase() === 'online';
}

/** The `Meet link` of each session of an online series whose link the calendar has (none locally). */
function meetLinkFinder(plan: SchedulePlan, series: readonly SeriesPlan[], calendar: CalendarPort | null): (session: SessionRecord) => { 'Meet link'?: string } {
  const online = series.filter((entry) => isOnline(entry.location)).map((entry) => entry.seriesKey);
  const links = online.length && calendar?.meetLinks ? calendar.meetLinks(online) : new Map<string, string>();
  const keyOf = seriesKeyFinder(plan.slots);
  return (session) => {
    const key = keyOf(session);
    const link = key === null ? undefined : links.get(key);
    return link ? { 'Meet link': link } : {};
  };
}

/**
 * What the calendar should show for a plan. With forms, each pair's series carries its form links: one
 * recurring series cannot hold a link per date (that would take a Calendar write per session), so the
 * links name the pair, and filing takes the pair's session of the day the form is sent.
 */
export function calendarRequest(
  plan: SchedulePlan,
  today: LocalDate,
  sendInvitations: boolean,
  templates: FormTemplates | null = null,
  agendaLines: (pair: Pair) => string[] = () => [],
): CalendarSyncRequest {
  const { programName, timezone, noSchoolDates } = plan.program.settings;
  // Each series also carries its next session's agenda: a new agenda rewrites the series in place.
  const describe = (pair: Pair) => [...(templates ? seriesLinkLines(templates, pair) : []), ...agendaLines(pair)];
  return { programName, timeZone: timezone, noSchoolDates, series: seriesOfPlan(plan, describe), pairs: plan.pairs, today, sendInvitations };
}

export interface ProblemView extends Problem {
  text: string;
}

export interface Overview {
  programName: string;
  summary: ProgramSummary;
  problems: ProblemView[];
}

const withText = (problems: Problem[]): ProblemView[] => problems.map((p) => ({ ...p, text: describeProblem(p) }));

type PreviewWithText = MatchPreview & { problems: ProblemView[] };

/**
 * A preview, and the exact solve its matching asked for that only the sidebar's browser can run
 * (null when none: the matching is proven, beyond the finish's reach, or finished on the server).
 * The sidebar sends the answers so far back with the same options, and the matching is run again with
 * them (see exact-relay.ts).
 */
export type PreviewWithTask = PreviewWithText & { exactTask: ExactTask | null };

/** Apply, with the exact answers the preview on screen was made with (see {@link PreviewWithTask}). */
export type ApplyWithAnswers = ApplyRequest & { exactAnswers?: ExactAnswer[] };

export interface ProgressView {
  totals: Totals;
  dosage: Dosage;
  alerts: {
    raised: string;
    studentId: string;
    name: string;
    pairId: string;
    kind: string;
    detail: string;
    action: string;
    /** The matcher's other tutor, when the alert suggests a re-match the teacher can apply. */
    rematch: { tutorId: string; tutorName: string; block: string } | null;
  }[];
  /** What the Dashboard's charts show, for the sidebar's own (SVG) charts. */
  weeks: { week: string; attendancePercent: number | null; averageScore: number | null }[];
  /** The biggest gains first, at most ten, named. */
  pairGains: { pairId: string; label: string; gain: number }[];
  impact: { dosage: { label: string; tutees: number }[]; atOrAbovePlan: number; summary: string };
  forecast: { advice: string[]; rows: { subject: string; block: string; placed: number; waiting: number; spare: number }[] };
}

/** The sidebar's view of a refresh: figures, chart series, forecast and open alerts. */
function progressView(report: ProgressReport, names: (id: string) => string): ProgressView {
  const { dashboard, forecast } = report;
  return {
    totals: dashboard.totals,
    dosage: dashboard.dosage,
    alerts: report.openAlerts.map(({ raised, studentId, name, pairId, kind, detail, action }) => {
      const other = pairId ? report.rematches.get(pairId) : undefined;
      const rematch = other && (kind === 'Stalled' || kind === 'Trial review') ? { ...other, tutorName: names(other.tutorId) } : null;
      return { raised, studentId, name, pairId, kind, detail, action, rematch };
    }),
    weeks: dashboard.weeks.map(({ week, attendancePercent, averageScore }) => ({ week, attendancePercent, averageScore })),
    pairGains: dashboard.pairGains.slice(0, 10).map((pair) => ({ pairId: pair.pairId, label: `${names(pair.tutorId)} and ${names(pair.tuteeId)}`, gain: pair.normalisedGain })),
    impact: { dosage: dashboard.impact.dosage, atOrAbovePlan: dashboard.impact.atOrAbovePlan, summary: dashboard.impact.summary },
    forecast: { advice: [...forecast.recommendations.map((r) => r.text), ...forecast.spare.map((s) => s.text)], rows: forecast.rows },
  };
}

export function createSidebarApi(host: HostEnvironment) {
  const { store } = host;
  const today = (): LocalDate => host.today ?? programToday(store, host.now());
  // Without a solver of its own, the server relays the exact finish to the sidebar's browser.
  const browserScript = host.exactSolver ? undefined : host.browserSolverScript;
  const relayFor = (exactAnswers?: ExactAnswer[]) => (browserScript ? relaySolver(exactAnswers) : null);
  const solverWith = (exactAnswers?: ExactAnswer[]): MipSolver | undefined => relayFor(exactAnswers) ?? host.exactSolver;
  return {
    getOverview(): Overview {
      const { program, problems } = readProgram(store);
      return {
        programName: program.settings.programName,
        summary: summarizeProgram(program.students, program.blocks),
        problems: withText(problems),
      };
    },
    checkRoster(): ProblemView[] {
      return withText(host.withDocumentLock(() => checkRoster(store)).problems);
    },
    proposeMatches(options: MatchOptions, exactAnswers?: ExactAnswer[]): PreviewWithTask {
      const relay = relayFor(exactAnswers);
      const preview = proposeMatches(store, options, today(), relay ?? host.exactSolver);
      // The search after the finish may still prove the answer: then there is nothing left to solve.
      const exactTask = preview.totals.proof?.optimal ? null : (relay?.task ?? null);
      return { ...preview, problems: withText(preview.problems), exactTask };
    },
    alternatives(options: MatchOptions, need: Omit<PairKey, 'tutorId'>, exactAnswers?: ExactAnswer[]) {
      return alternativeTutors(store, options, today(), need.tuteeId, need.subject, solverWith(exactAnswers));
    },
    applyMatches(request: ApplyWithAnswers): Exclude<ApplyOutcome, { applied: false }> | (Extract<ApplyOutcome, { applied: false }> & { preview: PreviewWithText }) {
      const outcome = host.withDocumentLock(() => applyMatches(store, request, today(), host.now(), solverWith(request.exactAnswers)));
      return outcome.applied ? outcome : { ...outcome, preview: { ...outcome.preview, problems: withText(outcome.preview.problems) } };
    },
    /** The HiGHS script for the sidebar's browser; null where the server finishes matchings itself. */
    browserSolverScript(): string | null {
      return browserScript ? browserScript() : null;
    },
    /** Takes back one change (by its version number) if its tabs still hold what it wrote. */
    undoChange(version: number): UndoResult {
      return host.withDocumentLock(() => undoVersion(store, version));
    },
    pairsAwaitingStart(): PairsAwaitingStart {
      const { program } = readProgram(store);
      const names = new Map(program.students.map((student) => [student.id, student.name] as [string, string]));
      return pairsAwaitingStart(store, names, program.settings.startWithTrial);
    },
    changePairs(action: PairAction, pairIds: string[] | 'all'): PairActionReport {
      return host.withDocumentLock(() => changePairs(store, action, pairIds, today(), host.now()));
    },
    selectCell(tab: string, row: number, column: number): void {
      host.selectCell(tab, row, column);
    },
    previewSchedule(): SchedulePreview {
      return previewSchedule(store, today());
    },
    scheduleSessions(options: ScheduleOptions): ScheduleOutcome {
      return host.withDocumentLock(() => runSchedule(host, today(), options.sendInvitations === true, true));
    },
    /**
     * Opening the sidebar files the form responses waiting (if no other run is filing them) and says
     * where the forms stand; null where there are no Google Forms (locally).
     */
    formsStatus(): FormsStatus | null {
      return host.forms?.fileWaiting() ?? null;
    },
    /** Students asking to talk to a teacher, until marked handled. */
    talkRequests(): OpenTalkRequest[] {
      return openTalkRequests(store);
    },
    markTalkHandled(responseId: string): boolean {
      return host.withDocumentLock(() => markTalkHandled(store, responseId));
    },
    /** Mastery, Alerts and Dashboard rebuilt; the figures and the open alerts for the sidebar. */
    refreshDashboard(): ProgressView {
      const report = host.withDocumentLock(() => refreshAll(host, today()));
      return progressView(report, (id) => report.names.get(id) ?? id);
    },
    findStudents(text: string) {
      return findStudents(store, text);
    },
    /** One student's family letter as a Google Doc; null locally (or for an unknown student). */
    familyLetterDoc(studentId: string): FamilyLetterDoc | null {
      return host.familyLetterDoc?.(studentId, today()) ?? null;
    },
    /**
     * A tutor's service certificate as a Google Doc; locally null (the sidebar names the command that
     * writes the printable page). An unknown student, or one without service hours, is a clear error.
     */
    certificateDoc(studentId: string): FamilyLetterDoc | null {
      if (!host.certificateDoc) return null;
      const made = host.certificateDoc(studentId, today());
      if (!made) throw new Error(`${studentId.trim() || 'That student'} has no service hours this term (no held session as a tutor, and no adjustment on the Service hours tab)`);
      return made;
    },
    /** Applies an alert's suggested re-match (the tutor the teacher saw), then refreshes the dashboard. */
    applyRematch(pairId: string, tutorId: string): { applied: boolean; message: string; view: ProgressView | null } {
      return host.withDocumentLock(() => {
        const outcome = applyRematch(store, pairId, tutorId, today(), host.now());
        if (!outcome.applied) return { applied: false, message: outcome.message, view: null };
        const report = refreshAll(host, today());
        return { applied: true, message: outcome.message, view: progressView(report, (id) => report.names.get(id) ?? id) };
      });
    },
    studentProgress(studentId: string): StudentProgress | null {
      return studentProgress(store, studentId, today());
    },
    /** Pairs whose tutee mastered every skill of the subject: raise the level, keep or end the pair. */
    masteryMilestones(): Milestone[] {
      return masteryMilestones(store);
    },
    confirmMilestone(pairId: string, endPair: boolean): Milestone | null {
      return host.withDocumentLock(() => confirmMilestone(store, pairId, endPair, today(), host.now()));
    },
    /** What the Messages section offers: templates, the running pairs and their subjects. */
    messageChoices(): MessageChoices {
      return messageChoices(store);
    },
    previewMessage(request: MessageRequest): MessagePreview {
      return previewMessage(store, request, mailOf(host));
    },
    sendMessage(request: MessageRequest): MessageReport {
      return host.withDocumentLock(() => sendMessage(store, request, mailOf(host), host.now()));
    },
    /** A tutor's upcoming sessions with their agendas (the next four weeks, at most 8). */
    tutorAgendas(tutorId: string): TutorAgendas {
      return tutorAgendas(store, tutorId, today());
    },
    calendarSyncStatus(): CalendarSyncReport | null {
      return host.calendar?.status() ?? null;
    },
    /** "Continue now" (and the open sidebar): runs what is left over now, then reports where Calendar stands. */
    continuePendingWork(): CalendarSyncReport | null {
      if (host.runPendingWork) host.withDocumentLock(() => host.runPendingWork!());
      return host.calendar?.status() ?? null;
    },
    /** The columns found in a roster CSV and what importing it would do; nothing is written. */
    previewRosterCsv(csvText: string): RosterImportReport {
      return importRosterCsv(store, csvText, false);
    },
    importRosterCsv(csvText: string): RosterImportReport {
      return host.withDocumentLock(() => importRosterCsv(store, csvText, true));
    },
    /** The teacher's active Google Classroom courses; null where there is no Classroom (locally). */
    classroomCourses(): ClassroomCourse[] | null {
      return host.classroom?.courses() ?? null;
    },
    /** Who has no guardian consent yet (active students), with their links; the consent form's address (null locally or before it exists). */
    consentStatus(): { formUrl: string | null; pending: PendingConsent[] } {
      return { formUrl: host.forms?.consentFormUrl() ?? null, pending: pendingConsents(store) };
    },
    /** Makes (or updates) the consent form and writes each student's link; Google only. */
    createConsentForm(): { formUrl: string; linksWritten: number; pending: PendingConsent[] } {
      if (!host.forms) throw new Error('The consent form is a Google Form: use Peer Tutoring → Consent in Google Sheets. Locally, record answers with peer-tutoring import.');
      const made = host.withDocumentLock(() => host.forms!.createConsentForm());
      return { formUrl: made.formUrl, linksWritten: made.linksWritten, pending: pendingConsents(store) };
    },
    /** Emails each pending student's guardian their consent link, once; `again`: Student IDs to email again. */
    emailConsentLinks(again: string[]): ConsentEmailReport {
      if (!host.mail) throw new Error('Email is not available here.');
      const mail = host.mail;
      return host.withDocumentLock(() => emailConsentLinks(store, mail, readSettings(store).settings.programName, () => host.now(), again));
    },
    /** Each new tutor and the mentor the matcher finds (nothing is written: Refresh dashboard writes the Mentors tab). */
    mentors(): MentorRow[] {
      const { data, program } = readProgressData(store, today());
      return mentorRows(program, data.sessions, data.pairs);
    },
    /** Upcoming sessions whose tutor is absent (or whose pair is paused), each with the matcher's substitute. */
    substituteNeeds(): SubstituteNeed[] {
      return substituteNeeds(store, today());
    },
    /** Logs a substitute on the session (only one the matcher still proposes). */
    assignSubstitute(sessionId: string, tutorId: string): { assigned: boolean; message: string } {
      return host.withDocumentLock(() => {
        const result = assignSubstitute(store, sessionId, tutorId, today());
        const calendar = substituteInCalendar(store, host.calendar, sessionId, tutorId);
        return calendar ? { ...result, message: `${result.message}. ${calendar}` } : result;
      });
    },
    /** Students of the chosen courses merged into Students (a preview unless `apply`). */
    importFromClassroom(courseIds: string[], apply: boolean): RosterImportReport {
      if (!host.classroom) throw new Error('Google Classroom is only available in Google Sheets.');
      const students = host.classroom.students(courseIds);
      return apply ? host.withDocumentLock(() => importStudents(store, students, true)) : importStudents(store, students, false);
    },
  };
}

function mailOf(host: HostEnvironment): MailPort {
  if (!host.mail) throw new Error('Email is not available here.');
  return host.mail;
}

export type SidebarApi = ReturnType<typeof createSidebarApi>;
export type SidebarFunction = keyof SidebarApi;
