// Undo for the add-on's own writes: before a tab is replaced, its previous rows are appended to the
// hidden History tab under a new version number; undo writes the newest version back.
// The add-on creates History itself with columns Version, Saved at, Tab, Row in that order.
import { HISTORY_TAB } from './schema';
import { writeGrid } from './table';
import { Formula, type Cell, type Grid, type GridCell, type TableStore } from './table-store';
import { setUpTab } from './setup';

type StoredCell = string | number | boolean | { date: string } | ReturnType<Formula['toJSON']>;

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

function latestVersion(grid: Grid): number {
  return grid.slice(1).reduce((max, row) => Math.max(max, Number(row[0]) || 0), 0);
}

/** Saves the current contents of `tabs` as one new version; returns its number. */
export function saveVersion(store: TableStore, tabs: string[], savedAt: Date): number {
  const grid = historyGrid(store);
  const version = latestVersion(grid) + 1;
  const rows = tabs.flatMap((tab) => {
    const contents = store.readTab(tab) ?? [];
    // An empty tab still gets a row, so undo knows to empty it again.
    return (contents.length ? contents : [[]]).map((row) => [version, savedAt, tab, encodeRow(row)] as Cell[]);
  });
  writeGrid(store, HISTORY_TAB.name, [...grid, ...rows]);
  return version;
}

/** Restores the newest saved version and drops it from History; returns the tabs restored. */
export function undoLatestVersion(store: TableStore): string[] {
  if (!store.tabNames().includes(HISTORY_TAB.name)) return [];
  const grid = store.readTab(HISTORY_TAB.name) ?? [];
  const version = latestVersion(grid);
  if (version === 0) return [];
  const byTab = new Map<string, Grid>();
  for (const row of grid.slice(1).filter((r) => Number(r[0]) === version)) {
    const tab = String(row[2]);
    const cells = decodeRow(String(row[3]));
    byTab.set(tab, [...(byTab.get(tab) ?? []), ...(cells.length ? [cells] : [])]);
  }
  for (const [tab, rows] of byTab) writeGrid(store, tab, widen(rows));
  writeGrid(store, HISTORY_TAB.name, grid.filter((row, i) => i === 0 || Number(row[0]) !== version));
  return [...byTab.keys()];
}

/** Rows of different lengths padded to one width, as a rectangular write needs. */
function widen(rows: Grid): Grid {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<Cell>(width - row.length).fill('')]);
}
