// Undo for the add-on's own writes. Each change (an apply, a schedule, starting pairs) is one version in
// the hidden Undo history tab: the rows its tabs held before, and a fingerprint of what it wrote. Undo
// takes back exactly one version, by number, and only while its tabs still hold what it wrote: a
// tab edited since (by hand, another teacher, the CLI or another action) is never overwritten.
// The add-on creates the tab itself with columns Version, Saved at, Tab, Row in that order.
import { fingerprintOf } from '../../core/scheduling/fingerprint';
import { cellText } from '../store/cells';
import { HISTORY_TAB } from './schema';
import { writeGrid } from '../store/table';
import { Formula, valueOf, type Grid, type GridCell, type TableStore } from '../store/table-store';
import { setUpTab } from './setup';

/** Versions kept; older ones are forgotten (the history must not grow without bound). */
export const MAX_VERSIONS = 10;
/** The `Tab` cell of a version's description row. */
const ABOUT = '#about';

type StoredCell = string | number | boolean | { date: string } | ReturnType<Formula['toJSON']>;

interface About {
  label: string;
  /** Fingerprint of each tab right after the change. */
  after: Record<string, string>;
}

/** A teacher's formula is kept as a formula (Formula.toJSON), so undo restores it. */
function encodeRow(row: GridCell[]): string {
  return JSON.stringify(row.map((cell) => (cell instanceof Date ? { date: cell.toISOString() } : cell)));
}

function decodeRow(text: string): GridCell[] {
  return (JSON.parse(text) as StoredCell[]).map((cell) =>
    typeof cell !== 'object' ? cell : 'formula' in cell ? Formula.fromJSON(cell) : new Date(cell.date),
  );
}

function historyGrid(store: TableStore): Grid {
  if (!store.tabNames().includes(HISTORY_TAB.name)) {
    setUpTab(store, HISTORY_TAB, { created: [], columnsAdded: {}, settingsAdded: [] });
  }
  return store.readTab(HISTORY_TAB.name) ?? [];
}

const versionOf = (row: GridCell[]) => Number(valueOf(row[0])) || 0;

function latestVersion(grid: Grid): number {
  return grid.slice(1).reduce((max, row) => Math.max(max, versionOf(row)), 0);
}

/**
 * What a tab holds, as text: the same content gives the same fingerprint in Sheets and locally. A
 * formula cell (a teacher's own column) counts as blank: its value is the sheet's to compute, and a
 * teacher's formula showing something new is not an edit that Undo would overwrite.
 */
function tabFingerprint(store: TableStore, tab: string): string {
  const grid = store.readTab(tab) ?? [];
  const rows = grid.map((row) => row.map((cell) => (cell instanceof Formula ? '' : cellText(cell))));
  return fingerprintOf(rows.map(withoutTrailingBlanks).filter((row) => row.length > 0));
}

function withoutTrailingBlanks(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return row.slice(0, end);
}

export interface ChangeOptions {
  /** What the change was, as the teacher would say it: "Apply matching". */
  label: string;
  tabs: string[];
  savedAt: Date;
  /** Student IDs on the roster now: older versions that mention anyone else are forgotten. */
  rosterIds?: ReadonlySet<string>;
}

/**
 * Runs `write` (which rewrites `tabs`) as one undoable version: the tabs' rows before and a fingerprint
 * after are stored in one write of the history. Returns the version number.
 */
export function recordChange(store: TableStore, options: ChangeOptions, write: () => void): number {
  const before = options.tabs.map((tab) => [tab, store.readTab(tab) ?? []] as const);
  write();
  const grid = historyGrid(store);
  const version = latestVersion(grid) + 1;
  const about: About = { label: options.label, after: Object.fromEntries(options.tabs.map((tab) => [tab, tabFingerprint(store, tab)])) };
  const rows: GridCell[][] = [[version, options.savedAt, ABOUT, JSON.stringify(about)]];
  for (const [tab, contents] of before) {
    // An empty tab still gets a row, so undo knows to empty it again.
    for (const row of contents.length ? contents : [[]]) rows.push([version, options.savedAt, tab, encodeRow(row)]);
  }
  writeGrid(store, HISTORY_TAB.name, [...retained(grid, options.rosterIds), ...rows]);
  return version;
}

/** The header and the newest versions, minus any that mention a student no longer on the roster. */
function retained(grid: Grid, rosterIds: ReadonlySet<string> | undefined): Grid {
  const [header = HISTORY_TAB.columns.map((c) => c.header), ...rows] = grid;
  const versions = [...new Set(rows.map(versionOf))].sort((a, b) => b - a).slice(0, MAX_VERSIONS - 1);
  const kept = new Set(versions.filter((version) => !rosterIds || !mentionsOthers(rows, version, rosterIds)));
  return [header, ...rows.filter((row) => kept.has(versionOf(row)))];
}

const STUDENT_ID_HEADERS = new Set(['student id', 'tutor id', 'tutee id']);

/** True when a stored row of `version` names a Student ID that is not in `rosterIds`. */
function mentionsOthers(rows: Grid, version: number, rosterIds: ReadonlySet<string>): boolean {
  const idColumns = new Map<string, number[]>();
  for (const row of rows) {
    if (versionOf(row) !== version || row[2] === ABOUT) continue;
    const tab = String(valueOf(row[2]));
    const cells = decodeRow(String(valueOf(row[3])));
    const columns = idColumns.get(tab);
    if (columns === undefined) {
      // The first stored row of a tab is its header row.
      idColumns.set(tab, cells.flatMap((cell, i) => (STUDENT_ID_HEADERS.has(cellText(valueOf(cell)).toLowerCase()) ? [i] : [])));
      continue;
    }
    const idAt = (i: number) => cellText(valueOf(cells[i] ?? ''));
    if (columns.some((i) => idAt(i) !== '' && !rosterIds.has(idAt(i)))) return true;
  }
  return false;
}

export type UndoResult = { restored: string[]; label: string } | { refused: string };

/** Takes back version `version` if its tabs still hold what it wrote; drops it from the history. */
export function undoVersion(store: TableStore, version: number): UndoResult {
  const grid = store.tabNames().includes(HISTORY_TAB.name) ? store.readTab(HISTORY_TAB.name) ?? [] : [];
  const rows = grid.slice(1).filter((row) => versionOf(row) === version);
  const aboutRow = rows.find((row) => row[2] === ABOUT);
  if (!aboutRow) return { refused: 'This change can no longer be undone (it is no longer in the undo history).' };
  const about = JSON.parse(String(valueOf(aboutRow[3]))) as About;
  const changed = Object.keys(about.after).filter((tab) => tabFingerprint(store, tab) !== about.after[tab]);
  if (changed.length) {
    return {
      refused:
        `${changed.join(' and ')} changed after "${about.label}" (edited by hand, by another teacher or by another action). ` +
        'Undo would overwrite that, so nothing was changed.',
    };
  }
  const byTab = new Map<string, Grid>();
  for (const row of rows) {
    if (row[2] === ABOUT) continue;
    const tab = String(valueOf(row[2]));
    const cells = decodeRow(String(valueOf(row[3])));
    byTab.set(tab, [...(byTab.get(tab) ?? []), ...(cells.length ? [cells] : [])]);
  }
  for (const [tab, contents] of byTab) writeGrid(store, tab, widen(contents));
  writeGrid(store, HISTORY_TAB.name, grid.filter((row, i) => i === 0 || versionOf(row) !== version));
  return { restored: [...byTab.keys()], label: about.label };
}

/** Rows of different lengths padded to one width, as a rectangular write needs. */
function widen(rows: Grid): Grid {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<GridCell>(width - row.length).fill('')]);
}
