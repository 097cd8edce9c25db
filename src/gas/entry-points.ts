// Every function Apps Script calls by name: triggers, menu items and the sidebar's server calls.
// gas-webpack-plugin turns each export of this file into a top-level function of build/Code.js.
import type { ApplyRequest, MatchOptions } from '../sheets/matching-service';
import type { PairAction } from '../sheets/pair-actions';
import { setUpProgram } from '../sheets/setup';
import { programToday } from '../sheets/settings';
import { createSidebarApi, runSchedule, type HostEnvironment, type ScheduleOptions, type ScheduleOutcome, type SidebarApi } from '../sheets/sidebar-api';
import { calendarPort } from './calendar-sync';
import { appsScriptHost } from './host';
import { listPage } from './html';

const MENU = [
  ['Set up program', 'menuSetUpProgram'],
  ['Check roster', 'menuCheckRoster'],
  ['Match students', 'menuMatchStudents'],
  ['Schedule sessions', 'menuScheduleSessions'],
] as const;

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
  const outcome = sidebarApi().scheduleSessions({ sendInvitations: false });
  const heading = scheduleHeading(outcome);
  const page = listPage(heading, scheduleLines(outcome).map((text) => ({ text })), heading);
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(page).setWidth(520).setHeight(360), 'Schedule sessions');
}

/** The follow-up run of a Calendar sync cut by Apps Script's limits (a time-based trigger). */
export function continueCalendarSync(): void {
  const host = hostWithCalendar();
  host.withDocumentLock(() => {
    runSchedule(host, programToday(host.store, host.now()), host.calendar!.pendingInvitationChoice(), false);
  });
}

function scheduleHeading({ sessions, calendar }: ScheduleOutcome): string {
  const tab = `Sessions: ${sessions.sessions} (${sessions.added} added, ${sessions.moved} moved, ${sessions.removed} removed).`;
  if (!calendar) return tab;
  const events = ` Calendar: ${calendar.created} series created, ${calendar.updated} updated, ${calendar.ended} ended, ${calendar.unchanged} unchanged, ${calendar.recreated} recreated.`;
  const rest = calendar.done ? '' : ` ${calendar.remaining} Calendar changes are left; they continue on their own in a minute.`;
  return tab + events + rest;
}

function scheduleLines({ sessions, calendar }: ScheduleOutcome): string[] {
  return [...(calendar?.notices ?? []), ...sessions.warnings, ...sessions.shortfalls];
}

function hostWithCalendar(): HostEnvironment {
  // Built lazily: menus and sidebar calls that do not schedule never touch Calendar or triggers.
  const calendar = calendarPort(() => ({
    calendarApp: CalendarApp,
    properties: PropertiesService.getDocumentProperties(),
    scriptApp: ScriptApp,
    sleep: (milliseconds) => Utilities.sleep(milliseconds),
    clock: () => Date.now(),
  }));
  return { ...appsScriptHost(), calendar };
}

function sidebarApi(): SidebarApi {
  return createSidebarApi(hostWithCalendar());
}

// The sidebar's server functions (called through google.script.run).
export function getOverview() {
  return sidebarApi().getOverview();
}
export function checkRoster() {
  return sidebarApi().checkRoster();
}
export function proposeMatches(options: MatchOptions) {
  return sidebarApi().proposeMatches(options);
}
export function alternatives(options: MatchOptions, need: Parameters<SidebarApi['alternatives']>[1]) {
  return sidebarApi().alternatives(options, need);
}
export function applyMatches(request: ApplyRequest) {
  return sidebarApi().applyMatches(request);
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
export function talkRequests() {
  return sidebarApi().talkRequests();
}
export function markTalkHandled(responseId: string) {
  return sidebarApi().markTalkHandled(responseId);
}
export function selectCell(tab: string, row: number, column: number) {
  return sidebarApi().selectCell(tab, row, column);
}

export function previewSchedule() {
  return sidebarApi().previewSchedule();
}
export function scheduleSessions(options: ScheduleOptions) {
  return sidebarApi().scheduleSessions(options);
}
export function calendarSyncStatus() {
  return sidebarApi().calendarSyncStatus();
}

// Fails to compile when a sidebar function is missing here or has another signature.
({
  getOverview,
  checkRoster,
  proposeMatches,
  alternatives,
  applyMatches,
  undoChange,
  pairsAwaitingStart,
  changePairs,
  talkRequests,
  markTalkHandled,
  selectCell,
  previewSchedule,
  scheduleSessions,
  calendarSyncStatus,
}) satisfies SidebarApi;
