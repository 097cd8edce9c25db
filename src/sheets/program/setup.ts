// "Set up program": creates every tab of the program database, adds missing columns and settings,
// and styles the headers. Safe to run any number of times: what a teacher added is kept.
import { describeProblem, type Problem } from './problems';
import { CONTRACT_TABS, SETTINGS_TAB, headerKey, type TabSpec } from './schema';
import { INITIAL_SETTINGS, fillSettings } from './settings';
import { indexHeaders, mergedHeaders, writeGrid } from '../store/table';
import type { Grid, GridCell, TableStore, TabStyle } from '../store/table-store';
import { readProgram } from './roster';

export interface SetupReport {
  created: string[];
  /** Tab → headers added to it. */
  columnsAdded: Record<string, string[]>;
  settingsAdded: string[];
}

/** The grid a tab should hold after setup, or null when it already has everything. */
function completedGrid(spec: TabSpec, grid: Grid | null): { grid: Grid; added: string[] } | null {
  const existing = grid ?? [];
  const headers = mergedHeaders(spec, existing[0] ?? []);
  const present = indexHeaders(existing[0] ?? []);
  const added = spec.columns.map((c) => c.header).filter((header) => !present.has(headerKey(header)));
  if (grid !== null && grid.length > 0 && added.length === 0) return null;
  const width = Math.max(headers.length, ...existing.map((row) => row.length));
  const pad = (row: GridCell[]) => [...row, ...Array<GridCell>(width - row.length).fill('')];
  return { grid: [pad(headers), ...existing.slice(1).map(pad)], added };
}

export function tabStyle(spec: TabSpec, headers: GridCell[]): TabStyle {
  const index = indexHeaders(headers);
  const columnOf = (header: string) => index.get(headerKey(header)) ?? -1;
  const notes = headers.map(() => '');
  for (const column of spec.columns) {
    const at = columnOf(column.header);
    if (at >= 0) notes[at] = column.note;
  }
  return {
    columnCount: headers.length,
    headerNotes: notes,
    dropdowns: spec.columns
      .filter((column) => column.dropdown && columnOf(column.header) >= 0)
      .map((column) => ({ column: columnOf(column.header), values: [...(column.dropdown ?? [])] })),
    dateColumns: spec.columns.filter((column) => column.date).map((column) => columnOf(column.header)).filter((at) => at >= 0),
    protectHeader: true,
    hidden: spec.hidden,
  };
}

/** Ensures one tab exists with its headers (and, for Settings, every setting), then styles it. */
export function setUpTab(store: TableStore, spec: TabSpec, report: SetupReport): void {
  const before = store.readTab(spec.name);
  let grid = before ?? [];
  const completed = completedGrid(spec, before);
  if (completed) grid = completed.grid;
  // A new tab that teachers fill starts with an example to copy.
  if (before === null && spec.example) grid = [...grid, ...spec.example];
  const settings = spec === SETTINGS_TAB ? fillSettings(grid, INITIAL_SETTINGS, store.timeZone, false) : null;
  if (settings) grid = settings.grid;
  if (completed || settings) writeGrid(store, spec.name, grid);
  if (before === null) report.created.push(spec.name);
  else if (completed?.added.length) report.columnsAdded[spec.name] = completed.added;
  if (settings && before !== null) report.settingsAdded.push(...settings.added);
  store.styleTab(spec.name, tabStyle(spec, grid[0]));
}

export function setUpProgram(store: TableStore, tabs: TabSpec[] = CONTRACT_TABS): SetupReport {
  const report: SetupReport = { created: [], columnsAdded: {}, settingsAdded: [] };
  for (const spec of tabs) setUpTab(store, spec, report);
  return report;
}

export interface RosterCheck {
  problems: Problem[];
  /** One line per problem, as shown to the teacher. */
  lines: string[];
}

/** The tabs a teacher types into, whose problems `checkRoster` marks. */
export const INPUT_TABS = CONTRACT_TABS.filter((spec) => !spec.output);

/**
 * Notes and highlights each located problem on its cell; on every tab of `tabs` the earlier marks are
 * replaced, so the marks of fixed problems are cleared.
 */
export function markProblems(store: TableStore, problems: Problem[], tabs: TabSpec[]): void {
  const missingTabs = new Set(problems.filter((p) => p.row === 0).map((p) => p.tab));
  const present = new Set(store.tabNames());
  for (const tab of tabs.filter((spec) => present.has(spec.name) && !missingTabs.has(spec.name))) {
    const marks = problems
      .filter((p) => p.tab === tab.name && p.row > 0 && p.columnIndex > 0)
      .map((p) => ({ row: p.row, column: p.columnIndex, message: p.message }));
    store.markCells(tab.name, marks);
  }
}

/** Validates Settings, Blocks and Students and marks each bad cell; marks of fixed problems are cleared. */
export function checkRoster(store: TableStore): RosterCheck {
  const { problems } = readProgram(store);
  markProblems(store, problems, INPUT_TABS);
  return { problems, lines: problems.map(describeProblem) };
}
