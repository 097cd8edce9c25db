// Every function Apps Script calls by name: triggers, menu items and the sidebar's server calls.
// gas-webpack-plugin turns each export of this file into a top-level function of build/Code.js.
import type { CalendarHandover, CalendarPort, CalendarSyncReport } from '../sheets/scheduling/calendar-port';
import type { MatchOptions } from '../sheets/matching/service';
import type { ExactAnswer } from '../core/matching/exact-relay';
import type { PairAction } from '../sheets/matching/pair-actions';
import { setUpProgram } from '../sheets/program/setup';
import { programToday, readSettings } from '../sheets/program/settings';
import { planSchedule } from '../sheets/scheduling/service';
import {
  calendarRequest,
  currentCalendarRequest,
  createSidebarApi,
  runSchedule,
  type ScheduleOptions,
  type ScheduleOutcome,
  type ApplyWithAnswers,
  type SidebarApi,
} from '../sheets/sidebar-api';
import { acknowledgeOwnWrites, calendarPort, refreshSeriesDescriptions, DEFAULT_LIMITS, SIDEBAR_LIMITS, type CalendarSyncLimits } from './calendar/sync';
import type { ReadOnceStore } from '../sheets/store/read-once-store';
import type { TableStore } from '../sheets/store/table-store';
import { GoogleForms, type CreateFormsReport, type FormSubmitEvent } from './forms/google-forms';
import { unsentNotice } from './forms/talk-mail';
import { appsScriptHost, ifDocumentLockFree, type AppsScriptHost } from './host';
import { listPage } from './html';
import { PendingWork, type JobName } from './pending-work';
import type { MailPort, MessageRequest } from '../sheets/sessions/messages';
import { meetLinks, type AdvancedCalendar } from './sessions/meet-links';
import { CALENDAR_ID, CalendarUnavailable, openProgramCalendar } from './calendar/program-calendar';
import { syncOneOffEvents } from './sessions/one-off-events';
import { makeGuideDocs } from './sessions/guide-docs';
import { readProgram } from '../sheets/program/roster';
import { sendWeeklyEmails, type WeeklyState } from '../sheets/sessions/weekly-email';
import { classroomPort } from './people/classroom';
import { advancedSheets, archiveToSpreadsheet, clearAfterSpreadsheetArchive } from './people/end-term';
import { substituteGuest } from './people/substitute-calendar';
import { certificateDoc as makeCertificateDoc } from './people/certificate-doc';
import { keepDailyAlerts, refreshIfStale, runDailyAlerts } from './progress/background';
import { drawDashboardCharts } from './progress/dashboard-charts';
import { allLetterDocs, letterDoc, type LetterServices } from './progress/family-letters';
import { type DocsApi } from './docs/docs-api';

const MENU = [
  ['Set up program', 'menuSetUpProgram'],
  ['Check roster', 'menuCheckRoster'],
  ['Match students', 'menuMatchStudents'],
  ['Schedule sessions', 'menuScheduleSessions'],
  ['Create forms', 'menuCreateForms'],
  ['File responses', 'menuFileResponses'],
  ['Refresh dashboard', 'menuRefreshDashboard'],
  ['Family letters (Google Docs)', 'menuFamilyLetters'],
  ['Continue pending work now', 'menuContinuePendingWork'],
  ['Start a new program calendar', 'menuStartNewCalendar'],
  ['Consent', 'menuConsent'],
  ['End term', 'menuEndTerm'],
  ['Guides', 'menuGuides'],
] as const;

/** How the teacher is told that work goes on after this run (menu dialogs; the sidebar says the same). */
const CONTINUES = 'they continue within the hour, or now with Peer Tutoring → Continue pending work now (or while the sidebar is open).';

/** Builds the menu only: in AuthMode.NONE no other service may be used. */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [label, functionName] of MENU) menu.addItem(label, functionName);
  menu.addToUi();
}

export function onInstall(): void {
  onOpen();
}

export function menuSetUpProgram(): void {
  const host = appsScriptHost();
  const report = host.withDocumentLock(() => setUpProgram(host.store));
  const created = report.created.length ? `Created tabs: ${report.created.join(', ')}.` : 'All tabs were already there.';
  const added = Object.entries(report.columnsAdded).map(([tab, headers]) => ` Added to ${tab}: ${headers.join(', ')}.`);
  SpreadsheetApp.getUi().alert('Peer Tutoring', `${created}${added.join('')}`, SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuCheckRoster(): void {
  const problems = sidebarApi().checkRoster();
  const page = listPage(
    `${problems.length} problem${problems.length === 1 ? '' : 's'} found. The cells are highlighted and carry a note; click a line to go to its cell.`,
    problems.map(({ text, tab, row, columnIndex }) => ({
      text,
      cell: row > 0 ? { tab, row, column: Math.max(columnIndex, 1) } : undefined,
    })),
    'No problems found: Settings, Blocks and Students are ready.',
  );
  // Modeless, so the teacher can fix cells while the list stays open.
  SpreadsheetApp.getUi().showModelessDialog(HtmlService.createHtmlOutput(page).setWidth(520).setHeight(360), 'Roster check');
}

/** Rebuilds Mastery, Alerts and Dashboard and says how many alerts are open (the sidebar lists them). */
export function menuRefreshDashboard(): void {
  const { alerts } = refreshDashboard();
  const ui = SpreadsheetApp.getUi();
  const open = alerts.length === 1 ? '1 alert is open' : `${alerts.length} alerts are open`;
  ui.alert('Refresh dashboard', `The Dashboard, Alerts and Mastery tabs are up to date; ${open} (see the Alerts tab, or Progress in the sidebar).`, ui.ButtonSet.OK);
}

/** The family letters' Docs services (the advanced Docs and Drive services under drive.file; see docs-api.ts). */
function letterServices(store: TableStore): LetterServices {
  return {
    docsApi: docsApi(),
    properties: PropertiesService.getDocumentProperties(),
    store,
    clock: () => Date.now(),
    programName: readSettings(store).settings.programName,
  };
}

/** The advanced Docs and Drive services (enabled in the manifest). */
function docsApi(): DocsApi {
  return { docs: Docs!, drive: Drive! };
}

/** "Family letters (Google Docs)": a letter for every tutee, as many as fit in one run (run it again to go on). */
export function menuFamilyLetters(): void {
  const host = appsScriptHost();
  const report = host.withDocumentLock(() => allLetterDocs(letterServices(host.store), programToday(host.store, host.now())));
  const made = `${report.letters.length} letter${report.letters.length === 1 ? '' : 's'} made`;
  const rest = report.remaining ? `; ${report.remaining} tutees are left: choose Family letters again to go on.` : '; every tutee has today’s letter.';
  const heading = `${made}${rest} Template: ${report.template.url}${report.template.created ? ' (new: edit it, then make the letters again)' : ''}`;
  const lines = [...report.problems, ...report.letters.map((letter) => `${letter.name}: ${letter.url}`)];
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(listPage(heading, lines.map((text) => ({ text })), heading)).setWidth(560).setHeight(400), 'Family letters');
}

/** "Guides": a starter Google Doc for each Guides row without a Link, linked from that row (run it again to go on). */
export function menuGuides(): void {
  const host = appsScriptHost();
  const services = { docsApi: docsApi(), properties: PropertiesService.getDocumentProperties(), store: host.store, clock: () => Date.now(), programName: readSettings(host.store).settings.programName };
  const report = host.withDocumentLock(() => makeGuideDocs(services));
  const rest = report.remaining ? ` ${report.remaining} guides are left: choose Guides again to go on.` : ' Every guide has a link now (a Link you typed is never replaced).';
  const ui = SpreadsheetApp.getUi();
  ui.alert('Guides', `${report.made} starter Doc${report.made === 1 ? '' : 's'} made; ${report.linked} Link cell${report.linked === 1 ? '' : 's'} filled.${rest}`, ui.ButtonSet.OK);
}

export function menuMatchStudents(): void {
  const sidebar = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Peer Tutoring');
  SpreadsheetApp.getUi().showSidebar(sidebar);
}

/** "Schedule sessions": writes Sessions, syncs the program calendar (no invitation emails) and shows the report. */
/** Previews the schedule and creates it only once the teacher agrees (invitations: from the sidebar only). */
export function menuScheduleSessions(): void {
  const ui = SpreadsheetApp.getUi();
  const preview = sidebarApi().previewSchedule();
  if (preview.pairs.length === 0) {
    const waiting = sidebarApi().pairsAwaitingStart().proposed.length;
    const start = waiting ? ` ${waiting} proposed pairs wait to start: open Peer Tutoring → Match students, Sessions tab, and start them.` : '';
    ui.alert('Schedule sessions', `No Active or Trial pairs yet, so there is nothing to schedule.${start}`, ui.ButtonSet.OK);
    return;
  }
  const question =
    `${preview.sessions} sessions for ${preview.pairs.length} pairs, in ${preview.events} recurring Calendar events ` +
    `(${preview.added} to add, ${preview.moved} to move, ${preview.removed} to remove on the Sessions tab). ` +
    'No invitations are emailed. Create them now?';
  if (ui.alert('Schedule sessions', question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
  const outcome = scheduleSessions({ sendInvitations: false });
  const heading = scheduleHeading(outcome);
  const page = listPage(heading, scheduleLines(outcome).map((text) => ({ text })), heading);
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(page).setWidth(520).setHeight(360), 'Schedule sessions');
}

/**
 * The document's hourly trigger: runs whatever earlier runs left over. When another run holds the
 * lock, it does nothing and loses nothing: the work stays registered and the trigger comes back.
 */
export function runPendingWork(): void {
  const work = pendingWork();
  if (work.jobs().length === 0) return work.settle();
  const host = hostWithCalendar();
  if (!ifDocumentLockFree(() => host.runPendingWork!(), host.store).ran) work.keepFollowingUp();
}

/**
 * "Create forms": the Reflection form and the Exit ticket quiz (from the Exit ticket questions tab),
 * created the first time and brought in line with the tab on later runs; the form-submit trigger;
 * each session's links on the Sessions tab.
 */
export function menuCreateForms(): void {
  const host = appsScriptHost();
  const report = host.withDocumentLock(() => googleForms(host.store).createForms());
  const heading = createFormsHeading(report);
  const lines = createFormsLines(report);
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(listPage(heading, lines.map((text) => ({ text })), heading)).setWidth(560).setHeight(400), 'Create forms');
}

const OUTCOME_TEXT: Record<CreateFormsReport['reflection']['outcome'], string> = {
  created: 'created',
  recreated: 'created again (the earlier one was deleted)',
  updated: 'updated',
  unchanged: 'already up to date',
  'not created': 'not created',
};

function createFormsHeading(report: CreateFormsReport): string {
  const quiz = report.exitTicket.reason ?? `${OUTCOME_TEXT[report.exitTicket.outcome]} (${report.skills} skills, ${report.questions} questions)`;
  return `Reflection form ${OUTCOME_TEXT[report.reflection.outcome]}. Exit ticket quiz ${quiz}.`;
}

function createFormsLines(report: CreateFormsReport): string[] {
  const links = report.links.problem
    ? `Session links: not written, ${report.links.problem}`
    : `Session links: ${report.links.linked} sessions got their links on the Sessions tab (Tutor reflection, Tutee reflection, Exit ticket).`;
  return [
    `Reflection form for students: ${report.reflection.url}`,
    ...(report.exitTicket.url ? [`Exit ticket quiz for students: ${report.exitTicket.url}`] : []),
    `Help request form (an extra session with a free tutor): ${report.helpRequest.url}`,
    links,
    'Calendar events get the links (naming the pair: the form finds the session of the day) at the next Schedule sessions.',
    report.trigger === 'installed'
      ? 'Responses are filed as they arrive (a form-submit trigger was installed under your account); requests to talk to a teacher are emailed to you.'
      : 'Responses are filed as they arrive; requests to talk to a teacher are emailed to you.',
    ...report.problems.map((problem) => `Left out of the quiz: ${problem}`),
  ];
}

/** "File responses": files every response waiting in the responses tabs, then re-files Needs review. */
export function menuFileResponses(): void {
  const host = appsScriptHost();
  const { queue, refiled, unsentMail } = host.withDocumentLock(() => googleForms(host.store).fileAll());
  const filed = queue.report.reflections + queue.report.exitTickets + refiled.reflections + refiled.exitTickets;
  const review = queue.report.needsReview + refiled.needsReview;
  const text =
    `${filed} responses filed (${queue.report.duplicates} already filed, not again). ` +
    `${review ? `${review} are in Needs review, each with the reason: correct its Session, Student ID or Skill there and choose File responses again.` : 'Nothing waits in Needs review.'}` +
    `${unsentMail ? ` ${unsentNotice(unsentMail, true)}` : ''}`;
  const ui = SpreadsheetApp.getUi();
  ui.alert('File responses', text, ui.ButtonSet.OK);
}

/**
 * The spreadsheet's form-submit trigger (both forms). Waits a few seconds for the lock at most: if
 * another run holds it, the response stays in its responses tab and a later run files it.
 */
export function fileSubmittedResponse(event: FormSubmitEvent): void {
  googleForms(appsScriptHost().store).onSubmit(event);
}

/** The one-time follow-up trigger of earlier versions, which may still fire once: it runs the same work. */
export function continueCalendarSync(): void {
  runPendingWork();
}

/** "Continue pending work now": runs what is left over at once and says where Calendar stands. */
export function menuContinuePendingWork(): void {
  const status = sidebarApi().continuePendingWork();
  const ui = SpreadsheetApp.getUi();
  ui.alert('Continue pending work', continueText(status), ui.ButtonSet.OK);
}

function continueText(status: CalendarSyncReport | null): string {
  if (!status) return 'Nothing is waiting: Calendar has not been synced from this spreadsheet yet.';
  const notices = status.notices.length ? ` ${status.notices.join(' ')}` : '';
  if (status.done) return `Nothing is waiting: Calendar is up to date.${notices}`;
  return `${status.remaining} Calendar changes are still left; ${CONTINUES}${notices}`;
}

/**
 * "Start a new program calendar": only when the teacher asks. The old calendar's series that this
 * account can reach are ended, the old calendar is forgotten, and scheduling makes a new calendar
 * owned by this account with every series of the current plan.
 */
export function menuStartNewCalendar(): void {
  const ui = SpreadsheetApp.getUi();
  const question =
    'This makes a new program calendar owned by your account and adds every pair’s sessions to it (no invitations are emailed). ' +
    'The series in the old program calendar that your account can change are ended today. Use it when you take the program over. Continue?';
  if (ui.alert('Start a new program calendar', question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
  const host = hostWithCalendar();
  const { handover, outcome } = host.withDocumentLock(() => {
    const today = programToday(host.store, host.now());
    const handover = host.calendar!.retire(calendarRequest(planSchedule(host.store, today), today, false));
    return { handover, outcome: handover.done ? runSchedule(host, today, false, true) : null };
  });
  const heading = `${handoverText(handover)}${outcome ? ` ${scheduleHeading(outcome)}` : ''}`;
  const lines = [...handover.notices, ...(outcome ? scheduleLines(outcome) : [])];
  ui.showModalDialog(HtmlService.createHtmlOutput(listPage(heading, lines.map((text) => ({ text })), heading)).setWidth(520).setHeight(360), 'Start a new program calendar');
}

function handoverText(handover: CalendarHandover): string {
  if (!handover.done) {
    return `${handover.ended} old series ended; ${handover.remaining} are left, so the old calendar is kept for now: run Start a new program calendar again to finish.`;
  }
  return handover.reached ? `Old calendar: ${handover.ended} series ended.` : 'Old calendar: not changed.';
}

function scheduleHeading({ sessions, calendar }: ScheduleOutcome): string {
  const tab = `Sessions: ${sessions.sessions} (${sessions.added} added, ${sessions.moved} moved, ${sessions.removed} removed).`;
  if (!calendar) return tab;
  if (calendar.blocked) return `${tab} Calendar: not changed (see below).`;
  const events = ` Calendar: ${calendar.created} series created, ${calendar.updated} updated, ${calendar.ended} ended, ${calendar.unchanged} unchanged, ${calendar.recreated} recreated.`;
  const rest = calendar.done ? '' : ` ${calendar.remaining} Calendar changes are left; ${CONTINUES}`;
  return tab + events + rest;
}

function scheduleLines({ sessions, calendar }: ScheduleOutcome): string[] {
  return [...(calendar?.notices ?? []), ...sessions.warnings, ...sessions.shortfalls];
}

/** The document's left-over work and its trigger (built when used: most calls never need ScriptApp). */
function pendingWork(): PendingWork {
  // Services read when used: marking the dashboard out of date needs only the properties.
  return new PendingWork({
    properties: PropertiesService.getDocumentProperties(),
    get scriptApp() {
      return ScriptApp;
    },
    get spreadsheet() {
      return SpreadsheetApp.getActiveSpreadsheet();
    },
    clock: () => Date.now(),
  });
}

/** What each kind of left-over work runs (the document lock is held). */
const JOBS: Record<JobName, (host: AppsScriptHost) => void> = {
  calendarSync: (host) => {
    runSchedule(host, programToday(host.store, host.now()), host.calendar!.pendingInvitationChoice(), false);
  },
  fileResponses: (host) => {
    googleForms(host.store).fileQueue();
  },
  // Stays registered while Settings say when to send; each run sends what this week still owes.
  weeklyEmail: (host) => {
    if (!keepWeeklyEmailJob(host.store)) return;
    const { week } = sendWeeklyEmails(host.store, host.mail!, weeklyState(), programToday(host.store, host.now()), host.now());
    if (week) refreshAgendasOnce(host, week);
  },
  // Refreshed after the other jobs (which may mark it out of date again), by runJobs below.
  dashboardRefresh: () => undefined,
  dailyAlerts: (host) => {
    runDailyAlerts(host, {
      mailApp: MailApp,
      recipient: () => CalendarApp.getId(),
      properties: PropertiesService.getDocumentProperties(),
      spreadsheetUrl: () => SpreadsheetApp.getActiveSpreadsheet().getUrl(),
      work: pendingWork(),
    });
  },
};

const WEEKLY_STATE = 'ptHub.weeklyEmail';
const AGENDA_WEEK = 'ptHub.calendar.agendaWeek';

/**
 * Once for each week the tutors' email announces: every series' description gets its coming session's
 * agenda (only series whose agenda changed, one write each). Left to the sync when one is pending.
 */
function refreshAgendasOnce(host: AppsScriptHost, week: string): void {
  const properties = PropertiesService.getDocumentProperties();
  if (properties.getProperty(AGENDA_WEEK) === week || pendingWork().has('calendarSync')) return;
  const request = currentCalendarRequest(host, programToday(host.store, host.now()));
  const written = refreshSeriesDescriptions({ calendarApp: CalendarApp, properties, clock: () => Date.now() }, request);
  // The add-on's own writes: not reported as changes by hand at the next sync.
  if (written.length && typeof Calendar !== 'undefined' && Calendar) acknowledgeOwnWrites(properties, Calendar.Events, new Set(written));
  properties.setProperty(AGENDA_WEEK, week);
}

/** Which tutors got this week's email, in the document's properties (a few IDs: far under 9 KB). */
function weeklyState(): WeeklyState {
  const properties = PropertiesService.getDocumentProperties();
  return {
    load: () => {
      const text = properties.getProperty(WEEKLY_STATE);
      return text ? (JSON.parse(text) as { week: string; sent: string[] }) : null;
    },
    save: (state) => properties.setProperty(WEEKLY_STATE, JSON.stringify(state)),
  };
}

/**
 * The weekly tutor email is a job of the one hourly dispatcher while Settings name a day (no trigger
 * of its own); set Off, the job goes (and the trigger with it when nothing else waits). True when on.
 */
function keepWeeklyEmailJob(store: TableStore): boolean {
  const on = readSettings(store).settings.weeklyEmailDay !== null;
  const work = pendingWork();
  if (on && !work.has('weeklyEmail')) work.add('weeklyEmail');
  if (!on && work.has('weeklyEmail')) work.finish('weeklyEmail');
  return on;
}

/**
 * Runs every job left over; one that fails stays registered with its reason, and the others still run.
 * Then the dashboard, if something marked it out of date (a failed refresh keeps the mark).
 */
function runJobs(host: AppsScriptHost): void {
  const work = pendingWork();
  for (const job of work.jobs()) {
    try {
      JOBS[job](host);
    } catch (error) {
      work.recordFailure(job, String((error as Error)?.message ?? error));
    }
  }
  try {
    refreshIfStale(host, work);
  } catch {
    // Kept marked: the next run tries again; the teacher can refresh from the menu meanwhile.
  }
}

/**
 * Meet links through the Advanced Calendar service (enabled in the manifest); none without a program
 * calendar. The events it patched are the add-on's own writes: the sync's change token moves past them.
 */
function meetLinksNow(seriesKeys: readonly string[], eventIds: Map<string, string>): Map<string, string> {
  const properties = PropertiesService.getDocumentProperties();
  const calendarId = properties.getProperty(CALENDAR_ID);
  if (!calendarId || typeof Calendar === 'undefined' || !Calendar) return new Map();
  const advanced: AdvancedCalendar = Calendar;
  const { links, patched } = meetLinks({ calendar: advanced, properties, calendarId, eventIds, requestId: () => Utilities.getUuid() }, seriesKeys);
  if (patched.length) acknowledgeOwnWrites(properties, Calendar.Events, new Set(patched));
  return links;
}

/**
 * The events of booked one-off sessions, on the program calendar (made now if there is none yet); none
 * while the calendar belongs to someone who has not shared it with this account.
 */
function oneOffEventsNow(store: TableStore, booked: boolean, beforeCreating: () => void): { left: number } {
  const properties = PropertiesService.getDocumentProperties();
  const open = () => {
    const { settings } = readProgram(store).program;
    try {
      return openProgramCalendar(CalendarApp, properties, settings.programName, settings.timezone || store.timeZone);
    } catch (error) {
      if (error instanceof CalendarUnavailable) return null;
      throw error;
    }
  };
  const advanced: AdvancedCalendar | null = typeof Calendar === 'undefined' ? null : (Calendar ?? null);
  return syncOneOffEvents(store, new Date(), booked, open, { properties, advanced, requestId: () => Utilities.getUuid(), beforeCreating, clock: () => Date.now() });
}

/** The teacher's own account sends (MailApp: the script.send_mail scope, already needed for requests to talk). */
function mailAppPort(): MailPort {
  return {
    where: 'your email account',
    remainingQuota: () => MailApp.getRemainingDailyQuota(),
    send: (to, subject, body) => MailApp.sendEmail(to, subject, body),
  };
}

function hostWithCalendar(limits: CalendarSyncLimits = DEFAULT_LIMITS): AppsScriptHost {
  // Built lazily: menus and sidebar calls that do not schedule never touch Calendar or triggers.
  const port = calendarPort(
    () => ({
      calendarApp: CalendarApp,
      properties: PropertiesService.getDocumentProperties(),
      followUp: { continueLater: () => pendingWork().add('calendarSync'), finished: () => pendingWork().finish('calendarSync') },
      sleep: (milliseconds) => Utilities.sleep(milliseconds),
      clock: () => Date.now(),
      // The advanced Calendar service, enabled in the manifest (undefined where it is not).
      events: typeof Calendar === 'undefined' ? undefined : Calendar?.Events,
    }),
    limits,
  );
  const base = appsScriptHost();
  const calendar: CalendarPort = {
    ...withFailureNotice(port),
    meetLinks: (keys) => meetLinksNow(keys, port.eventIds()),
    substituteGuest: (change) =>
      substituteGuest({ calendarApp: CalendarApp, properties: PropertiesService.getDocumentProperties(), events: typeof Calendar === 'undefined' ? undefined : Calendar?.Events }, change),
  };
  const host = { ...base, calendar, forms: googleForms(base.store), mail: mailAppPort(), classroom: classroomPort(classroomService) };
  host.runPendingWork = () => runJobs(host);
  host.familyLetterDoc = (studentId, today) => {
    const { report, letter } = letterDoc(letterServices(host.store), studentId, today);
    return letter && { name: letter.name, url: letter.url, templateUrl: report.template.url, templateCreated: report.template.created, problems: report.problems };
  };
  host.certificateDoc = (studentId, today) => makeCertificateDoc(letterServices(host.store), studentId, today);
  host.afterRefresh = (report) => {
    drawDashboardCharts(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties(), report.charts);
    keepDailyAlerts(report, pendingWork());
    keepWeeklyEmailJob(host.store);
  };
  return host;
}

/** The Classroom advanced service (enabled in the manifest; a copy of the script without it says so). */
function classroomService(): GoogleAppsScript.Classroom {
  if (typeof Classroom === 'undefined' || !Classroom) throw new Error('The Google Classroom service is not turned on for this script (Services → Google Classroom API).');
  return Classroom;
}

/** The Calendar status, with why the last background run stopped when it did. */
function withFailureNotice(port: CalendarPort): CalendarPort {
  return {
    ...port,
    status: () => {
      const status = port.status();
      const failure = status && !status.done ? pendingWork().failure('calendarSync') : null;
      if (!status || !failure) return status;
      return { ...status, notices: [...status.notices, `The last run in the background stopped: ${failure}`] };
    },
  };
}

/**
 * The forms side over this spreadsheet. Services are read when used (getters), so a run that never
 * touches Forms, Mail or triggers needs none of them.
 */
function googleForms(store: ReadOnceStore): GoogleForms {
  return new GoogleForms({
    get formApp() {
      return FormApp;
    },
    get mailApp() {
      return MailApp;
    },
    get scriptApp() {
      return ScriptApp;
    },
    get calendarApp() {
      return CalendarApp;
    },
    get spreadsheet() {
      return SpreadsheetApp.getActiveSpreadsheet();
    },
    store,
    get properties() {
      return PropertiesService.getDocumentProperties();
    },
    pendingWork,
    oneOffEvents: (booked, beforeCreating) => oneOffEventsNow(store, booked, beforeCreating),
    tryLock: (task, waitMs) => ifDocumentLockFree(task, store, waitMs),
    now: () => new Date(),
  });
}

function sidebarApi(limits?: CalendarSyncLimits): SidebarApi {
  return createSidebarApi(hostWithCalendar(limits));
}

// The sidebar's server functions (called through google.script.run).
export function getOverview() {
  return sidebarApi().getOverview();
}
export function checkRoster() {
  return sidebarApi().checkRoster();
}
export function proposeMatches(options: MatchOptions, exactAnswers?: ExactAnswer[]) {
  return sidebarApi().proposeMatches(options, exactAnswers);
}
export function alternatives(options: MatchOptions, need: Parameters<SidebarApi['alternatives']>[1], exactAnswers?: ExactAnswer[]) {
  return sidebarApi().alternatives(options, need, exactAnswers);
}
export function browserSolverScript() {
  return sidebarApi().browserSolverScript();
}
export function applyMatches(request: ApplyWithAnswers) {
  const outcome = sidebarApi().applyMatches(request);
  if (outcome.applied) pendingWork().refreshLater();
  return outcome;
}
export function undoChange(version: number) {
  return sidebarApi().undoChange(version);
}
export function pairsAwaitingStart() {
  return sidebarApi().pairsAwaitingStart();
}
export function changePairs(action: PairAction, pairIds: string[] | 'all') {
  return sidebarApi().changePairs(action, pairIds);
}
export function formsStatus() {
  return sidebarApi().formsStatus();
}
export function talkRequests() {
  return sidebarApi().talkRequests();
}
export function markTalkHandled(responseId: string) {
  return sidebarApi().markTalkHandled(responseId);
}
export function refreshDashboard() {
  return sidebarApi().refreshDashboard();
}
export function findStudents(text: string) {
  return sidebarApi().findStudents(text);
}
export function studentProgress(studentId: string) {
  return sidebarApi().studentProgress(studentId);
}
export function familyLetterDoc(studentId: string) {
  return sidebarApi().familyLetterDoc(studentId);
}
export function emailConsentLinks(again: string[]) {
  return sidebarApi().emailConsentLinks(again);
}
export function certificateDoc(studentId: string) {
  return sidebarApi().certificateDoc(studentId);
}
export function applyRematch(pairId: string, tutorId: string) {
  return sidebarApi().applyRematch(pairId, tutorId);
}
export function masteryMilestones() {
  return sidebarApi().masteryMilestones();
}
export function confirmMilestone(pairId: string, endPair: boolean) {
  return sidebarApi().confirmMilestone(pairId, endPair);
}
export function selectCell(tab: string, row: number, column: number) {
  return sidebarApi().selectCell(tab, row, column);
}

export function previewSchedule() {
  return sidebarApi().previewSchedule();
}
export function scheduleSessions(options: ScheduleOptions) {
  const host = hostWithCalendar();
  const outcome = createSidebarApi(host).scheduleSessions(options);
  keepWeeklyEmailJob(host.store);
  pendingWork().refreshLater();
  return outcome;
}
export function calendarSyncStatus() {
  return sidebarApi().calendarSyncStatus();
}
/** From the sidebar (its Continue button, and while it is open): short runs, so the teacher's own actions get the lock. */
export function continuePendingWork() {
  return sidebarApi(SIDEBAR_LIMITS).continuePendingWork();
}
export function tutorAgendas(tutorId: string) {
  return sidebarApi().tutorAgendas(tutorId);
}
export function messageChoices() {
  return sidebarApi().messageChoices();
}
export function previewMessage(request: MessageRequest) {
  return sidebarApi().previewMessage(request);
}
export function sendMessage(request: MessageRequest) {
  return sidebarApi().sendMessage(request);
}
/** "Consent": the guardian consent form, each student's link on the Students tab, and who is still pending. */
export function menuConsent(): void {
  const host = appsScriptHost();
  const report = host.withDocumentLock(() => googleForms(host.store).createConsentForm());
  const heading = `Consent form ${OUTCOME_TEXT[report.form.outcome]}: ${report.form.url}. ${report.pending.length} active students are without consent.`;
  const lines = [
    `Each student's own link (the Student ID filled in) is in the Students tab, column "Consent form"${report.linksWritten ? ` (${report.linksWritten} written now)` : ''}: send it to the guardian (column "Guardian email"), or use Email the links to guardians in the sidebar's People tab (each guardian once).`,
    'Answers are recorded in the Consent column with their date (the latest answer counts); a No ends the student\'s pairs and future sessions.',
    ...report.pending.map((p) => `Waiting: ${p.name} (${p.studentId}), ${p.consent}${p.guardianEmail ? `, guardian ${p.guardianEmail}` : ', no guardian email on the roster'}`),
  ];
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(listPage(heading, lines.map((text) => ({ text })), heading)).setWidth(560).setHeight(420), 'Consent');
}

/**
 * "End term": archives the program to a new spreadsheet named for the term (verified tab by tab), then
 * asks before clearing personal data past its retention. Run it again if it was cut short: it goes on.
 */
export function menuEndTerm(): void {
  const ui = SpreadsheetApp.getUi();
  const host = appsScriptHost();
  const services = {
    sheets: advancedSheets(),
    properties: PropertiesService.getDocumentProperties(),
    store: host.store,
    now: () => new Date(),
  };
  const report = host.withDocumentLock(() => archiveToSpreadsheet(services));
  if (!report.verified) {
    ui.alert('End term', `The archive ${report.url} does not match yet (${report.mismatches.join(', ')}): run End term again. Nothing was cleared.`, ui.ButtonSet.OK);
    return;
  }
  const question =
    `The term is archived and verified: ${report.url} (${report.tabs.length} tabs). ` +
    'Clear personal data past its retention now (reflections\' free text, notes, names of students who left, guardians\' names)? IDs, dates and scores stay.';
  if (ui.alert('End term', question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
  const cleared = host.withDocumentLock(() => clearAfterSpreadsheetArchive(services, programToday(host.store, new Date())));
  const total = Object.values(cleared).reduce((sum, n) => sum + n, 0);
  ui.alert('End term', `Cleared personal data in ${total} rows (${Object.entries(cleared).map(([tab, n]) => `${tab} ${n}`).join(', ')}).`, ui.ButtonSet.OK);
}

export function mentors() {
  return sidebarApi().mentors();
}
export function substituteNeeds() {
  return sidebarApi().substituteNeeds();
}
export function assignSubstitute(sessionId: string, tutorId: string) {
  return sidebarApi().assignSubstitute(sessionId, tutorId);
}
export function consentStatus() {
  return sidebarApi().consentStatus();
}
export function createConsentForm() {
  return sidebarApi().createConsentForm();
}
export function previewRosterCsv(csvText: string) {
  return sidebarApi().previewRosterCsv(csvText);
}
export function importRosterCsv(csvText: string) {
  return sidebarApi().importRosterCsv(csvText);
}
export function classroomCourses() {
  return sidebarApi().classroomCourses();
}
export function importFromClassroom(courseIds: string[], apply: boolean) {
  return sidebarApi().importFromClassroom(courseIds, apply);
}

// Fails to compile when a sidebar function is missing here or has another signature.
({
  getOverview,
  checkRoster,
  proposeMatches,
  alternatives,
  browserSolverScript,
  applyMatches,
  undoChange,
  pairsAwaitingStart,
  changePairs,
  formsStatus,
  talkRequests,
  markTalkHandled,
  refreshDashboard,
  findStudents,
  studentProgress,
  applyRematch,
  familyLetterDoc,
  masteryMilestones,
  confirmMilestone,
  selectCell,
  previewSchedule,
  scheduleSessions,
  calendarSyncStatus,
  continuePendingWork,
  tutorAgendas,
  messageChoices,
  previewMessage,
  sendMessage,
  mentors,
  substituteNeeds,
  assignSubstitute,
  consentStatus,
  createConsentForm,
  previewRosterCsv,
  importRosterCsv,
  classroomCourses,
  importFromClassroom,
  certificateDoc,
  emailConsentLinks,
}) satisfies SidebarApi;
