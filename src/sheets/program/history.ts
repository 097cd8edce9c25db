// Undo for the add-on's own writes. Each change (an apply, a schedule, starting pairs) is one version in
// the hidden Undo history tab: how to turn its tabs back into what they held before, and a fingerprint
// of what it wrote. Undo takes back exactly one version, by number, and only while its tabs still hold
// what it wrote: a tab edited since (by hand, another teacher, the CLI or another action) is never
// overwritten.
// A version stores only the rows its change replaced, as hunks ("at row 120 of what was written, these
// 3 rows were those 2"), found by a diff of the tab before and after (hunks.ts): a schedule that ends
// one pair of a 57,000-session year stores its 38 sessions, not the whole tab (which made such a run
// take 2 GB).
// The add-on creates the tab itself with columns Version, Saved at, Tab, Row in that order. In Row: a
// hunk's start ({"at":…,"drop":…}), then the rows it restores, one per history row (a Sheets cell
// holds at most 50,000 characters). Versions written before hunks hold every row of the tab.
import { fingerprintOfRows, textHash } from '../../core/scheduling/fingerprint';
import { cellText } from '../store/cells';
import { HISTORY_TAB } from './schema';
import { writeGrid } from '../store/table';
import { Formula, valueOf, type Grid, type GridCell, type TableStore } from '../store/table-store';
import { hunksBetween, type Hunk, type RowComparison } from './hunks';
import { setUpTab } from './setup';

/** Versions kept; older ones are forgotten (the history must not grow without bound). */
export const MAX_VERSIONS = 10;
/** The `Tab` cell of a version's description row. */
const ABOUT = '#about';
/**
 * Row edits beyond which the diff gives up and the version stores the rows in between whole. The
 * diff's time grows with rows × edits and its memory with edits²: at this limit, 0.1 s and 40 MB for
 * 57,000 rows in Node.
 */
const MAX_EDITS = 3_000;

type StoredCell = string | number | boolean | { date: string } | ReturnType<Formula['toJSON']>;

interface About {
  label: string;
  /** Fingerprint of each tab right after the change. */
  after: Record<string, string>;
  /** Each tab's header row before the change (as text): which stored cells are Student IDs. */
  headers?: Record<string, string[]>;
}

/** A teacher's formula is kept as a formula (Formula.toJSON), so undo restores it. */
function encodeRow(row: GridCell[]): string {
  return JSON.stringify(row.map((cell) => (cell instanceof Date ? { date: cell.toISOString() } : cell)));
}

/**
 * Rows compare cell by cell as stored: equal texts, numbers and booleans, dates at the same instant,
 * formulas with the same text at the same place (their cached results aside, as their JSON). A row's
 * number mixes its cells' (a text's worked out once per text: rows repeat names, places, agendas).
 */
function rowComparison(): RowComparison<GridCell[]> {
  const textHashes = new Map<string, number>();
  const hashOf = (text: string) => {
    let hash = textHashes.get(text);
    if (hash === undefined) textHashes.set(text, (hash = textHash(text)));
    return hash;
  };
  const cellHash = (cell: GridCell): number => {
    if (typeof cell === 'string') return hashOf(cell);
    if (typeof cell === 'number') return (cell * 1000) | 0;
    if (typeof cell === 'boolean') return cell ? 1 : 2;
    if (cell instanceof Date) return (cell.getTime() / 1000) | 0;
    return cell instanceof Formula ? hashOf(cell.text) ^ (cell.row * 31 + cell.column) : 0;
  };
  return {
    hash: (row) => {
      let hash = row.length;
      for (const cell of row) hash = Math.imul(hash ^ cellHash(cell), 0x01000193);
      return hash;
    },
    equal: (a, b) => {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!sameCell(a[i], b[i])) return false;
      return true;
    },
  };
}

function sameCell(a: GridCell, b: GridCell): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Formula && b instanceof Formula) return a.text === b.text && a.row === b.row && a.column === b.column;
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

function decodeCells(cells: StoredCell[]): GridCell[] {
  return cells.map((cell) => (typeof cell !== 'object' ? cell : 'formula' in cell ? Formula.fromJSON(cell) : new Date(cell.date)));
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
function gridFingerprint(grid: Grid): string {
  return fingerprintOfRows(textRows(grid));
}

/** The grid's non-empty rows as text, without their trailing blanks (a formula counts as blank). */
function* textRows(grid: Grid): Generator<string[]> {
  for (const row of grid) {
    const texts = row.map((cell) => (cell instanceof Formula ? '' : cellText(cell)));
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    if (texts.length > 0) yield texts;
  }
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
 * Runs `write` (which rewrites `tabs`) as one undoable version: the hunks that take the tabs back and a
 * fingerprint after are stored in one write of the history. Returns the version number.
 */
export function recordChange(store: TableStore, options: ChangeOptions, write: () => void): number {
  const before = options.tabs.map((tab) => [tab, store.readTab(tab) ?? []] as const);
  write();
  const grid = historyGrid(store);
  const version = latestVersion(grid) + 1;
  const about: About = { label: options.label, after: {}, headers: {} };
  const rows: GridCell[][] = [];
  for (const [tab, contents] of before) {
    const after = store.readTab(tab) ?? [];
    about.after[tab] = gridFingerprint(after);
    about.headers![tab] = (contents[0] ?? []).map((cell) => cellText(valueOf(cell)));
    for (const hunk of hunksBetween(after, contents, rowComparison(), MAX_EDITS)) {
      rows.push([version, options.savedAt, tab, JSON.stringify({ at: hunk.at, drop: hunk.drop })]);
      for (const row of hunk.rows) rows.push([version, options.savedAt, tab, encodeRow(row)]);
    }
  }
  rows.unshift([version, options.savedAt, ABOUT, JSON.stringify(about)]);
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
  const own = rows.filter((row) => versionOf(row) === version);
  const aboutRow = own.find((row) => row[2] === ABOUT);
  const about = aboutRow ? (JSON.parse(String(valueOf(aboutRow[3]))) as About) : null;
  for (const [tab, hunks] of storedHunks(own, about)) {
    // Versions written before hunks hold the header row first.
    const header = about?.headers?.[tab] ?? (hunks[0]?.rows[0] ?? []).map((cell) => cellText(valueOf(cell)));
    const columns = header.flatMap((text, i) => (STUDENT_ID_HEADERS.has(text.toLowerCase()) ? [i] : []));
    for (const { row, index } of rowsBefore(hunks)) {
      if (index === 0) continue; // the header row
      const idAt = (i: number) => cellText(valueOf(row[i] ?? ''));
      if (columns.some((i) => idAt(i) !== '' && !rosterIds.has(idAt(i)))) return true;
    }
  }
  return false;
}

/** The hunks' rows with their row indexes in the tab as it was before the change. */
function rowsBefore(hunks: Hunk<GridCell[]>[]): { row: GridCell[]; index: number }[] {
  const found: { row: GridCell[]; index: number }[] = [];
  let shift = 0;
  for (const hunk of hunks) {
    hunk.rows.forEach((row, j) => found.push({ row, index: hunk.at + shift + j }));
    shift += hunk.rows.length - hunk.drop;
  }
  return found;
}

/**
 * Each tab's hunks from a version's stored rows. A version written before hunks holds every row the
 * tab had (an empty tab as one empty row): one hunk that replaces the whole tab.
 */
function storedHunks(rows: Grid, about: About | null): Map<string, Hunk<GridCell[]>[]> {
  const byTab = new Map<string, Hunk<GridCell[]>[]>(Object.keys(about?.after ?? {}).map((tab) => [tab, []] as [string, Hunk<GridCell[]>[]]));
  for (const row of rows) {
    if (row[2] === ABOUT) continue;
    const tab = String(valueOf(row[2]));
    const stored = JSON.parse(String(valueOf(row[3]))) as StoredCell[] | { at: number; drop: number };
    const hunks = byTab.get(tab) ?? [];
    byTab.set(tab, hunks);
    if (!Array.isArray(stored)) {
      hunks.push({ at: stored.at, drop: stored.drop, rows: [] });
      continue;
    }
    if (hunks.length === 0) hunks.push({ at: 0, drop: Infinity, rows: [] });
    if (stored.length) hunks[hunks.length - 1].rows.push(decodeCells(stored));
  }
  return byTab;
}

/** The tab as written with each hunk put back. */
function withHunksBack(current: Grid, hunks: Hunk<GridCell[]>[]): Grid {
  const rows: Grid = [];
  let next = 0;
  for (const hunk of hunks) {
    rows.push(...current.slice(next, hunk.at), ...hunk.rows);
    next = hunk.at + hunk.drop;
  }
  return [...rows, ...current.slice(next)];
}

export type UndoResult = { restored: string[]; label: string } | { refused: string };

/** Takes back version `version` if its tabs still hold what it wrote; drops it from the history. */
export function undoVersion(store: TableStore, version: number): UndoResult {
  const grid = store.tabNames().includes(HISTORY_TAB.name) ? store.readTab(HISTORY_TAB.name) ?? [] : [];
  const rows = grid.slice(1).filter((row) => versionOf(row) === version);
  const aboutRow = rows.find((row) => row[2] === ABOUT);
  if (!aboutRow) return { refused: 'This change can no longer be undone (it is no longer in the undo history).' };
  const about = JSON.parse(String(valueOf(aboutRow[3]))) as About;
  // Each tab is read once: to check it still holds what the version wrote, then to put its hunks back.
  const current = new Map(Object.keys(about.after).map((tab) => [tab, store.readTab(tab) ?? []] as [string, Grid]));
  const changed = [...current].filter(([tab, contents]) => gridFingerprint(contents) !== about.after[tab]).map(([tab]) => tab);
  if (changed.length) {
    return {
      refused:
        `${changed.join(' and ')} changed after "${about.label}" (edited by hand, by another teacher or by another action). ` +
        'Undo would overwrite that, so nothing was changed.',
    };
  }
  const byTab = storedHunks(rows, about);
  for (const [tab, hunks] of byTab) {
    if (hunks.length) writeGrid(store, tab, widen(withHunksBack(current.get(tab) ?? [], hunks)));
  }
  writeGrid(store, HISTORY_TAB.name, grid.filter((row, i) => i === 0 || versionOf(row) !== version));
  return { restored: [...byTab.keys()], label: about.label };
}

/** Rows of different lengths padded to one width, as a rectangular write needs. */
function widen(rows: Grid): Grid {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<GridCell>(width - row.length).fill('')]);
}
