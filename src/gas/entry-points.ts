// Every function Apps Script calls by name: triggers, menu items and the sidebar's server calls.
// gas-webpack-plugin turns each export of this file into a top-level function of build/Code.js.
import type { MatchOptions } from '../sheets/matching-service';
import { setUpProgram } from '../sheets/setup';
import { createSidebarApi, type SidebarApi } from '../sheets/sidebar-api';
import { appsScriptHost } from './host';
import { listPage } from './html';

const MENU = [
  ['Set up program', 'menuSetUpProgram'],
  ['Check roster', 'menuCheckRoster'],
  ['Match students', 'menuMatchStudents'],
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
    `${problems.length} problem${problems.length === 1 ? '' : 's'} found. The cells are highlighted and carry a note.`,
    problems.map((problem) => problem.text),
    'No problems found: Settings, Blocks and Students are ready.',
  );
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(page).setWidth(520).setHeight(360), 'Roster check');
}

export function menuMatchStudents(): void {
  const sidebar = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Peer Tutoring');
  SpreadsheetApp.getUi().showSidebar(sidebar);
}

function sidebarApi(): SidebarApi {
  return createSidebarApi(appsScriptHost());
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
export function applyMatches(options: MatchOptions) {
  return sidebarApi().applyMatches(options);
}
export function undoApply() {
  return sidebarApi().undoApply();
}
export function selectCell(tab: string, row: number, column: number) {
  return sidebarApi().selectCell(tab, row, column);
}

// Fails to compile when a sidebar function is missing here or has another signature.
({ getOverview, checkRoster, proposeMatches, alternatives, applyMatches, undoApply, selectCell }) satisfies SidebarApi;
